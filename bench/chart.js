// Draws docs/benchmarks.svg from a recorded bench result: throughput in MB/s of CPU time (the
// fair measure on a shared machine) for each engine of the run, one bar each, with the target
// lines of DESIGN.md. Deterministic: the same result file gives the same SVG.
//
//   node bench/chart.js [bench/results/<date>.json] [docs/benchmarks.svg]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const resultsDir = new URL('./results/', import.meta.url);
const latest = readdirSync(resultsDir).filter((name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name)).sort().at(-1);
const input = process.argv[2] ?? new URL(latest, resultsDir).pathname;
const output = process.argv[3] ?? new URL('../docs/benchmarks.svg', import.meta.url).pathname;
const result = JSON.parse(readFileSync(input, 'utf8'));
const mb = result.corpus.bytes / 1e6;
const cpuMbps = (ms) => mb / (ms / 1000);

const bars = [
  ['matcher, single walk (before)', result.fwsift.referenceWalk?.bestCpuMs],
  ['matcher, four lanes (now)', result.fwsift.matcherOnly.bestCpuMs],
  ['matcher + verification', result.fwsift.withVerify.bestCpuMs],
  ['fwsift scan, whole process', result.wholeProcess?.bestCpuMs],
  ['fwsift scan, baseline build', result.wholeProcess?.baseline?.bestCpuMs],
  ['rg -a -f, same needles', result.ripgrep?.caseClasses?.bestCpuMs],
  ['yara, same needles', result.peers?.yara?.bestCpuMs],
  ['binwalk, signatures only', result.peers?.binwalk?.bestCpuMs],
].filter(([, ms]) => Number.isFinite(ms));
const targets = [
  ['matcher target 600 MB/s', 600],
  ['whole-process target 300 MB/s', 300],
];

const width = 760;
const labelWidth = 230;
const barHeight = 22;
const gap = 8;
const top = 40;
const plotWidth = width - labelWidth - 80;
const max = Math.max(...bars.map(([, ms]) => cpuMbps(ms)), ...targets.map(([, v]) => v)) * 1.1;
const x = (v) => labelWidth + (v / max) * plotWidth;
const height = top + bars.length * (barHeight + gap) + 50;
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  `<rect width="${width}" height="${height}" fill="#fff"/>`,
  `<text x="10" y="20" font-size="14" font-weight="bold">${escape(`fwsift bench, ${Math.round(result.corpus.bytes / 2 ** 20)} MiB corpus, ${result.needles.total} needles: MB/s of CPU time (higher is faster)`)}</text>`,
];
bars.forEach(([label, ms], i) => {
  const y = top + i * (barHeight + gap);
  const v = cpuMbps(ms);
  const fill = label.startsWith('matcher') || label.startsWith('fwsift') ? '#2b6cb0' : '#a0aec0';
  parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(label)}</text>`);
  parts.push(`<rect x="${labelWidth}" y="${y}" width="${(x(v) - labelWidth).toFixed(1)}" height="${barHeight}" fill="${fill}"/>`);
  parts.push(`<text x="${(x(v) + 6).toFixed(1)}" y="${y + 15}">${v.toFixed(v < 10 ? 1 : 0)}</text>`);
});
const bottom = top + bars.length * (barHeight + gap);
targets.forEach(([label, v], i) => {
  parts.push(`<line x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${bottom}" stroke="#c53030" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${x(v).toFixed(1)}" y="${bottom + 16 + i * 14}" fill="#c53030" text-anchor="middle">${escape(label)}</text>`);
});
parts.push(`<text x="10" y="${height - 8}" fill="#555">${escape(`${result.machine.cpu} × ${result.machine.cores}, ${result.machine.node}, load ${result.machine.loadAverage[0].toFixed(1)}, ${result.date.slice(0, 10)}`)}</text>`);
parts.push('</svg>');
writeFileSync(output, `${parts.join('\n')}\n`);
process.stdout.write(`wrote ${output} from ${input}\n`);
