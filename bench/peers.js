// The whole process and the peers, in the same run as the matcher bench (bench/run.js):
//   fwsift scan (the CLI, start-up, walk, evidence and report included),
//   yara with the same needles (`fwsift patterns export --yara`),
//   binwalk's signature scan of the same file (no extraction: bench/e2e.mjs times binwalk -Me).
// Each is timed in wall and CPU time; the ratios are fwsift's whole-process time over the peer's.
// The findings of the fwsift run are digested (SHA-256 of the report without timings), so the
// recorded results show whether an optimisation changed what fwsift reports.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exportYara } from '../dist/patterns/export.js';
import { timedCommand, toolVersion } from './timed.js';

const fwsiftBin = new URL('../bin/fwsift.js', import.meta.url).pathname;

/** `timedCommand` in the shape `timeRuns` wants, keeping the whole result (stdout and peak RSS) as the value. */
const command = (name, args, options) => () => {
  const result = timedCommand(name, args, options);
  return { value: result, cpuMs: result.cpuMs };
};

/** The report's findings and inputs, timings removed: what must not change between two builds. */
export function findingsDigest(report) {
  const stable = { findings: report.findings, inputs: report.inputs.map((input) => ({ ...input, path: 'corpus.bin' })), summary: { ...report.summary, durationMs: 0 } };
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex');
}

/**
 * Runs the whole-process and peer timings over `corpus`. `timeRuns(label, fn, count)` is the
 * bench's timer. Returns the `wholeProcess` and `peers` sections of the result.
 */
export function runPeers({ corpus, dir, size, needles, timeRuns, runs }) {
  const report = join(dir, 'report.json');
  // Scanned by its name in its folder: the report's paths and finding ids then do not depend on
  // the run's temporary folder, so the findings digest compares across runs.
  const byName = { okStatuses: [0], cwd: dir };
  const scan = timeRuns('fwsift scan (whole process)', command('node', [fwsiftBin, 'scan', basename(corpus), '-o', report, '-q', '--fail-on', 'none', '--allow-partial'], byName), runs);
  const parsed = JSON.parse(readFileSync(report, 'utf8'));
  const wholeProcess = {
    bestMs: scan.bestMs,
    bestCpuMs: scan.bestCpuMs,
    mbps: (size / 1e6) / (scan.bestMs / 1000),
    cpuMbps: (size / 1e6) / (scan.bestCpuMs / 1000),
    maxRssMiB: Math.round(scan.last.maxRssKiB / 1024),
    findings: parsed.findings.length,
    findingsSha256: findingsDigest(parsed),
    findingsOf: 'corpus.bin, scanned by name',
  };
  // Before/after: the same scan by another build (FWSIFT_BENCH_BASELINE=<a checkout with dist/>).
  const baselineRoot = process.env.FWSIFT_BENCH_BASELINE;
  if (baselineRoot !== undefined) {
    const baselineReport = join(dir, 'baseline-report.json');
    const before = timeRuns('fwsift scan, baseline build', command('node', [join(baselineRoot, 'bin/fwsift.js'), 'scan', basename(corpus), '-o', baselineReport, '-q', '--fail-on', 'none', '--allow-partial'], byName), 1);
    const digest = findingsDigest(JSON.parse(readFileSync(baselineReport, 'utf8')));
    wholeProcess.baseline = { root: baselineRoot, bestMs: before.bestMs, bestCpuMs: before.bestCpuMs, maxRssMiB: Math.round(before.last.maxRssKiB / 1024), findingsSha256: digest, identical: digest === wholeProcess.findingsSha256 };
  }
  const peers = {};
  const yaraVersion = toolVersion('yara', '--version');
  if (yaraVersion === undefined) {
    peers.yara = { skipped: 'yara not installed (apt-get install yara)' };
  } else {
    const rules = join(dir, 'needles.yar');
    writeFileSync(rules, exportYara(needles));
    const yara = timeRuns('yara -c (same needles)', command('yara', ['-c', rules, corpus]), 1);
    peers.yara = { version: yaraVersion, bestMs: yara.bestMs, bestCpuMs: yara.bestCpuMs, rulesMatched: Number(yara.last.value.toString().trim() || 0), ratio: scan.bestMs / yara.bestMs, ratioCpu: scan.bestCpuMs / yara.bestCpuMs };
  }
  const binwalkVersion = toolVersion('binwalk', '--help')?.replace(/^Binwalk v?/i, '');
  if (binwalkVersion === undefined) {
    peers.binwalk = { skipped: 'binwalk not installed (apt-get install binwalk)' };
  } else {
    const binwalk = timeRuns('binwalk (signature scan)', command('binwalk', ['-q', '-f', join(dir, 'binwalk.log'), corpus], { okStatuses: [0] }), 1);
    peers.binwalk = { version: binwalkVersion, bestMs: binwalk.bestMs, bestCpuMs: binwalk.bestCpuMs, ratio: scan.bestMs / binwalk.bestMs, ratioCpu: scan.bestCpuMs / binwalk.bestCpuMs };
  }
  return { wholeProcess, peers };
}
