#!/usr/bin/env node
// Precision on real clean material (issue #7, docs/precision.md): scans the Debian packages that
// .ci/run installs (Chinese gettext catalogues, man pages, CJK fonts, CMaps, input-method
// dictionaries, documentation, /usr/bin) with the shipped packs and tabulates the findings.
// None of that material is about ethnicity analytics, so every high finding is a pack false
// positive: the script exits 1 when there is one.
//
//   npm run build && node bench/precision.mjs [--write-docs] [--json FILE] [PATH…]
//
// --write-docs  replace the generated section of docs/precision.md with the tables
// --json FILE   also write the full report
// PATH…         scan these instead of the Debian material (the tables still group by material)
import { readFileSync, writeFileSync } from 'node:fs';
import { scan } from '../dist/index.js';
import {
  debianMaterial,
  installedPackageVersions,
  renderPrecisionMarkdown,
  replaceGeneratedSection,
  resolveMaterial,
  summarisePrecision,
} from '../dist/scan/precision.js';

const args = process.argv.slice(2);
const writeDocs = args.includes('--write-docs');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt === -1 ? undefined : args[jsonAt + 1];
const extra = args.filter((arg, i) => !arg.startsWith('--') && (jsonAt === -1 || i !== jsonAt + 1));

const material = resolveMaterial();
const paths = extra.length > 0 ? extra : material.paths;
for (const entry of material.absent) process.stderr.write(`precision: ${entry.path} is absent on this machine (${entry.packages.join(', ') || 'base system'})\n`);
if (paths.length === 0) {
  process.stderr.write('precision: nothing to scan; install the material with the apt-get lines of .ci/run\n');
  process.exit(2);
}

const started = Date.now();
const report = await scan(paths);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const summary = summarisePrecision(report);
const packages = installedPackageVersions(debianMaterial.flatMap((entry) => entry.packages));
const markdown = renderPrecisionMarkdown(summary, material, packages, report.run.patternPacks);

if (jsonFile !== undefined) writeFileSync(jsonFile, JSON.stringify(report, null, 2));
process.stdout.write(markdown);
process.stdout.write(`\n${summary.files} files, ${summary.inputBytes} bytes (${summary.bytesScanned} scanned), ${seconds} s: ${summary.counts.high} high, ${summary.counts.medium} medium, ${summary.counts.low} low\n`);
if (writeDocs) {
  const docs = new URL('../docs/precision.md', import.meta.url);
  writeFileSync(docs, replaceGeneratedSection(readFileSync(docs, 'utf8'), markdown));
  process.stdout.write('docs/precision.md updated\n');
}
process.exitCode = summary.counts.high > 0 ? 1 : 0;
