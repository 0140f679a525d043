// Every handler in the registry (src/unpack/index.ts) has a fuzz fixture it opens, so a campaign
// mutates input for each of them; a handler registered without one fails here by name.
import { describe, expect, it } from 'vitest';
import { handlers } from '../../src/unpack/index.js';
import { defineHandler } from '../../src/unpack/types.js';
import { loadCorpus } from './corpus.js';
import { unreachedHandlers } from './coverage.js';

describe('fuzz corpus coverage', () => {
  const corpus = loadCorpus();

  it('reaches every registered handler, at offset 0 or where the carver finds its signature', () => {
    expect(unreachedHandlers(handlers, corpus)).toEqual([]);
  });

  it('names a registered handler that no fixture reaches', () => {
    const orphan = defineHandler({
      id: 'orphan',
      kind: 'archive',
      doc: { name: 'no fixture', references: [], limitations: [] },
      signatures: [{ magic: Uint8Array.from(Buffer.from('ORPHAN-MAGIC')), offset: 0 }],
      headLength: 12,
      detect: (head) => (Buffer.from(head).toString('latin1') === 'ORPHAN-MAGIC' ? { ok: true } : { ok: false, reason: 'no magic' }),
      async *open() {},
    });
    expect(unreachedHandlers([...handlers, orphan], corpus)).toEqual(['orphan']);
  });

  it('reaches a handler found only inside another format (NSIS inside its .exe stub, UBIFS inside UBI)', () => {
    const nsis = handlers.find((handler) => handler.id === 'nsis')!;
    const ubifs = handlers.find((handler) => handler.id === 'ubifs')!;
    const installers = corpus.get('installers/exe')!;
    expect(installers.every((fixture) => !nsis.detect(fixture.bytes.subarray(0, nsis.headLength)).ok)).toBe(true);
    expect(unreachedHandlers([nsis], new Map([['installers/exe', installers]]))).toEqual([]);
    expect(unreachedHandlers([ubifs], new Map([['ubi', corpus.get('ubi')!]]))).toEqual([]);
    expect(unreachedHandlers([nsis, ubifs], new Map([['tar', corpus.get('tar')!]]))).toEqual(['nsis', 'ubifs']);
  });
});
