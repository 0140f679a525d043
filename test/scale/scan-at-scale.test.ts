/** scan --jobs N: the merged report equals the single-thread report; a dying worker loses nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import type { ScanProgress } from '../../src/scan/scan.js';
import { scanAtScale } from '../../src/scale/scan-at-scale.js';
import { buildForTests, type TestBuild } from './helpers/build.js';
import { makeCorpus, type Corpus } from './helpers/corpus.js';
import { withoutTimes } from './helpers/reports.js';

let build: TestBuild;
let corpus: Corpus;
beforeAll(() => {
  build = buildForTests();
  corpus = makeCorpus();
}, 120_000);
afterAll(() => {
  build.remove();
  corpus.remove();
});

describe('scanAtScale', () => {
  it('with 2 worker threads writes the report scan() writes (same inputs, findings, order, ids) and streams inputs in that order', async () => {
    const single = await scan([corpus.dir]);
    const seen: unknown[] = [];
    const parallel = await scanAtScale([corpus.dir], {}, { jobs: 2, workerUrl: build.workerUrl }, { onInput: (input) => seen.push(input.path) });
    expect(seen).toEqual(single.inputs.map((input) => input.path));
    expect(single.findings.length).toBeGreaterThan(20);
    expect(new Set(single.inputs.map((input) => input.status))).toEqual(new Set(['complete', 'partial', 'skipped']));
    expect(withoutTimes(parallel.report)).toEqual(withoutTimes(single));
    expect(parallel.workers).toHaveLength(2);
    for (const worker of parallel.workers) {
      expect(worker.peakHeapBytes).toBeGreaterThan(1024 ** 2);
      expect(worker.peakHeapBytes).toBeLessThan(256 * 1024 ** 2);
    }
  });

  it('reports an input whose worker runs out of memory as failed, saying so, and goes on', async () => {
    // A 4 MiB heap cannot even compile the packs: every worker dies, so every input fails.
    const { report } = await scanAtScale([`${corpus.dir}/odd`], {}, { jobs: 1, workerUrl: build.workerUrl, heapLimitMb: 4 });
    expect(report.inputs).toHaveLength(3);
    // A link inside the directory is skipped by the main thread, as scan() skips it; every file fails.
    const files = report.inputs.filter((input) => input.status !== 'skipped');
    expect(files.length).toBeGreaterThan(0);
    for (const input of files) {
      expect(input.status).toBe('failed');
      expect(input.problems[0]).toMatchObject({ kind: 'limit', message: expect.stringContaining('ran out of memory') });
    }
    expect(report.summary.partialInputs).toBe(files.length);
    expect(report.inputs.find((input) => input.size > 0)?.sha256).toMatch(/^(?!e3b0c442)[0-9a-f]{64}$/);
  });

  it('passes on the workers\' progress inside running inputs (objects opened, the object being read) before they finish', async () => {
    const seen: ScanProgress[] = [];
    const { report } = await scanAtScale([corpus.dir], {}, { jobs: 2, workerUrl: build.workerUrl }, { onProgress: (progress) => seen.push(progress) });
    const inside = seen.filter((progress) => progress.inputsDone < progress.inputsTotal && progress.objects > 0 && progress.current !== '');
    expect(inside.length).toBeGreaterThan(0);
    // A worker names the object it is reading below its input, as one thread does.
    expect(seen.some((progress) => progress.current.includes('!/'))).toBe(true);
    const last = seen.at(-1)!;
    expect(last.inputsDone).toBe(report.inputs.length);
    expect(last.objects).toBe(report.inputs.reduce((sum, input) => sum + input.coverage.objects, 0));
  });

  it('stops on its signal as scan() does: every input still reported, the unfinished ones interrupted, nothing read after the stop', async () => {
    const stop = new AbortController();
    const { report } = await scanAtScale([corpus.dir], { signal: stop.signal }, { jobs: 1, workerUrl: build.workerUrl }, { onProgress: () => stop.abort() });
    const single = await scan([corpus.dir]);
    expect(report.inputs.map((input) => input.path)).toEqual(single.inputs.map((input) => input.path));
    const interrupted = report.inputs.filter((input) => input.skipReason === 'interrupted' || input.problems.some((problem) => /interrupt|stopped/.test(problem.message)));
    expect(interrupted.length).toBeGreaterThan(0);
    expect(report.inputs.filter((input) => input.skipReason === 'interrupted').every((input) => input.coverage.bytesScanned === 0)).toBe(true);
    expect(report.run.interrupted).toBe(true);
  });
});
