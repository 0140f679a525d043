// fwsift corpus benchmark (issue 17: "1,000 reports render in seconds").
//
//   npm run build && node bench/corpus.mjs          1,000 reports (FWSIFT_BENCH_REPORTS to change)
//
// Writes N schema-valid reports to a private temp dir, made from one real scan of
// test/fixtures/versions/fw-v1.uimg: each report gets a versioned input name
// (`IPC_V5.<minor>.<patch>_build<date>.bin`, shuffled so the sort has work to do), a distinct
// sha256, and 40 findings whose terms come and go across versions (a fixed rule picks
// them from every term of the shipped packs). Then runs `fwsift corpus` as a user would, once
// per output format, and records wall time, peak RSS and output size in
// bench/results/corpus-<date>.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPacks, shippedPackPaths } from '../dist/patterns/load.js';
import { renderJson } from '../dist/report/json.js';
import { scan } from '../dist/index.js';

const reportCount = Number(process.env.FWSIFT_BENCH_REPORTS ?? 1000);
const findingsPerReport = 40;
const work = mkdtempSync(join(tmpdir(), 'fwsift-corpus-bench-'));

const { packs } = await loadPacks(shippedPackPaths());
const terms = packs.flatMap((pack) => pack.terms.map((term) => ({ pack: pack.id, term })));
const base = await scan(['test/fixtures/versions/fw-v1.uimg']);
const template = base.findings[0];
// A fixed permutation (7919 is prime, so coprime with any count it does not divide): files are not in version order.
const order = [...Array(reportCount).keys()].map((index) => (index * 7919) % reportCount);
const paths = [];
for (const index of order) {
  const version = `IPC_V5.${Math.floor(index / 100)}.${index % 100}_build${20200101 + index}.bin`;
  const sha256 = createHash('sha256').update(version).digest('hex');
  // Terms live for a stretch of versions: term k is present when (index + k * 37) % 400 < 200.
  const findings = [];
  for (let slot = 0; slot < findingsPerReport; slot++) {
    const k = (slot * 7 + (index % 13)) % terms.length;
    if ((index + k * 37) % 400 >= 200) continue;
    const { term } = terms[k];
    findings.push({
      ...template,
      id: createHash('sha256').update(`${version}/${slot}`).digest('hex').slice(0, 32),
      term: { ...template.term, id: term.id, text: term.text, category: term.category, precision: term.precision },
      location: { ...template.location, input: version },
    });
  }
  const report = { ...base, inputs: [{ ...base.inputs[0], path: version, sha256 }], findings, summary: { ...base.summary, findings: findings.length } };
  const path = join(work, `${String(index).padStart(4, '0')}.json`);
  writeFileSync(path, renderJson(report));
  paths.push(path);
}

const results = [];
for (const format of ['html', 'json', 'csv']) {
  const output = join(work, `matrix.${format}`);
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, 'bin/fwsift.js', 'corpus', ...paths, '-o', output], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`fwsift corpus failed: ${run.stderr}`);
  const [user, system, rssKiB] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const peakRssMiB = rssKiB / 1024;
  const cpuSeconds = Number((user + system).toFixed(2));
  results.push({ format, reports: reportCount, seconds: Number(seconds.toFixed(2)), cpuSeconds, peakRssMiB: Number(peakRssMiB.toFixed(1)), outputBytes: statSync(output).size });
  console.log(`${format}: ${reportCount} reports in ${seconds.toFixed(2)} s (CPU ${cpuSeconds} s), peak RSS ${peakRssMiB.toFixed(1)} MiB, ${statSync(output).size} bytes`);
}
const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const date = new Date().toISOString().slice(0, 10);
writeFileSync(new URL(`corpus-${date}.json`, resultsDir), `${JSON.stringify({ date, node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, results }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
