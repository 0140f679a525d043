/**
 * Hostile-input sweep shared by the client-software handler tests: every prefix of a real
 * fixture (a stride of them for larger ones) and seeded single-byte corruptions are opened; a
 * handler may report problems or end with an InputError, never throw anything else or hang.
 */
import type { Handler } from '../../../src/unpack/types.js';
import { openWith, type Opened } from '../helpers/open-handler.js';

/** Variants opened per fixture, so the sweep stays quick. */
const budget = 200;

function* variants(bytes: Uint8Array): Generator<{ label: string; bytes: Uint8Array }> {
  const stride = Math.max(1, Math.ceil(bytes.length / (budget / 2)));
  for (let length = 0; length < bytes.length; length += stride) yield { label: `cut to ${length}`, bytes: bytes.subarray(0, length) };
  // A fixed linear congruential sequence: the same corruptions every run.
  let seed = 0x2024;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0);
  for (let i = 0; i < budget / 2; i++) {
    const copy = Uint8Array.from(bytes);
    const at = next() % copy.length;
    copy[at] = i % 2 === 0 ? 0xff : next() & 0xff;
    yield { label: `byte ${at} = ${copy[at]}`, bytes: copy };
  }
}

/** Opens every variant that `handler.detect` accepts; returns how many were opened and how many reported something. */
export async function sweep(handler: Handler, bytes: Uint8Array): Promise<{ opened: number; reported: number }> {
  let opened = 0;
  let reported = 0;
  for (const variant of variants(bytes)) {
    if (!handler.detect(variant.bytes.subarray(0, handler.headLength)).ok) continue;
    let result: Opened;
    try {
      result = await openWith(handler, variant.bytes);
    } catch (error) {
      throw new Error(`${handler.id}, ${variant.label}: ${String(error)}`);
    }
    opened++;
    if (result.error !== undefined || result.problems.length > 0 || result.children.some((child) => child.error !== undefined)) reported++;
  }
  return { opened, reported };
}
