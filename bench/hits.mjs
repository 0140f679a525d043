// The cost of hits (issue 13 point 3): a text file with 9,000 hits of 人种 in 252 KB, scored
// and described hit by hit, and scanned whole by the CLI.
//
//   npm run build && node bench/hits.mjs            this build
//   FWSIFT_BENCH_ROOT=DIR node bench/hits.mjs       the build in DIR (e.g. the commit before an optimisation)
//   FWSIFT_BENCH_RUNS=5 node bench/hits.mjs         more runs (best kept)
//
// Prints CPU time (user + system) next to wall time and the load average: on a shared machine
// the wall clock measures the other processes too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { timedCommand } from './timed.js';

const root = resolve(process.env.FWSIFT_BENCH_ROOT ?? new URL('..', import.meta.url).pathname);
const runs = Number(process.env.FWSIFT_BENCH_RUNS ?? 3);
const hitCount = 9000;

const load = async (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { compileAutomaton } = await load('match/automaton.js');
const { createSearcher } = await load('match/searcher.js');
const { verifyCandidate } = await load('match/verify.js');
const { scoreConfidence } = await load('evidence/confidence.js');
const { describeContext } = await load('evidence/context.js');
// What the scan calls since the encoding around a hit is judged once (absent from older builds).
const evidence = await load('evidence/hit-evidence.js').catch(() => undefined);
const { loadPacks, shippedPackPaths } = await load('patterns/load.js');
const { expandTerms } = await load('patterns/needles.js');

/** 9,000 lines of 28 bytes, each with one 人种: a flood in one object, as a generated table would be. */
export function hitsFile() {
  const lines = [];
  for (let i = 0; i < hitCount; i++) lines.push(`row ${String(i).padStart(4, '0')} 人种 value ${String(i % 97).padStart(2, '0')} ok\n`);
  return Buffer.from(lines.join(''));
}

/** Every candidate verified, and every verified one scored and described as the scan does (no per-term cap). */
function scoreAll(bytes, automaton, needles) {
  const searcher = createSearcher(automaton, needles, { lookBehind: 256, lookAhead: 256 });
  let scored = 0;
  const sink = (candidate, window) => {
    const verdict = verifyCandidate(candidate, window);
    if (!verdict.ok) return;
    if (evidence !== undefined) evidence.hitEvidence(candidate, window, verdict, { chars: 40, hexBytes: 32 });
    else {
      scoreConfidence(candidate, window, verdict);
      describeContext(candidate, window);
    }
    scored++;
  };
  for (let at = 0; at < bytes.length; at += 1 << 20) searcher.push(bytes.subarray(at, at + (1 << 20)), sink);
  searcher.end(sink);
  return scored;
}

function best(label, fn) {
  let bestCpu = Infinity;
  let bestWall = Infinity;
  let value;
  for (let r = 0; r < runs; r++) {
    const out = fn();
    bestCpu = Math.min(bestCpu, out.cpuMs);
    bestWall = Math.min(bestWall, out.wallMs);
    value = out.value;
  }
  process.stdout.write(`${label}: ${(bestCpu / 1000).toFixed(3)} s cpu, ${(bestWall / 1000).toFixed(3)} s wall (best of ${runs}; load ${loadavg()[0].toFixed(2)})${value === undefined ? '' : `  ${value}`}\n`);
}

const { packs } = await loadPacks(shippedPackPaths());
const { needles } = expandTerms(packs.flatMap((pack) => pack.terms));
const automaton = compileAutomaton(needles);
const bytes = hitsFile();
const dir = mkdtempSync(join(tmpdir(), 'fwsift-hits-'));
try {
  const file = join(dir, 'hits.txt');
  writeFileSync(file, bytes);
  process.stdout.write(`build: ${root}\nfile: ${bytes.length} bytes, ${hitCount} lines with 人种\n`);
  best('search + verify + confidence + context, every hit', () => {
    scoreAll(bytes, automaton, needles); // warm-up: the JIT and the probe tables
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const scored = scoreAll(bytes, automaton, needles);
    const used = process.cpuUsage(cpu);
    return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, value: `${scored} hits scored` };
  });
  for (const [label, extra] of [['fwsift scan (default: 100 hits in full per term)', []], ['fwsift scan --max-findings-per-term 10000', ['--max-findings-per-term', '10000']]]) {
    best(label, () => {
      const wall = performance.now();
      const out = timedCommand('node', [join(root, 'bin/fwsift.js'), 'scan', file, '-o', join(dir, 'report.json'), '-q', '--fail-on', 'none', ...extra], { okStatuses: [0] });
      return { cpuMs: out.cpuMs, wallMs: performance.now() - wall, value: `peak RSS ${Math.round(out.maxRssKiB / 1024)} MiB` };
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
