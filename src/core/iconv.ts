/**
 * iconv-lite, loaded on first use. Requiring it builds its index of every code page (about
 * 20 ms), which a scan whose needles come from the cache and whose text is all UTF-8 never
 * needs; the needle expansion and the double-byte text decoders call this when they run.
 */
import { createRequire } from 'node:module';

type Iconv = typeof import('iconv-lite');

let loaded: Iconv | undefined;

export function iconv(): Iconv {
  return (loaded ??= createRequire(import.meta.url)('iconv-lite') as Iconv);
}
