// Issue 14: `npm ci` installed @napi-rs/canvas (32 MB of native binary), an optional dependency
// of pdfjs-dist that fwsift never uses: pdf.js only draws with it. package.json overrides it
// with stubs/no-canvas, which gives pdf.js the one class it needs to load (DOMMatrix). The PDF
// tests (test/unpack/pdf.test.ts, test/scan/documents-b.test.ts) prove text extraction with it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;

describe('no canvas module', () => {
  it('the lock file installs the stub for @napi-rs/canvas and none of its native binaries', () => {
    const packages = read('package-lock.json')['packages'] as Record<string, { resolved?: string; link?: boolean }>;
    expect(packages['node_modules/@napi-rs/canvas']).toMatchObject({ resolved: 'stubs/no-canvas', link: true });
    expect(Object.keys(packages).filter((path) => /@napi-rs\/canvas-/.test(path))).toEqual([]);
    expect(read('package.json')['overrides']).toEqual({ '@napi-rs/canvas': '$@napi-rs/canvas' });
  });

  it("the stub's DOMMatrix does what pdf.js asks of it (an image-mask outline transform)", () => {
    const { DOMMatrix } = createRequire(import.meta.url)('../../stubs/no-canvas/index.js') as { DOMMatrix: new () => { scaleSelf(x: number, y: number): { translateSelf(x: number, y: number): Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', number> } } };
    // pdf.worker.mjs: new DOMMatrix().scaleSelf(1 / width, -1 / height).translateSelf(0, -height)
    const { a, b, c, d, e, f } = new DOMMatrix().scaleSelf(1 / 4, -1 / 2).translateSelf(0, -2);
    // `+ 0` turns -0 into 0.
    expect([a, b, c, d, e, f].map((value) => value + 0)).toEqual([0.25, 0, 0, -0.5, 0, 1]);
  });
});
