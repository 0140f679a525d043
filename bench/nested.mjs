// Nested-image and installer benchmark (issue 13, point 5; docs/benchmarks.md records the numbers).
//
//   npm run bench:nested                          build, then both targets with the defaults below
//   node bench/nested.mjs --rootfs-mib 64         a smaller rootfs (quick check)
//   node bench/nested.mjs --comp gzip             squashfs compressed with gzip instead of xz
//   node bench/nested.mjs --only nested|installer one target
//   node bench/nested.mjs --no-peers              fwsift only (no binwalk, no rg; nothing recorded)
//   node bench/nested.mjs --baseline DIR          also scan with the build in DIR (a checkout with
//                                                 dist/) and require an identical report
//   node bench/nested.mjs --keep-reports DIR      keep fwsift's reports (for profiling and diffs)
//   node bench/nested.mjs --jobs N                fwsift scan --jobs N (one input: N threads decode
//                                                 its filesystems' blocks); default 1
//
// Targets (same machine, same run, peak RSS ≤ 256 MiB):
//   nested     zip > flash (uImage + 0xFF padding + squashfs) > rootfs of real ELF files from this
//              machine's /usr/lib and /usr/bin plus planted GBK, UTF-16LE and UTF-8 text:
//              fwsift ≤ 0.3 × (binwalk -Me + rg)
//   installer  Debian armhf netboot installer (.deb: ar > data.tar.xz > netboot.tar.gz >
//              initrd.gz > cpio), fetched with `apt-get download`: fwsift ≤ 0.2 × binwalk -Me
//
// Built inputs are cached in $TMPDIR/fwsift-bench-nested/<parameters>/, so reruns only measure.
// Each run is timed by GNU time (wall, user + system CPU, peak RSS) with the load average next to
// it; rg gets the shipped needles (`exportRipgrep`, as bench/run.js) over binwalk's extraction,
// and every term rg finds there must be a term of fwsift's findings. Results go to
// bench/results/nested-<date>.json.
//
// Needs: mksquashfs (squashfs-tools), mkimage (u-boot-tools), zip, apt-get, GNU time; binwalk
// and rg for the comparison.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { exportRipgrep } from '../dist/patterns/export.js';
import { loadPacks, shippedPackPaths } from '../dist/patterns/load.js';
import { expandTerms } from '../dist/patterns/needles.js';
import { timedCommand, toolVersion } from './timed.js';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rootfsMiB = Number(option('--rootfs-mib', '1024'));
const compression = option('--comp', 'xz');
const only = option('--only', undefined);
const peers = !args.includes('--no-peers');
const baselineRoot = option('--baseline', undefined);
const keepReports = option('--keep-reports', undefined);
const jobs = option('--jobs', '1');
/** Bump when the layout of the built image changes, so an old cached image is not reused. */
const layoutVersion = 1;
/** A few files of tens of MiB (LLVM, browsers) would make the rootfs a handful of objects; firmware holds many small ones. */
const maxElfBytes = 16 * 1024 * 1024;
const installerPackage = 'debian-installer-12-netboot-armhf';
const cacheRoot = join(tmpdir(), 'fwsift-bench-nested');

if (!Number.isFinite(rootfsMiB) || rootfsMiB <= 0) throw new Error('--rootfs-mib takes a positive number');
if (!['xz', 'gzip'].includes(compression)) throw new Error('--comp takes xz or gzip');
if (!/^[1-9][0-9]*$/.test(jobs)) throw new Error('--jobs takes a positive integer');

function main() {
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), node: process.version },
    tools: { binwalk: toolVersion('binwalk', '--help'), rg: toolVersion('rg'), mksquashfs: toolVersion('mksquashfs', '-version'), mkimage: toolVersion('mkimage', '-V') },
    rootfsMiB,
    compression,
    jobs: Number(jobs),
    targets: {},
  };
  try {
    if (only === undefined || only === 'nested') {
      const image = buildNestedImage();
      results.targets.nested = measure('nested', image.path, { ...image.describe, targetRatio: 0.3, peerIncludesRg: true });
    }
    if (only === undefined || only === 'installer') {
      const installer = downloadInstaller();
      results.targets.installer = installer.skipped !== undefined ? installer : measure('installer', installer.path, { ...installer.describe, targetRatio: 0.2, peerIncludesRg: false });
    }
    if (!peers) return console.log('fwsift only (--no-peers): nothing recorded');
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const out = join(root, `bench/results/nested-${results.date.slice(0, 10)}.json`);
    writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    console.log(`recorded ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function shippedNeedles() {
  const { packs, problems } = await loadPacks(shippedPackPaths());
  if (problems.length > 0) throw new Error(`shipped packs do not load: ${JSON.stringify(problems)}`);
  return expandTerms(packs.flatMap((pack) => pack.terms)).needles;
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** The nested image, built once per parameter set and machine (the ELF files are this machine's). */
function buildNestedImage() {
  const dir = join(cacheRoot, `nested-v${layoutVersion}-${rootfsMiB}mib-${compression}`);
  const path = join(dir, 'firmware.zip');
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    console.log(`nested image: cached ${path}`);
    return { path, describe: JSON.parse(readFileSync(manifest, 'utf8')) };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const rootfs = join(dir, 'rootfs');
  const elves = copyElfFiles(rootfs, rootfsMiB * 1024 * 1024);
  plantText(rootfs);
  const squashfs = join(dir, 'rootfs.squashfs');
  run('mksquashfs', [rootfs, squashfs, '-comp', compression, '-b', '131072', '-noappend', '-all-root', '-mkfs-time', '0', '-all-time', '0', '-quiet', '-no-progress']);
  const kernel = join(dir, 'uImage');
  buildKernel(elves.kernelSource, join(dir, 'kernel.gz'), kernel);
  const flash = join(dir, 'flash.bin');
  writeFlash(flash, [readFileSync(kernel), readFileSync(squashfs)]);
  run('touch', ['-d', '@0', flash]);
  run('zip', ['-q', '-X', '-j', join(dir, 'firmware.tmp.zip'), flash]);
  renameSync(join(dir, 'firmware.tmp.zip'), path);
  const describe = {
    layout: `zip > flash (uImage gzip kernel + 0xFF + squashfs ${compression}) > rootfs`,
    rootfsFiles: elves.count + plantedFiles.length,
    rootfsElfBytes: elves.bytes,
    squashfsBytes: lstatSync(squashfs).size,
    flashBytes: lstatSync(flash).size,
    zipBytes: lstatSync(path).size,
    zipSha256: sha256File(path),
    buildSeconds: (Date.now() - started) / 1000,
  };
  rmSync(rootfs, { recursive: true, force: true });
  rmSync(flash, { force: true });
  writeFileSync(manifest, JSON.stringify(describe, null, 2) + '\n');
  console.log(`nested image: built ${path} in ${describe.buildSeconds.toFixed(0)} s`);
  return { path, describe };
}

/** Copies regular ELF files from /usr/lib and /usr/bin, in sorted path order, until `budget` bytes. */
function copyElfFiles(rootfs, budget) {
  let bytes = 0;
  let count = 0;
  let kernelSource;
  for (const source of listFiles(['/usr/bin', '/usr/lib'])) {
    if (bytes >= budget) break;
    const size = lstatSync(source).size;
    if (size === 0 || size > maxElfBytes || !isElf(source)) continue;
    const target = join(rootfs, source);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    if (kernelSource === undefined && size >= 2 * 1024 * 1024) kernelSource = source;
    bytes += size;
    count += 1;
  }
  if (kernelSource === undefined) throw new Error('no ELF file of 2 MiB or more for the kernel stand-in');
  return { bytes, count, kernelSource };
}

/** Regular files under `dirs` (symlinks not followed), sorted by path. */
function listFiles(dirs) {
  const files = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  dirs.forEach(visit);
  return files.sort();
}

function isElf(path) {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
  return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
}

/** Text a camera's rootfs ships with the shipped terms, each in the encoding its kind of file uses. */
const plantedFiles = [
  ['usr/include/dhnetsdk/face_attr.h', () => iconv.encode('typedef enum { EM_NATION_TYPE_UNKNOWN, EM_NATION_TYPE_UYGUR, // 维族(新疆)\n} EM_NATION_TYPE;\nint emSex; // 性别\nEM_COMPLEXION_TYPE emComplexion; // 肤色\n', 'gbk')],
  ['etc/lang/zh-CN.xml', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><strings><s id="race">人种</s><s id="skin">肤色</s><s id="xz">疆藏(需定制支持)</s><s id="sex">性别</s></strings>', 'utf16le')])],
  ['www/js/face.js', () => Buffer.from('var attrs = ["性别", "年龄", "人种", "肤色"]; // EM_RACE_YELLOW 黄种人\n', 'utf8')],
];

function plantText(rootfs) {
  for (const [relative, bytes] of plantedFiles) {
    mkdirSync(dirname(join(rootfs, relative)), { recursive: true });
    writeFileSync(join(rootfs, relative), bytes());
  }
}

/** A gzip-compressed kernel stand-in (a real ELF file) in a legacy uImage, with a fixed timestamp. */
function buildKernel(source, gzipped, uimage) {
  writeFileSync(gzipped, spawnSync('gzip', ['-9', '-n', '-c', source], { maxBuffer: 1 << 30 }).stdout);
  run('mkimage', ['-A', 'arm', '-O', 'linux', '-T', 'kernel', '-C', 'gzip', '-a', '0x80008000', '-e', '0x80008000', '-n', 'Linux-4.9.37', '-d', gzipped, uimage], { env: { ...process.env, SOURCE_DATE_EPOCH: '0' }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Partitions back to back, each padded with 0xFF to a 1 MiB boundary (erased NOR flash). */
function writeFlash(path, partitions) {
  const eraseBlock = 1024 * 1024;
  const fd = openSync(path, 'w');
  try {
    for (const partition of partitions) {
      writeFileSync(fd, partition);
      const pad = (eraseBlock - (partition.length % eraseBlock)) % eraseBlock;
      writeFileSync(fd, Buffer.alloc(pad, 0xff));
    }
  } finally {
    closeSync(fd);
  }
}

/** The installer .deb from the configured Debian mirror (apt-get download), cached; its version and sha256 are recorded. */
function downloadInstaller() {
  const dir = join(cacheRoot, 'installer');
  mkdirSync(dir, { recursive: true });
  const cached = readdirSync(dir).filter((name) => name.startsWith(`${installerPackage}_`) && name.endsWith('.deb'));
  if (cached.length === 0) {
    const download = spawnSync('apt-get', ['download', installerPackage], { cwd: dir, encoding: 'utf8' });
    if (download.status !== 0) {
      console.log(`installer: apt-get download ${installerPackage} failed, skipped: ${download.stderr.trim().split('\n').at(-1)}`);
      return { skipped: `apt-get download ${installerPackage} failed: ${download.stderr.trim().split('\n').at(-1)}` };
    }
    return downloadInstaller();
  }
  const name = cached.sort().at(-1);
  const path = join(dir, name);
  const version = decodeURIComponent(name.slice(installerPackage.length + 1).replace(/_all\.deb$/, ''));
  console.log(`installer: ${path}`);
  return { path, describe: { package: installerPackage, version, debBytes: lstatSync(path).size, debSha256: sha256File(path), layout: 'ar > data.tar.xz > netboot.tar.gz > initrd.gz > cpio' } };
}

// ---------------------------------------------------------------------------------------------
// Measurement

/** Times fwsift (and the baseline build and the peers when asked) on one input and prints the ratio. */
function measure(name, input, describe) {
  const report = join(keepReports ?? work, `${name}-report.json`);
  if (keepReports !== undefined) mkdirSync(keepReports, { recursive: true });
  const fwsift = timedFwsift(join(root, 'bin/fwsift.js'), input, report);
  const parsed = JSON.parse(readFileSync(report, 'utf8'));
  const terms = new Set(parsed.findings.map((finding) => finding.term.id));
  const result = {
    ...describe,
    fwsift: { ...fwsift, findings: parsed.findings.length, terms: terms.size, objects: parsed.summary?.objects, problems: parsed.problems?.length, reportSha256: reportDigest(parsed) },
  };
  console.log(`${name}: fwsift ${line(fwsift)}, ${parsed.findings.length} findings of ${terms.size} terms`);
  if (baselineRoot !== undefined) {
    const baselineReport = join(work, `${name}-baseline.json`);
    const before = timedFwsift(join(baselineRoot, 'bin/fwsift.js'), input, baselineReport);
    const digest = reportDigest(JSON.parse(readFileSync(baselineReport, 'utf8')));
    result.baseline = { root: baselineRoot, ...before, reportSha256: digest, identical: digest === result.fwsift.reportSha256 };
    console.log(`${name}: baseline ${line(before)}, report ${result.baseline.identical ? 'identical' : 'DIFFERENT'}`);
    if (!result.baseline.identical) process.exitCode = 1;
  }
  if (!peers) return result;
  const peer = comparePeers(name, input, terms, describe);
  result.peers = peer;
  if (peer.skipped !== undefined) return result;
  // fwsift's time over the peer's: the targets are upper bounds on this ratio.
  result.ratio = { wall: fwsift.wallSeconds / peer.peerWallSeconds, cpu: fwsift.cpuSeconds / peer.peerCpuSeconds, target: describe.targetRatio };
  console.log(`${name}: fwsift / ${describe.peerIncludesRg ? '(binwalk -Me + rg)' : 'binwalk -Me'} = ${result.ratio.wall.toFixed(2)} wall, ${result.ratio.cpu.toFixed(2)} CPU (target ≤ ${describe.targetRatio})`);
  return result;
}

function timedFwsift(bin, input, report) {
  const loadBefore = loadavg()[0];
  const run = timedCommand('node', [bin, 'scan', '--jobs', jobs, input, '-o', report, '-q', '--fail-on', 'none'], { okStatuses: [0, 2] });
  return { wallSeconds: run.wallMs / 1000, cpuSeconds: run.cpuMs / 1000, maxRssMiB: Math.round(run.maxRssKiB / 1024), load: [loadBefore, loadavg()[0]] };
}

/** binwalk -Me (and rg over its extraction) on the same input, the superset check and the ratio. */
function comparePeers(name, input, fwsiftTerms, { peerIncludesRg }) {
  if (toolVersion('binwalk', '--help') === undefined || toolVersion('rg') === undefined) {
    console.log(`${name}: binwalk or rg not installed, comparison skipped (apt-get install binwalk ripgrep)`);
    return { skipped: 'binwalk or rg not installed' };
  }
  const extract = join(work, `${name}-extract`);
  mkdirSync(extract);
  try {
    // binwalk 2.3 refuses to extract as root unless told to (its external extractors are the risk).
    const asRoot = process.getuid?.() === 0 ? ['--run-as=root'] : [];
    const loadBefore = loadavg()[0];
    const binwalk = timedCommand('binwalk', ['-Me', '-q', ...asRoot, '-C', extract, input], { okStatuses: [0, 1], cwd: work });
    const binwalkLoad = [loadBefore, loadavg()[0]];
    const patterns = join(work, 'needles.rg');
    writeFileSync(patterns, exportRipgrep(searchableByRg(needles)));
    const rg = timedCommand('rg', ['-a', '-c', '-f', patterns, extract]);
    const theirTerms = termsFoundByRg(filesWithMatches(rg.value));
    const missed = [...theirTerms].filter((term) => !fwsiftTerms.has(term));
    const peerSeconds = binwalk.wallMs / 1000 + (peerIncludesRg ? rg.wallMs / 1000 : 0);
    const peerCpuSeconds = binwalk.cpuMs / 1000 + (peerIncludesRg ? rg.cpuMs / 1000 : 0);
    const extracted = spawnSync('du', ['-sb', extract], { encoding: 'utf8' }).stdout.split('\t')[0];
    const peer = {
      binwalk: { wallSeconds: binwalk.wallMs / 1000, cpuSeconds: binwalk.cpuMs / 1000, maxRssMiB: Math.round(binwalk.maxRssKiB / 1024), load: binwalkLoad, extractedBytes: Number(extracted) },
      rg: { wallSeconds: rg.wallMs / 1000, cpuSeconds: rg.cpuMs / 1000, terms: theirTerms.size, missedByFwsift: missed },
      peerWallSeconds: peerSeconds,
      peerCpuSeconds,
    };
    console.log(`${name}: binwalk -Me ${line({ wallSeconds: peer.binwalk.wallSeconds, cpuSeconds: peer.binwalk.cpuSeconds, maxRssMiB: peer.binwalk.maxRssMiB, load: binwalkLoad })}; rg ${rg.wallMs / 1000} s wall, ${theirTerms.size} terms; missed by fwsift: ${missed.length === 0 ? 'none' : missed.join(', ')}`);
    return peer;
  } finally {
    rmSync(extract, { recursive: true, force: true });
  }
}

/** rg matches within a line: needles holding a line feed are left to fwsift (as bench/run.js). */
function searchableByRg(list) {
  return list.filter((needle) => !needle.bytes.includes(0x0a));
}

/** The files `rg -c` listed (`path:count` lines). */
function filesWithMatches(output) {
  return output.toString('utf8').split('\n').filter((line) => line.length > 0).map((line) => line.slice(0, line.lastIndexOf(':')));
}

/**
 * Terms with a needle rg finds in `files` (one rg run per term over the files the timed run
 * found anything in, not the whole extraction; for the superset check, not timed).
 */
function termsFoundByRg(files) {
  const byTerm = new Map();
  for (const needle of searchableByRg(needles)) byTerm.set(needle.term.id, [...(byTerm.get(needle.term.id) ?? []), needle]);
  const found = new Set();
  if (files.length === 0) return found;
  const file = join(work, 'term.rg');
  for (const [term, list] of byTerm) {
    writeFileSync(file, exportRipgrep(list));
    if (spawnSync('rg', ['-a', '-q', '-f', file, '--', ...files]).status === 0) found.add(term);
  }
  return found;
}

/** The report without what changes from run to run (times, paths of the run's temp files). */
function reportDigest(report) {
  const stable = JSON.stringify(report, (key, value) => (timingKeys.has(key) ? undefined : value));
  return createHash('sha256').update(stable).digest('hex');
}
const timingKeys = new Set(['startedAt', 'finishedAt', 'durationMs']);

function line({ wallSeconds, cpuSeconds, maxRssMiB, load }) {
  return `${wallSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, peak RSS ${maxRssMiB} MiB (load ${load.map((value) => value.toFixed(1)).join(' → ')})`;
}

function sha256File(path) {
  return spawnSync('sha256sum', [path], { encoding: 'utf8' }).stdout.split(' ')[0];
}

function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30, ...options });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed with ${result.status}`);
}

const needles = await shippedNeedles();
const work = mkdtempSync(join(tmpdir(), 'fwsift-bench-nested-run-'));
main();
