// fwsift scale benchmark (issue 15; docs/scale.md records the numbers).
//
//   npm run bench:scale                       build, then run with the defaults below
//   FWSIFT_BENCH_IMAGES=50 node bench/scale.mjs   a smaller corpus (quick check)
//
// 1. Generates a deterministic corpus of N firmware-like images (default 200) with GNU tar and
//    gzip: each image holds the same "busybox" (shared object, 256 KiB, mulberry32 bytes with
//    one planted term), the same SDK header, and its own config file with a model number and
//    (for every fourth image) a planted ethnicity term.
// 2. Times, wall clock and CPU: `scan --jobs 1` (the library's scan()), `--jobs 2` (worker pool),
//    two `fwsift worker --jobs 1` processes on a BullMQ queue (needs redis-server; add to
//    collect), and `--jobs 2 --cache` cold and then warm. Each of these library calls runs in a
//    process of its own (`node bench/scale.mjs --row …`), timed around the call: in one process,
//    a row ran on code that earlier rows had warmed or made polymorphic and on a heap they had
//    grown (the one-image `--jobs 2` row took 3.9-4.3 s there and 3.5-3.6 s on its own).
// 3. Measures what this machine gives two independent processes: `fwsift scan` on all images in
//    one process, then two `fwsift scan` processes at once on half of the images each. Their
//    ratio is the ceiling for any split of the work in two (shared caches, memory bandwidth,
//    libuv's threads and the collector's threads compete with the second scan).
// 4. One big image (needs mksquashfs): a squashfs (xz, 128 KiB blocks) of generated files,
//    FWSIFT_BENCH_IMAGE_MIB of them (default 128, compressible: words and numbers, as logs and
//    binaries' string tables are), scanned with `--jobs 1` and with `--jobs 2`, where a worker
//    and the main thread decode its blocks while the main thread searches them.
// 5. Checks that every report equals the --jobs 1 report apart from times.
// 6. Prints a table and records it with machine info in bench/results/scale-<date>.json.
//
// Not measured here: handing the members of one image to workers to be searched (only their
// blocks are decoded elsewhere; docs/scale.md).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { clearQueue, collectReport, enqueueInputs, scan, scanAtScale } from '../dist/index.js';

const images = Number(process.env.FWSIFT_BENCH_IMAGES ?? 200);
const imageMiB = Number(process.env.FWSIFT_BENCH_IMAGE_MIB ?? 128);
// A row's own process (`--row`) writes only where it is told.
const root = process.argv[2] === '--row' ? undefined : mkdtempSync(join(tmpdir(), 'fwsift-bench-scale-'));
const cli = new URL('../bin/fwsift.js', import.meta.url).pathname;

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeCorpus() {
  const random = mulberry32(15);
  const busybox = Buffer.alloc(256 * 1024);
  for (let i = 0; i < busybox.length; i++) busybox[i] = Math.floor(random() * 256);
  busybox.write('face_attr skin_color race', 100_000, 'latin1');
  const header = '/* vendor SDK */\ntypedef enum { EM_NATION_TYPE_UNKNOWN, EM_NATION_TYPE_UYGUR } EM_NATION_TYPE;\n';
  const corpus = join(root, 'corpus');
  for (let n = 0; n < images; n++) {
    const tree = join(root, 'tree', String(n));
    mkdirSync(join(tree, 'bin'), { recursive: true });
    mkdirSync(join(tree, 'etc'), { recursive: true });
    mkdirSync(join(tree, 'usr/include'), { recursive: true });
    writeFileSync(join(tree, 'bin/busybox'), busybox);
    writeFileSync(join(tree, 'usr/include/face_attr.h'), header);
    writeFileSync(join(tree, 'etc/model.conf'), `model=IPC-${1000 + n}\n${n % 4 === 0 ? 'alarm=人种检测\n' : ''}`);
    const image = join(corpus, `model-${String(n).padStart(3, '0')}.tar.gz`);
    mkdirSync(corpus, { recursive: true });
    const tar = spawnSync('tar', ['--sort=name', '--mtime=2020-01-01', '--owner=0', '--group=0', '-czf', image, '-C', tree, '.'], { stdio: 'inherit' });
    if (tar.status !== 0) throw new Error('tar failed');
  }
  rmSync(join(root, 'tree'), { recursive: true, force: true });
  return corpus;
}

/** One squashfs image of generated, compressible files (`imageMiB` in all); undefined without mksquashfs. */
function makeBigImage() {
  if (spawnSync('mksquashfs', ['-version']).error !== undefined) return undefined;
  const random = mulberry32(16);
  const words = ['face', 'attr', 'nation', 'config', 'stream', 'video', 'alarm', 'rule', 'channel', 'event', 'record', 'user', 'device', 'model', 'error', 'timeout'];
  const tree = join(root, 'image-tree');
  let left = imageMiB * 1024 * 1024;
  for (let n = 0; left > 0; n++) {
    const size = Math.min(left, 16 * 1024 + Math.floor(random() * random() * 2 * 1024 * 1024));
    const parts = [];
    for (let length = 0; length < size; ) {
      const part = random() < 0.9 ? `${words[Math.floor(random() * words.length)]}_${Math.floor(random() * 10_000)} ` : String.fromCharCode(...Array.from({ length: 16 }, () => Math.floor(random() * 256)));
      parts.push(part);
      length += part.length;
    }
    const dir = join(tree, `d${n % 16}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${n}.bin`), Buffer.from(parts.join(''), 'latin1').subarray(0, size));
    left -= size;
  }
  const image = join(root, 'rootfs.squashfs');
  const made = spawnSync('mksquashfs', [tree, image, '-comp', 'xz', '-b', '131072', '-noappend', '-all-root', '-mkfs-time', '0', '-all-time', '0', '-quiet', '-no-progress']);
  if (made.status !== 0) throw new Error('mksquashfs failed');
  rmSync(tree, { recursive: true, force: true });
  return image;
}

/**
 * Runs one library call (`{ kind: 'scan' | 'scale', paths, scale? }`) in a process of its own and
 * resolves with its timing and result, as `timed` measures them there.
 */
async function timedRow(label, call) {
  const out = join(root, `row-${rowCounter++}.json`);
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--row', JSON.stringify({ label, call }), out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${label}: the row's process exited with ${code}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}
let rowCounter = 0;

/** `--row CALL OUT`: one library call, timed in this process, written to OUT. */
async function runRow(callJson, out) {
  const { label, call } = JSON.parse(callJson);
  const row = await timed(label, async () => {
    if (call.kind === 'scan') return { report: await scan(call.paths) };
    return scanAtScale(call.paths, {}, call.scale);
  });
  writeFileSync(out, JSON.stringify(row));
}

async function timed(label, run) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { label, wallMs, ownCpuMs: (used.user + used.system) / 1000, value };
}

const comparable = (report) => JSON.stringify({ ...report, run: { ...report.run, startedAt: '', finishedAt: '' }, summary: { ...report.summary, durationMs: 0 } });

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function queueRun(corpus) {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await freePort();
  const password = 'bench';
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const target = { redisUrl: `redis://:${password}@127.0.0.1:${port}`, queueName: 'bench' };
    await clearQueue(target);
    const workers = await timed('queue: add + 2 workers', async () => {
      await enqueueInputs(target, [corpus], {});
      const children = [0, 1].map(() => spawn(process.execPath, [cli, 'worker', '--redis', target.redisUrl, '--queue', 'bench', '--jobs', '1', '--exit-when-idle', '-q'], { stdio: 'ignore' }));
      await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    });
    const collected = await timed('queue: collect', () => collectReport(target));
    return { workers, collected };
  } finally {
    server.kill('SIGTERM');
  }
}

/** `fwsift scan` over `paths` in a process of its own; resolves with its exit code. */
function cliScan(paths, out) {
  const child = spawn(process.execPath, [cli, 'scan', '-q', '-o', out, ...paths], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

async function processCeiling(corpus) {
  const files = readdirSync(corpus).sort().map((name) => join(corpus, name));
  const halves = [files.filter((_, k) => k % 2 === 0), files.filter((_, k) => k % 2 === 1)];
  const one = await timed('one process, all images', () => cliScan(files, join(root, 'one.json')));
  const two = await timed('two processes, half each', () => Promise.all(halves.map((half, k) => cliScan(half, join(root, `half-${k}.json`)))));
  return { one, two };
}

if (process.argv[2] === '--row') await runRow(process.argv[3], process.argv[4]);
else await main();

async function main() {
  const corpusStart = performance.now();
  const corpus = makeCorpus();
  console.log(`corpus: ${images} images in ${((performance.now() - corpusStart) / 1000).toFixed(1)} s`);
  try {
    const one = await timedRow('--jobs 1', { kind: 'scan', paths: [corpus] });
    const two = await timedRow('--jobs 2', { kind: 'scale', paths: [corpus], scale: { jobs: 2 } });
    const cacheDir = join(root, 'cache');
    const cached = { jobs: 2, cache: { dir: cacheDir, limitBytes: 1024 ** 3 } };
    const cold = await timedRow('--jobs 2 --cache (cold)', { kind: 'scale', paths: [corpus], scale: cached });
    const warm = await timedRow('--jobs 2 --cache (warm)', { kind: 'scale', paths: [corpus], scale: cached });
    const queue = await queueRun(corpus);
    const ceiling = await processCeiling(corpus);
    const bigImage = makeBigImage();
    const big = bigImage === undefined ? undefined : {
      one: await timedRow(`one image (${imageMiB} MiB), --jobs 1`, { kind: 'scan', paths: [bigImage] }),
      two: await timedRow(`one image (${imageMiB} MiB), --jobs 2`, { kind: 'scale', paths: [bigImage], scale: { jobs: 2 } }),
    };
    const reference = comparable(one.value.report);
    const rows = [one, two, cold, warm, ...(queue === undefined ? [] : [queue.workers, queue.collected]), ceiling.one, ceiling.two, ...(big === undefined ? [] : [big.one, big.two])];
    const equal = {
      jobs2: comparable(two.value.report) === reference,
      cacheCold: comparable(cold.value.report) === reference,
      cacheWarm: comparable(warm.value.report) === reference,
      ...(queue === undefined ? {} : { queue: comparable(queue.collected.value) === reference }),
      ...(big === undefined ? {} : { oneImageJobs2: comparable(big.two.value.report) === comparable(big.one.value.report) }),
    };
    for (const row of rows) console.log(`${row.label.padEnd(28)} ${(row.wallMs / 1000).toFixed(2).padStart(8)} s`);
    console.log(`speed-up --jobs 2: ${(one.wallMs / two.wallMs).toFixed(2)}x; two queue workers: ${queue === undefined ? 'n/a (no redis-server)' : `${(one.wallMs / queue.workers.wallMs).toFixed(2)}x`}; warm cache: ${((warm.wallMs / cold.wallMs) * 100).toFixed(1)}% of cold`);
    console.log(`the machine's ceiling, two processes on half the images each: ${(ceiling.one.wallMs / ceiling.two.wallMs).toFixed(2)}x`);
    console.log(`one image, --jobs 2 (its blocks decoded on a worker and the main thread): ${big === undefined ? 'n/a (no mksquashfs)' : `${(big.one.wallMs / big.two.wallMs).toFixed(2)}x`}`);
    console.log(`reports equal to --jobs 1: ${JSON.stringify(equal)}`);
    const peaks = (workers) => workers.map((w) => `${(w.peakHeapBytes / 1024 ** 2).toFixed(0)} MiB heap + ${(w.peakExternalBytes / 1024 ** 2).toFixed(0)} MiB buffers`).join('; ');
    console.log(`peak memory per worker thread (--jobs 2): ${peaks(two.value.workers)}`);
    if (big !== undefined) console.log(`peak memory per block-decoding thread (one image, --jobs 2): ${peaks(big.two.value.decoders ?? [])}`);
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg(), node: process.version },
      images,
      inputs: one.value.report.inputs.length,
      findings: one.value.report.findings.length,
      timingsMs: Object.fromEntries(rows.map((row) => [row.label, Math.round(row.wallMs)])),
      speedUp: { jobs2: one.wallMs / two.wallMs, ...(queue === undefined ? {} : { queueWorkers2: one.wallMs / queue.workers.wallMs }), twoProcessesCeiling: ceiling.one.wallMs / ceiling.two.wallMs, ...(big === undefined ? {} : { oneImageJobs2: big.one.wallMs / big.two.wallMs }) },
      ...(big === undefined ? {} : { oneImageMiB: imageMiB }),
      warmOverCold: warm.wallMs / cold.wallMs,
      workerPeaks: two.value.workers,
      ...(big === undefined ? {} : { decoderPeaks: big.two.value.decoders ?? [] }),
      equal,
    };
    const out = new URL(`./results/scale-${result.date.slice(0, 10)}.json`, import.meta.url);
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`recorded in ${out.pathname}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
