// End-to-end benchmark (DESIGN "Performance targets"): fwsift on a nested firmware-like image
// versus `binwalk -Me` followed by `rg` over the extraction, on the same machine in the same
// run, with a check that fwsift finds a superset of the terms they find; and fwsift's peak RSS
// on a large image (2 GiB with --big). Run after `npm run build`:
//   node bench/e2e.mjs [--size-mib 256] [--big]
// Needs: tar, gzip, zip, GNU time (/usr/bin/time); binwalk and rg are compared when present.
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const sizeMiB = Number(args[args.indexOf('--size-mib') + 1] ?? 0) || 256;
const big = args.includes('--big');
const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const { preparePatterns } = await import(join(root, 'dist/index.js'));

const work = mkdtempSync(join(tmpdir(), 'fwsift-e2e-'));
try {
  const image = join(work, 'image.bin');
  buildImage(image, sizeMiB * 1024 * 1024, work);
  const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) }, node: process.version, imageMiB: sizeMiB };

  const fwsift = timed('node', [join(root, 'bin/fwsift.js'), 'scan', image, '-o', join(work, 'report.json'), '-q', '--fail-on', 'none']);
  const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'));
  const fwsiftTerms = new Set(report.findings.map((finding) => finding.term.id));
  results.fwsift = { seconds: fwsift.seconds, maxRssMiB: fwsift.maxRssMiB, findings: report.findings.length, terms: fwsiftTerms.size };
  console.log(`fwsift:          ${fwsift.seconds.toFixed(2)} s, peak RSS ${fwsift.maxRssMiB} MiB, ${report.findings.length} findings, ${fwsiftTerms.size} terms`);

  const { matcher: { needles } } = await preparePatterns({ patterns: [], patternsOnly: false });
  const rgPatterns = join(work, 'needles.rg');
  writeFileSync(rgPatterns, needles.map((needle) => rgLine(needle.bytes)).join('\n') + '\n');
  if (have('binwalk') && have('rg')) {
    const extract = join(work, 'extract');
    mkdirSync(extract);
    // binwalk 2.3 refuses to extract as root unless told to (its external extractors are the risk).
    const asRoot = process.getuid?.() === 0 ? ['--run-as=root'] : [];
    const binwalk = timed('binwalk', ['-Me', '-q', ...asRoot, '-C', extract, image], { cwd: work });
    const rg = timed('rg', ['-a', '-c', '-f', rgPatterns, extract]);
    const theirTerms = termsFoundByRg(needles, extract, work);
    const missing = [...theirTerms].filter((term) => !fwsiftTerms.has(term));
    results.binwalkRg = { seconds: binwalk.seconds + rg.seconds, binwalkSeconds: binwalk.seconds, rgSeconds: rg.seconds, terms: theirTerms.size, missedByFwsift: missing };
    results.ratio = (binwalk.seconds + rg.seconds) / fwsift.seconds;
    console.log(`binwalk -Me + rg: ${(binwalk.seconds + rg.seconds).toFixed(2)} s (binwalk ${binwalk.seconds.toFixed(2)} s, rg ${rg.seconds.toFixed(2)} s), ${theirTerms.size} terms`);
    console.log(`ratio: fwsift is ${results.ratio.toFixed(2)}x the speed of binwalk+rg; terms they found that fwsift missed: ${missing.length === 0 ? 'none' : missing.join(', ')}`);
  } else {
    console.log('binwalk or rg not installed: comparison skipped (apt-get install binwalk ripgrep)');
  }

  if (big) {
    const large = join(work, 'large.bin');
    buildImage(large, 2 * 1024 ** 3, work);
    rmSync(image, { force: true });
    const run = timed('node', [join(root, 'bin/fwsift.js'), 'scan', large, '-o', join(work, 'large.json'), '-q', '--fail-on', 'none']);
    results.large = { gib: 2, seconds: run.seconds, maxRssMiB: run.maxRssMiB, mbPerSecond: (2 * 1024) / run.seconds };
    console.log(`2 GiB image:     ${run.seconds.toFixed(1)} s, peak RSS ${run.maxRssMiB} MiB (target < 256 MiB)`);
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, `bench/results/e2e-${results.date.slice(0, 10)}.json`), JSON.stringify(results, null, 2) + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * A firmware-like image: random data (uncompressible, like a kernel or crypto blobs), 0xFF
 * padding, and, at 64 KiB-aligned offsets, a tar.gz rootfs, a zip of web files and a raw
 * GBK header, each holding terms in a different encoding. Deterministic apart from the random
 * filler, which is generated fresh (it never contains a term by more than chance).
 */
function buildImage(path, size, scratch) {
  const tree = join(scratch, `tree-${size}`);
  mkdirSync(join(tree, 'rootfs/usr/include'), { recursive: true });
  mkdirSync(join(tree, 'rootfs/etc/lang'), { recursive: true });
  mkdirSync(join(tree, 'web'), { recursive: true });
  writeFileSync(join(tree, 'rootfs/usr/include/face.h'), iconv.encode('typedef enum { EM_NATION_TYPE_UYGUR, // 维族(新疆)\n} EM_NATION_TYPE; int emSex; // 性别\n int nAge; // 年龄\n', 'gbk'));
  writeFileSync(join(tree, 'rootfs/etc/lang/zh.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<s>人种</s><s>肤色</s><s>疆藏(需定制支持)</s><s>性别</s><s>年龄</s>', 'utf16le')]));
  writeFileSync(join(tree, 'web/page.html'), iconv.encode('<meta charset="gb2312"><p>性别,年龄,眼镜,口罩,人种,胡子,疆藏(需定制支持)</p>', 'gb2312'));
  const filler = Buffer.alloc(256 * 1024);
  randomFillSync(filler);
  writeFileSync(join(tree, 'rootfs/usr/lib-blob.bin'), filler);
  run('tar', ['-czf', join(tree, 'rootfs.tar.gz'), '-C', join(tree, 'rootfs'), '.']);
  run('zip', ['-q', '-r', join(tree, 'web.zip'), 'web'], { cwd: tree });
  const parts = [readFileSync(join(tree, 'rootfs.tar.gz')), readFileSync(join(tree, 'web.zip')), iconv.encode('EM_RACE_YELLOW // 黄种人 EM_COMPLEXION_TYPE emComplexion // 肤色\n', 'gbk')];
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4 * 1024 * 1024);
  const slots = parts.map((_, i) => Math.floor(((i + 1) * size) / (parts.length + 1) / 65536) * 65536);
  let written = 0;
  while (written < size) {
    const slot = slots.findIndex((offset) => offset >= written && offset < written + block.length);
    if (slot !== -1 && slots[slot] === written) {
      writeSync(fd, parts[slot]);
      const pad = 65536 - (parts[slot].length % 65536);
      writeSync(fd, Buffer.alloc(pad, 0xff));
      written += parts[slot].length + pad;
      continue;
    }
    const next = slot === -1 ? size : slots[slot];
    const length = Math.min(block.length, next - written, size - written);
    randomFillSync(block, 0, length);
    writeSync(fd, block, 0, length);
    written += length;
  }
  closeSync(fd);
}

function rgLine(bytes) {
  return `(?-u:${[...bytes].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('')})`;
}

/** Terms whose needles rg finds in the extraction (one rg run per term: only for the superset check, not timed). */
function termsFoundByRg(needles, directory, scratch) {
  const byTerm = new Map();
  for (const needle of needles) byTerm.set(needle.term.id, [...(byTerm.get(needle.term.id) ?? []), needle.bytes]);
  const found = new Set();
  for (const [term, list] of byTerm) {
    const file = join(scratch, 'term.rg');
    writeFileSync(file, list.map(rgLine).join('\n') + '\n');
    if (spawnSync('rg', ['-a', '-q', '-f', file, directory]).status === 0) found.add(term);
  }
  return found;
}

function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'inherit'], ...options });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed with ${result.status}`);
}

/** Runs a command under GNU time: wall seconds and peak RSS. */
function timed(command, argv, options = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...argv], { encoding: 'utf8', ...options });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kib] = last.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`${command} failed: ${result.stderr.slice(-500)}`);
  return { seconds, maxRssMiB: Math.round(kib / 1024) };
}
