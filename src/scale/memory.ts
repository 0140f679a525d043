/**
 * Peak memory of the current thread. In a worker thread `process.memoryUsage()` reports this
 * isolate's heap and external memory (only `rss` is process-wide), so each worker measures
 * itself. Sampled on a timer between reads: the scan awaits every chunk, so the timer runs.
 */
const sampleEveryMs = 20;

export interface MemorySampler {
  peak(): { readonly peakHeapBytes: number; readonly peakExternalBytes: number };
}

export function createMemorySampler(): MemorySampler {
  let peakHeapBytes = 0;
  let peakExternalBytes = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeapBytes = Math.max(peakHeapBytes, usage.heapUsed);
    peakExternalBytes = Math.max(peakExternalBytes, usage.external);
  };
  setInterval(sample, sampleEveryMs).unref();
  return {
    peak() {
      sample();
      return { peakHeapBytes, peakExternalBytes };
    },
  };
}
