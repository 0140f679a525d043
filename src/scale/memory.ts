/**
 * Peak memory of the current thread: each worker measures its own isolate (`isolateMemory`).
 * Sampled on a timer between reads: the scan awaits every chunk, so the timer runs.
 */
import { isolateMemory } from '../core/isolate-memory.js';

const sampleEveryMs = 20;

export interface MemorySampler {
  peak(): { readonly peakHeapBytes: number; readonly peakExternalBytes: number };
}

export function createMemorySampler(): MemorySampler {
  let peakHeapBytes = 0;
  let peakExternalBytes = 0;
  const sample = () => {
    const { heapBytes, externalBytes } = isolateMemory();
    peakHeapBytes = Math.max(peakHeapBytes, heapBytes);
    peakExternalBytes = Math.max(peakExternalBytes, externalBytes);
  };
  setInterval(sample, sampleEveryMs).unref();
  return {
    peak() {
      sample();
      return { peakHeapBytes, peakExternalBytes };
    },
  };
}
