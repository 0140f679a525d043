/**
 * The stream-compression fixtures built by test/fixtures/build/flash.sh and what they hold:
 * every `basic.txt.*` compresses the same 318-byte basic.txt (three NUL-separated sections in
 * UTF-8, GB18030 and UTF-16LE), every codec vector the same 77,102-byte mix.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const basicSha256 = 'b7fad2071dab1a01c82a34659e6ed92865954b43800e7585b9c78cf3548f2749';
export const basicLength = 318;
export const mixSha256 = '2d5e4a405477148b0e7987de15d096b77363161a3e283db57ada5c295907975c';

/** A file under test/fixtures/unpack/. */
export function unpackFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/unpack/${path}`, import.meta.url)));
}

/** A file under test/fixtures/codecs/. */
export function codecFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/codecs/${path}`, import.meta.url)));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
