// fwsift matcher benchmark (DESIGN.md "Performance targets"; STYLE.md §2 "benchmarks are data").
//
//   npm run bench                      build, then run with the defaults below
//   FWSIFT_BENCH_MIB=64 node bench/run.js   a smaller corpus (quick check)
//   FWSIFT_BENCH_RUNS=5 node bench/run.js   more timed fwsift runs (best and median kept)
//   FWSIFT_BENCH_RG_RUNS=3 node bench/run.js  more timed ripgrep runs (default 1: a pass takes minutes)
//   FWSIFT_BENCH_RG=0 node bench/run.js       fwsift only (nothing is recorded)
//   FWSIFT_BENCH_PEERS=0 node bench/run.js    without the whole-process, yara and binwalk runs
//   FWSIFT_BENCH_BASELINE=DIR node bench/run.js  also scan with the build in DIR (e.g. the commit
//                                             before an optimisation) and require identical findings
//
// Both wall-clock and CPU time (user + system) are recorded: on a shared machine the wall clock
// measures the other processes too, so the ratio is also given in CPU time.
//
// 1. Generates a deterministic mixed binary corpus (mulberry32 PRNG, fixed seed) in a private
//    temp dir: random bytes, ELF-like string tables, UTF-16LE text, GBK text, zero/0xFF
//    padding, and every few hundred KiB one needle of the shipped packs planted in its natural
//    host (raw bytes, escapes inside a string literal, base64 at its phase).
// 2. Times fwsift's matcher over the file in 1 MiB reads: automaton + streaming searcher +
//    verification of every candidate (what `fwsift scan` does per object, without unpacking,
//    context and confidence), all needles of the shipped packs in every encoding and form.
// 3. Times `rg -a -c -f <the same needles exported as (?-u:\xNN…) lines>` on the same file
//    (ripgrep's own timing includes its regex compile; fwsift's includes expand + compile).
// 4. Checks that every match `rg -a -o -b` reports is a candidate fwsift reports too, and that
//    every planted needle is found and verified.
// 5. Times the reference single walk (bench/reference-walk.js, the matcher before lanes) and
//    checks that the shipped searcher gives the same candidates, in the same order.
// 6. Times `fwsift scan` on the corpus (the whole process), yara with the same needles and
//    binwalk's signature scan (bench/peers.js), and compares the report's findings with the
//    last recorded run on the same corpus (identical apart from timings, or the bench fails).
// 7. Prints MB/s and the ratios, and records everything with machine info in
//    bench/results/<date>.json; `node bench/chart.js` draws docs/benchmarks.svg from it.
//
// Plain JavaScript over dist/ so it measures the shipped build. Skips ripgrep (with a clear
// message) when `rg` is not on PATH.
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileAutomaton } from '../dist/match/automaton.js';
import { scanChunk, scanChunkInJs } from '../dist/match/scan-chunk.js';
import { createSearcher } from '../dist/match/searcher.js';
import { verifyCandidate } from '../dist/match/verify.js';
import { exportRipgrep } from '../dist/patterns/export.js';
import { loadPacks, shippedPackPaths } from '../dist/patterns/load.js';
import { expandTerms } from '../dist/patterns/needles.js';
import { generateCorpus, seed } from './corpus.js';
import { referenceWalk } from './reference-walk.js';
import { runPeers } from './peers.js';
import { timedCommand, toolVersion } from './timed.js';

const corpusMiB = Number(process.env.FWSIFT_BENCH_MIB ?? 256);
const runs = Number(process.env.FWSIFT_BENCH_RUNS ?? 3);
/** ripgrep is slow with thousands of patterns (minutes per pass): fewer timed runs by default. */
const rgRuns = Number(process.env.FWSIFT_BENCH_RG_RUNS ?? 1);
const readChunkBytes = 1024 * 1024;
const resultsDir = new URL('./results/', import.meta.url);

// ---------------------------------------------------------------------------------------------
// Engines

function readChunks(path, onChunk) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(readChunkBytes);
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, readChunkBytes, null);
      if (n === 0) break;
      onChunk(n === readChunkBytes ? buffer : buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** One fwsift pass: every candidate verified. Returns counts and, when asked, candidate starts. */
function fwsiftPass(path, automaton, needles, { collect = false, verify = true, watch = new Set() } = {}) {
  const searcher = createSearcher(automaton, needles, { lookBehind: 256, lookAhead: 256 });
  let candidates = 0;
  let verified = 0;
  const starts = collect ? new Set() : undefined;
  /** Every candidate as `id@start`, in emission order: compared with the reference walk. */
  const sequence = collect ? [] : undefined;
  const verifiedKeys = collect ? new Set() : undefined;
  /** Verdicts of watched candidates (`id@start`), to explain a planted needle that is not verified. */
  const verdicts = new Map();
  const sink = (c, w) => {
    candidates++;
    starts?.add(c.start);
    sequence?.push(`${c.needle.id}@${c.start}`);
    if (!verify) return;
    const verdict = verifyCandidate(c, w);
    const key = `${c.needle.id}@${c.start}`;
    if (watch.has(key) && !verdict.ok) {
      const at = c.start - w.windowStart;
      verdicts.set(key, { ...verdict, hex: Buffer.from(w.bytes.subarray(Math.max(0, at - 48), at + c.needle.bytes.length + 48)).toString('hex'), at: Math.min(48, at) });
    }
    if (verdict.ok) {
      verified++;
      verifiedKeys?.add(key);
    }
  };
  readChunks(path, (chunk) => searcher.push(chunk, sink));
  searcher.end(sink);
  return { candidates, verified, starts, sequence, verifiedKeys, verdicts };
}

/** The matcher core alone (`scanChunk` or its JavaScript fallback) over 1 MiB reads: every match as `end:state`. */
function corePass(path, automaton, scan) {
  const matches = [];
  const out = { ends: [], states: [] };
  let state = automaton.startState;
  let base = 0;
  readChunks(path, (chunk) => {
    state = scan(automaton, chunk, state, out);
    for (let k = 0; k < out.ends.length; k++) matches.push(`${base + out.ends[k]}:${out.states[k]}`);
    out.ends.length = 0;
    out.states.length = 0;
    base += chunk.length;
  });
  return matches;
}

/** The reference walk (no lanes): candidates as `id@start` in order, or only their count. */
function referencePass(path, automaton, collect = false) {
  const sequence = [];
  let count = 0;
  referenceWalk(automaton, (onChunk) => readChunks(path, onChunk), (id, end) => {
    count++;
    if (collect) sequence.push(`${id}@${end - automaton.needleLengths[id]}`);
  });
  return collect ? sequence : count;
}

/**
 * The latest recorded result for the same corpus that has a findings digest of the corpus scanned
 * by name (`findingsOf`; earlier digests held the run's temporary folder). Results are named by date.
 */
function previousResult(current) {
  let files = [];
  try {
    files = readdirSync(resultsDir).filter((name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name)).sort().reverse();
  } catch {}
  for (const name of files) {
    const old = JSON.parse(readFileSync(new URL(name, resultsDir), 'utf8'));
    if (old.corpus?.bytes === current.corpus.bytes && old.corpus?.seed === current.corpus.seed && old.wholeProcess?.findingsOf === current.wholeProcess?.findingsOf && old.wholeProcess?.findingsSha256 !== undefined) return old;
  }
  return undefined;
}

/** Index of the first difference between two candidate sequences, or -1. */
function firstDifference(a, b) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Runs `fn` `count` times; `fn` returns `{ value, cpuMs? }` or a plain value (CPU time then measured in this process). */
function timeRuns(label, fn, count = runs) {
  const times = [];
  const cpu = [];
  let last;
  for (let r = 0; r < count; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const out = fn();
    times.push(performance.now() - t);
    const own = process.cpuUsage(c);
    const measured = out !== null && typeof out === 'object' && 'cpuMs' in out;
    cpu.push(measured ? out.cpuMs : (own.user + own.system) / 1000);
    last = measured ? out.value : out;
    process.stdout.write(`  ${label} run ${r + 1}: ${(times.at(-1) / 1000).toFixed(2)} s wall, ${(cpu.at(-1) / 1000).toFixed(2)} s cpu\n`);
  }
  const best = (list) => Math.min(...list);
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { bestMs: best(times), medianMs: median(times), bestCpuMs: best(cpu), medianCpuMs: median(cpu), times, cpu, last };
}

function rg(args) {
  return timedCommand('rg', args).value;
}

/** Start offsets of `rg -a -o -b` output lines (`OFFSET:match bytes`). */
function parseOffsets(output) {
  const offsets = [];
  for (let at = 0; at < output.length; ) {
    let end = output.indexOf(0x0a, at);
    if (end === -1) end = output.length;
    const colon = output.indexOf(0x3a, at);
    if (colon > at && colon < end) offsets.push(Number(output.subarray(at, colon).toString('latin1')));
    at = end + 1;
  }
  return offsets;
}

// ---------------------------------------------------------------------------------------------

const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);

async function main() {
  const { packs, problems } = await loadPacks(shippedPackPaths());
  if (problems.length > 0) throw new Error(`shipped packs do not load: ${JSON.stringify(problems)}`);
  const terms = packs.flatMap((pack) => pack.terms);

  const tExpand = performance.now();
  const set = expandTerms(terms);
  const expandMs = performance.now() - tExpand;
  const tCompile = performance.now();
  const automaton = compileAutomaton(set.needles);
  const compileMs = performance.now() - tCompile;
  const needles = set.needles;
  const byCell = {};
  for (const n of needles) byCell[`${n.encoding}/${n.form}`] = (byCell[`${n.encoding}/${n.form}`] ?? 0) + 1;

  const dir = mkdtempSync(join(tmpdir(), 'fwsift-bench-'));
  try {
    const corpus = join(dir, 'corpus.bin');
    const size = corpusMiB * 1024 * 1024;
    process.stdout.write(`generating ${corpusMiB} MiB corpus in ${dir} …\n`);
    const planted = generateCorpus(corpus, size, needles);

    process.stdout.write(`fwsift: ${needles.length} needles, ${automaton.stateCount} states (${automaton.denseStateCount} dense), ${automaton.classCount} classes, ${(automaton.memoryUsage / 2 ** 20).toFixed(2)} MiB; expand ${expandMs.toFixed(0)} ms, compile ${compileMs.toFixed(0)} ms\n`);
    fwsiftPass(corpus, automaton, needles); // warm-up: JIT and page cache
    const reference = timeRuns('reference single walk (before lanes)', () => referencePass(corpus, automaton));
    const matcherOnly = timeRuns('fwsift automaton+searcher', () => fwsiftPass(corpus, automaton, needles, { verify: false }));
    const coreWasm = timeRuns('matcher core, WebAssembly lanes', () => corePass(corpus, automaton, scanChunk));
    const coreJs = timeRuns('matcher core, JavaScript lanes (fallback)', () => corePass(corpus, automaton, scanChunkInJs));
    const coreSame = firstDifference(coreWasm.last, coreJs.last) === -1;
    const fwsift = timeRuns('fwsift automaton+searcher+verify', () => fwsiftPass(corpus, automaton, needles));
    const fwsiftEndToEndMs = fwsift.bestMs + expandMs + compileMs;
    const check = fwsiftPass(corpus, automaton, needles, { collect: true, watch: new Set(planted.map((p) => `${p.id}@${p.start}`)) });
    const referenceSequence = referencePass(corpus, automaton, true);
    const differsAt = firstDifference(referenceSequence, check.sequence);
    const plantedFound = planted.filter((p) => check.verifiedKeys.has(`${p.id}@${p.start}`)).length;
    const plantedMissed = planted
      .filter((p) => !check.verifiedKeys.has(`${p.id}@${p.start}`))
      .map((p) => {
        const n = needles[p.id];
        const verdict = check.verdicts.get(`${p.id}@${p.start}`);
        return {
          needle: `${n.term.id} ${n.variant} ${n.encoding}/${n.syntax}`,
          offset: p.start,
          why: verdict === undefined ? 'no candidate' : `${verdict.reason}: ${verdict.detail}`,
          ...(verdict === undefined ? {} : { context: { hex: verdict.hex, hitAt: verdict.at } }),
        };
      });

    const result = {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), platform: `${platform()} ${release()}`, node: process.version, loadAverage: loadavg() },
      corpus: { bytes: size, seed, planted: planted.length, readChunkBytes },
      needles: { total: needles.length, byCell, maxLength: automaton.maxNeedleLength },
      automaton: { states: automaton.stateCount, denseStates: automaton.denseStateCount, classes: automaton.classCount, memoryBytes: automaton.memoryUsage, expandMs, compileMs },
      fwsift: {
        referenceWalk: { bestMs: reference.bestMs, mbps: mbps(size, reference.bestMs), bestCpuMs: reference.bestCpuMs, cpuMbps: mbps(size, reference.bestCpuMs) },
        sameCandidatesAsReference: differsAt === -1,
        matcherOnly: { bestMs: matcherOnly.bestMs, medianMs: matcherOnly.medianMs, mbps: mbps(size, matcherOnly.bestMs), bestCpuMs: matcherOnly.bestCpuMs, cpuMbps: mbps(size, matcherOnly.bestCpuMs) },
        matcherCore: {
          wasm: { bestMs: coreWasm.bestMs, mbps: mbps(size, coreWasm.bestMs), bestCpuMs: coreWasm.bestCpuMs, cpuMbps: mbps(size, coreWasm.bestCpuMs) },
          js: { bestMs: coreJs.bestMs, mbps: mbps(size, coreJs.bestMs), bestCpuMs: coreJs.bestCpuMs, cpuMbps: mbps(size, coreJs.bestCpuMs) },
          sameMatches: coreSame,
        },
        withVerify: { bestMs: fwsift.bestMs, medianMs: fwsift.medianMs, mbps: mbps(size, fwsift.bestMs), bestCpuMs: fwsift.bestCpuMs, cpuMbps: mbps(size, fwsift.bestCpuMs) },
        endToEnd: { ms: fwsiftEndToEndMs, mbps: mbps(size, fwsiftEndToEndMs), note: 'best scan + expand + compile' },
        candidates: check.candidates,
        verified: check.verified,
        plantedFound,
        plantedMissed,
      },
    };

    const rgVersion = process.env.FWSIFT_BENCH_RG === '0' ? undefined : toolVersion('rg');
    if (process.env.FWSIFT_BENCH_RG === '0') {
      process.stdout.write('ripgrep: skipped (FWSIFT_BENCH_RG=0)\n');
      result.ripgrep = { skipped: 'FWSIFT_BENCH_RG=0' };
    } else if (rgVersion === undefined) {
      process.stdout.write('ripgrep: skipped (rg is not on PATH; install ripgrep to compare)\n');
      result.ripgrep = { skipped: 'rg not on PATH' };
    } else {
      const searchable = needles.filter((n) => !n.bytes.includes(0x0a));
      const patterns = join(dir, 'needles.rg');
      writeFileSync(patterns, exportRipgrep(searchable));
      const exactPatterns = join(dir, 'needles-exact.rg');
      writeFileSync(exactPatterns, exportRipgrep(searchable, { exactCase: true }));
      // The corpus is in the page cache already (fwsift's runs read it).
      const rgRun = timeRuns('rg -a -c -f (case classes)', () => timedCommand('rg', ['-a', '-c', '-f', patterns, corpus]), rgRuns);
      const rgExact = timeRuns('rg -a -c -f (exact case)', () => timedCommand('rg', ['-a', '-c', '-f', exactPatterns, corpus]), rgRuns);
      const offsets = parseOffsets(rg(['-a', '-o', '-b', '--no-filename', '--color', 'never', '-f', patterns, corpus]));
      const missed = offsets.filter((o) => !check.starts.has(o));
      result.ripgrep = {
        version: rgVersion,
        needles: searchable.length,
        leftOut: needles.length - searchable.length,
        leftOutReason: 'needles containing 0x0A: ripgrep cannot match a line terminator',
        caseClasses: { bestMs: rgRun.bestMs, medianMs: rgRun.medianMs, mbps: mbps(size, rgRun.bestMs), bestCpuMs: rgRun.bestCpuMs, cpuMbps: mbps(size, rgRun.bestCpuMs), matchingLines: Number(rgRun.last.toString().trim() || 0) },
        exactCase: { bestMs: rgExact.bestMs, medianMs: rgExact.medianMs, mbps: mbps(size, rgExact.bestMs), bestCpuMs: rgExact.bestCpuMs, cpuMbps: mbps(size, rgExact.bestCpuMs) },
        matches: offsets.length,
        matchesFwsiftMissed: missed.length,
      };
      result.ratio = {
        fwsiftOverRipgrep: rgRun.bestMs / fwsift.bestMs,
        fwsiftOverRipgrepCpu: rgRun.bestCpuMs / fwsift.bestCpuMs,
        fwsiftOverRipgrepExactCase: rgExact.bestMs / fwsift.bestMs,
        fwsiftOverRipgrepExactCaseCpu: rgExact.bestCpuMs / fwsift.bestCpuMs,
        fwsiftEndToEndOverRipgrep: rgRun.bestMs / fwsiftEndToEndMs,
      };
    }

    if (process.env.FWSIFT_BENCH_PEERS !== '0') {
      Object.assign(result, runPeers({ corpus, dir, size, needles, timeRuns, runs: Math.min(runs, 2) }));
      const previous = previousResult(result);
      result.wholeProcess.sameFindingsAs = previous === undefined ? null : { date: previous.date, identical: previous.wholeProcess.findingsSha256 === result.wholeProcess.findingsSha256 };
    }

    const file = new URL(`${result.date.slice(0, 10)}.json`, resultsDir);

    const line = (name, ms, cpuMs) =>
      `  ${name.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(8)} s ${mbps(size, ms).toFixed(1).padStart(7)} MB/s wall` +
      (cpuMs === undefined ? '' : `  ${(cpuMs / 1000).toFixed(2).padStart(8)} s ${mbps(size, cpuMs).toFixed(1).padStart(7)} MB/s cpu`);
    process.stdout.write(`\n${corpusMiB} MiB, ${needles.length} needles, ${result.machine.cpu} × ${result.machine.cores}, load ${loadavg()[0].toFixed(1)}\n`);
    process.stdout.write(`${line('reference single walk (before lanes)', reference.bestMs, reference.bestCpuMs)}\n`);
    process.stdout.write(
      differsAt === -1
        ? `  candidates identical to the reference walk (${check.sequence.length})\n`
        : `  CANDIDATES DIFFER from the reference walk at #${differsAt}: ${referenceSequence[differsAt]} vs ${check.sequence[differsAt]}\n`,
    );
    process.stdout.write(`${line('matcher core, WebAssembly lanes', coreWasm.bestMs, coreWasm.bestCpuMs)}\n${line('matcher core, JavaScript lanes (fallback)', coreJs.bestMs, coreJs.bestCpuMs)}\n`);
    process.stdout.write(coreSame ? `  matches identical in both (${coreWasm.last.length})\n` : `  MATCHES DIFFER between the WebAssembly and JavaScript lanes\n`);
    process.stdout.write(`${line('fwsift automaton+searcher', matcherOnly.bestMs, matcherOnly.bestCpuMs)}\n${line('fwsift automaton+searcher+verify', fwsift.bestMs, fwsift.bestCpuMs)}\n${line('fwsift incl. expand+compile (wall)', fwsiftEndToEndMs)}\n`);
    if (result.ripgrep.version !== undefined) {
      process.stdout.write(`${line('rg -a -c -f (case classes, same needles)', result.ripgrep.caseClasses.bestMs, result.ripgrep.caseClasses.bestCpuMs)}\n${line('rg -a -c -f (exact case only)', result.ripgrep.exactCase.bestMs, result.ripgrep.exactCase.bestCpuMs)}\n`);
      process.stdout.write(`  ratio fwsift/rg: ${result.ratio.fwsiftOverRipgrep.toFixed(1)}× wall, ${result.ratio.fwsiftOverRipgrepCpu.toFixed(1)}× cpu (exact-case rg: ${result.ratio.fwsiftOverRipgrepExactCase.toFixed(1)}× wall, ${result.ratio.fwsiftOverRipgrepExactCaseCpu.toFixed(1)}× cpu)\n`);
      process.stdout.write(`  rg matches ${result.ripgrep.matches}, of which fwsift missed ${result.ripgrep.matchesFwsiftMissed}; fwsift candidates ${check.candidates}, verified ${check.verified}\n`);
    }
    process.stdout.write(`  planted ${planted.length}, found and verified ${plantedFound}\n`);
    for (const miss of plantedMissed) {
      process.stdout.write(`    not verified: ${miss.needle} @${miss.offset}: ${miss.why}\n`);
      if (miss.context !== undefined) process.stdout.write(`      bytes around it (hit at ${miss.context.hitAt}): ${miss.context.hex}\n`);
    }
    if (result.wholeProcess !== undefined) {
      const { wholeProcess: w, peers } = result;
      process.stdout.write(`${line('fwsift scan (whole process)', w.bestMs, w.bestCpuMs)}  peak RSS ${w.maxRssMiB} MiB, ${w.findings} findings\n`);
      for (const [name, peer] of Object.entries(peers)) {
        if (peer.skipped !== undefined) process.stdout.write(`  ${name}: skipped (${peer.skipped})\n`);
        else process.stdout.write(`${line(`${name} ${peer.version}`, peer.bestMs, peer.bestCpuMs)}  ratio fwsift/${name} ${peer.ratio.toFixed(2)} wall, ${peer.ratioCpu.toFixed(2)} cpu\n`);
      }
      if (result.ripgrep.version !== undefined) {
        result.ratio.wholeProcessOverRipgrep = w.bestMs / result.ripgrep.caseClasses.bestMs;
        result.ratio.wholeProcessOverRipgrepCpu = w.bestCpuMs / result.ripgrep.caseClasses.bestCpuMs;
        process.stdout.write(`  ratio fwsift scan/rg: ${result.ratio.wholeProcessOverRipgrep.toFixed(2)} wall, ${result.ratio.wholeProcessOverRipgrepCpu.toFixed(2)} cpu (target ≤ 0.2)\n`);
      }
      if (w.baseline !== undefined) {
        process.stdout.write(`${line('fwsift scan, baseline build', w.baseline.bestMs, w.baseline.bestCpuMs)}  peak RSS ${w.baseline.maxRssMiB} MiB\n`);
        process.stdout.write(`  findings ${w.baseline.identical ? 'identical to' : 'DIFFERENT FROM'} the baseline build's (${w.baseline.root})\n`);
        if (!w.baseline.identical) process.exitCode = 1;
      }
      const same = w.sameFindingsAs;
      process.stdout.write(
        same === null
          ? `  findings digest ${w.findingsSha256.slice(0, 16)}… (no earlier result for this corpus to compare with)\n`
          : `  findings ${same.identical ? 'identical to' : 'DIFFERENT FROM'} the run of ${same.date} (digest ${w.findingsSha256.slice(0, 16)}…)\n`,
      );
      if (same !== null && !same.identical) process.exitCode = 1;
    }
    if (process.env.FWSIFT_BENCH_RG !== '0') {
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`  recorded in ${file.pathname}\n`);
    }
    if (result.ripgrep.matchesFwsiftMissed > 0 || plantedFound < planted.length || differsAt !== -1 || !coreSame) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
