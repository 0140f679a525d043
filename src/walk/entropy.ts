/**
 * The walker's rule for members a container says may be encrypted (a Hikvision image that
 * allows AES payloads): a member that no handler or view recognises, of at least 4 KiB, with at
 * least 7.9 bits of entropy per byte, is reported `encrypted`; its bytes were still searched raw.
 */
import type { Place, Walk } from './context.js';
import { addProblem } from './context.js';

export const encryptedMinBytes = 4096;
export const encryptedMinEntropy = 7.9;

export class EntropyMeter {
  readonly #counts = new Float64Array(256);
  #total = 0;

  constructor(readonly parent: string) {}

  push(chunk: Uint8Array): void {
    const counts = this.#counts;
    for (let i = 0; i < chunk.length; i++) counts[chunk[i]!]!++;
    this.#total += chunk.length;
  }

  /** Records the `encrypted` problem when the member looks like ciphertext. */
  judge(walk: Walk, place: Place): void {
    if (this.#total < encryptedMinBytes) return;
    const bits = entropy(this.#counts, this.#total);
    if (bits < encryptedMinEntropy) return;
    const name = place.chain.at(-1)?.path;
    const where = name === undefined ? 'member' : `file ${JSON.stringify(Buffer.from(name).toString('latin1'))}`;
    // Recorded on the container, as its other findings about its members are.
    addProblem(walk, 'encrypted', place.chain.slice(0, -1), `${this.parent}: ${where} (${this.#total} bytes) has no recognisable format and ${bits.toFixed(3)} bits/byte of entropy: probably encrypted; scanned raw only`, place.chain.at(-1)?.offset);
  }
}

/** Shannon entropy in bits per byte of a byte histogram. */
export function entropy(counts: ArrayLike<number>, total: number): number {
  if (total === 0) return 0;
  let bits = 0;
  for (let i = 0; i < 256; i++) {
    const count = counts[i]!;
    if (count === 0) continue;
    const p = count / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}
