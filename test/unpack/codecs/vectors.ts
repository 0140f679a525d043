/** The codec vectors of test/fixtures/codecs/vectors/ (built by test/fixtures/build/codecs.sh with the real tools). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { InputError } from '../../../src/unpack/types.js';

const root = new URL('../../fixtures/codecs/vectors/', import.meta.url);

export interface Expected {
  readonly source: string;
  readonly size: number;
  readonly sha256: string;
}

export const expected = JSON.parse(readFileSync(new URL('expected.json', root), 'utf8')) as Record<string, Expected>;

export function vector(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, root)));
}

export function vectorsEndingWith(suffix: string): string[] {
  return Object.keys(expected).filter((name) => name.endsWith(suffix));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Asserts `bytes` are what the vector `name` was made from. */
export function expectSource(name: string, bytes: Uint8Array): void {
  const want = expected[name]!;
  expect(bytes.length).toBe(want.size);
  expect(sha256(bytes)).toBe(want.sha256);
}

/** The InputError `run` throws (fails the test for anything else). */
export function thrown(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

/** A copy of `bytes` with the byte at `at` xor `mask`. */
export function flipped(bytes: Uint8Array, at: number, mask = 0xff): Uint8Array {
  const copy = bytes.slice();
  copy[at]! ^= mask;
  return copy;
}
