/**
 * Which registered handlers the fuzz corpus reaches: a handler is reached by a fixture whose
 * bytes it detects at offset 0, or at a place where one of its carver signatures occurs (an NSIS
 * header inside an .exe, a UBIFS volume inside a UBI image), so mutants of that fixture exercise
 * its parser. Pure and quick: no scan is run.
 */
import type { Handler } from '../../src/unpack/types.js';
import type { Fixture } from './corpus.js';

function indexesOf(bytes: Uint8Array, magic: Uint8Array): number[] {
  const found: number[] = [];
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = haystack.indexOf(magic); at !== -1; at = haystack.indexOf(magic, at + 1)) found.push(at);
  return found;
}

function detectsAt(handler: Handler, bytes: Uint8Array, start: number): boolean {
  return handler.detect(bytes.subarray(start, start + handler.headLength)).ok;
}

/** True when `handler` would open some part of `fixture` (at offset 0 or where the carver finds it). */
export function reaches(handler: Handler, fixture: Fixture): boolean {
  if (detectsAt(handler, fixture.bytes, 0)) return true;
  return handler.signatures.some(
    (signature) => !signature.startOnly && indexesOf(fixture.bytes, signature.magic).some((at) => at >= signature.offset && detectsAt(handler, fixture.bytes, at - signature.offset)),
  );
}

/** Ids of the handlers no fixture of the corpus reaches, in registry order. */
export function unreachedHandlers(handlers: readonly Handler[], corpus: ReadonlyMap<string, readonly Fixture[]>): string[] {
  const fixtures = [...corpus.values()].flat();
  return handlers.filter((handler) => !fixtures.some((fixture) => reaches(handler, fixture))).map((handler) => handler.id);
}
