/**
 * Page text of a PDF through pdf.js (pdfjs-dist, legacy build for Node), fully offline: the
 * CMaps, standard fonts and wasm decoders that come with pdf.js are read from its folder, no
 * system fonts, no `eval`, no font faces. The built package carries its own copy of pdf.js
 * (`dist/vendor/pdfjs-dist`, scripts/vendor-pdfjs.mjs), so an install never pulls pdfjs-dist's
 * optional canvas module; running from the sources uses the development dependency. pdf.js needs
 * a `DOMMatrix` to load, which Node lacks and canvas would give: the worker installs a pure-JS one.
 *
 * pdf.js runs in a worker thread that is started on the first PDF and kept for the next ones
 * (loading pdf.js costs about a second). The thread is what makes the time bound real: pdf.js
 * can spin on a hostile file without yielding, so a document that takes longer than its time
 * bound, or whose parse outgrows the worker's heap bound, has its worker terminated (a fresh
 * one serves the next document). A worker handles one document at a time.
 *
 * Text per page follows pdf.js's own find controller: the text items' strings in content
 * order, a line feed after an item that ends a line (`hasEOL`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../types.js';

/** Wall-clock bound for one document's text, in milliseconds. */
export const pdfTextTimeoutMs = 60_000;
/**
 * Heap bound of the pdf.js worker, in MiB (V8 old generation; the young generation gets
 * `pdfWorkerYoungMiB`). The whole process must stay within 256 MiB, so the worker gets well under
 * half of it; the CJK datasheet fixture needs about 40 MiB. A document that needs more is a `limit`.
 */
export const pdfWorkerHeapMiB = 96;
const pdfWorkerYoungMiB = 16;
/** Characters of one page's text kept (UTF-16 code units, ~4 MB of text); the rest is a `limit`. */
export const maxPageTextChars = 4 * 1024 * 1024;
/** Pages whose text is extracted per document; the rest are reported as a `limit`. */
export const maxPdfPages = 10_000;
/** Characters of a page's text up to which its glyphs are sent back to map the text to the content stream. */
export const maxMappedPageChars = 64 * 1024;

/** The glyphs one text-showing operation drew: each glyph's char code, and the text pdf.js decoded it to. */
export interface GlyphRun {
  readonly codes: readonly number[];
  readonly unicode: readonly string[];
}

export type PdfTextEvent =
  | { readonly kind: 'pages'; readonly count: number }
  | { readonly kind: 'info'; readonly text: string }
  /**
   * `cut`: the page's text was longer than the bound; `text` holds its start. `runs`: the glyphs
   * of each text-showing operation, when the page's text is short enough to map (`maxMappedPageChars`).
   */
  | { readonly kind: 'page'; readonly number: number; readonly text: string; readonly cut?: boolean; readonly runs?: readonly GlyphRun[] }
  | { readonly kind: 'page-error'; readonly number: number; readonly message: string };

export interface PdfTextOptions {
  /** Default `pdfTextTimeoutMs`. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Default `maxPdfPages`. */
  readonly maxPages?: number;
  /** Default `maxPageTextChars`. */
  readonly maxPageChars?: number;
}

type WorkerMessage = { readonly id: number } & (PdfTextEvent | { readonly kind: 'done' } | { readonly kind: 'error'; readonly name: string; readonly message: string });

/**
 * The worker's program, evaluated as a CommonJS script (`eval: true`) so that the same source
 * runs from `src/` under vitest and from `dist/`. It loads pdf.js lazily, on its first document.
 */
const workerSource = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
// pdf.js reports through the console; in this thread that would reach the scanner's own
// stdout (where a report may be going). Failures come back as messages instead.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[method] = () => undefined;
let pdfjs;
const maxMappedChars = workerData.maxMappedChars;
/** Per showText operation: the char codes of its glyphs and what pdf.js decoded each to. */
function glyphRuns(operatorList, showText) {
  const runs = [];
  for (let i = 0; i < operatorList.fnArray.length; i++) {
    if (operatorList.fnArray[i] !== showText) continue;
    const codes = [];
    const unicode = [];
    for (const glyph of operatorList.argsArray[i][0]) {
      if (glyph === null || typeof glyph !== 'object') continue;
      codes.push(glyph.originalCharCode);
      unicode.push(typeof glyph.unicode === 'string' ? glyph.unicode : '');
    }
    runs.push({ codes, unicode });
  }
  return runs;
}
const messageOf = (error) => (error && typeof error.message === 'string' ? error.message : String(error));
parentPort.on('message', async ({ id, data, maxPages, maxPageChars }) => {
  const send = (message) => parentPort.postMessage({ id, ...message });
  let task;
  try {
    // Without canvas, pdf.js finds no DOMMatrix in Node; a pure-JS one serves text extraction.
    globalThis.DOMMatrix ??= require(workerData.domMatrixPath);
    pdfjs ??= await import(workerData.pdfjsUrl);
    task = pdfjs.getDocument({
      data,
      cMapUrl: workerData.cMapUrl,
      cMapPacked: true,
      standardFontDataUrl: workerData.standardFontDataUrl,
      wasmUrl: workerData.wasmUrl,
      disableFontFace: true,
      useSystemFonts: false,
      isEvalSupported: false,
      useWorkerFetch: false,
      verbosity: 0,
    });
    const document = await task.promise;
    send({ kind: 'pages', count: document.numPages });
    try {
      const { info } = await document.getMetadata();
      const lines = [];
      const add = (key, value) => { if (typeof value === 'string' && value !== '') lines.push(key + ': ' + value); };
      // pdf.js adds its own findings (PDFFormatVersion, Is…, EncryptFilterName, Language) to the dictionary's strings.
      const derived = new Set(['PDFFormatVersion', 'EncryptFilterName', 'Language']);
      for (const [key, value] of Object.entries(info ?? {})) {
        if (derived.has(key)) continue;
        if (key === 'Custom' && value && typeof value === 'object') for (const [custom, text] of Object.entries(value)) add(custom, text);
        else add(key, value);
      }
      if (lines.length > 0) send({ kind: 'info', text: lines.join('\\n') + '\\n' });
    } catch (error) {
      send({ kind: 'page-error', number: 0, message: 'document information: ' + messageOf(error) });
    }
    for (let number = 1; number <= Math.min(document.numPages, maxPages); number++) {
      try {
        const page = await document.getPage(number);
        // Streamed, so a page with megabytes of text never has all its items in this heap.
        const reader = page.streamTextContent().getReader();
        let text = '';
        let cut = false;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const item of value.items) {
            if (typeof item.str !== 'string') continue;
            text += item.str;
            if (item.hasEOL) text += '\\n';
            if (text.length > maxPageChars) {
              cut = true;
              text = text.slice(0, maxPageChars);
              break;
            }
          }
          if (cut) {
            await reader.cancel();
            break;
          }
        }
        // The glyphs each text-showing operator drew, in content order, so the page text can be
        // mapped back to the string operands' bytes (pdf-page-map.ts). Pages with more text keep
        // only their text: an operator list holds every glyph object at once.
        let runs;
        if (!cut && text.length <= maxMappedChars) {
          try {
            runs = glyphRuns(await page.getOperatorList(), pdfjs.OPS.showText);
          } catch {
            runs = undefined;
          }
        }
        page.cleanup();
        send({ kind: 'page', number, text, ...(cut ? { cut } : {}), ...(runs === undefined ? {} : { runs }) });
      } catch (error) {
        send({ kind: 'page-error', number, message: messageOf(error) });
      }
    }
    send({ kind: 'done' });
  } catch (error) {
    send({ kind: 'error', name: (error && error.name) || 'Error', message: messageOf(error) });
  } finally {
    if (task !== undefined) await task.destroy().catch(() => undefined);
  }
});
`;

/** Where pdf.js and its data live (resolved once, when the first PDF arrives): the package's own copy, else the development dependency. */
function pdfjsPaths(): { pdfjsUrl: string; cMapUrl: string; standardFontDataUrl: string; wasmUrl: string; domMatrixPath: string } {
  const vendored = fileURLToPath(new URL('../../vendor/pdfjs-dist', import.meta.url));
  const require = createRequire(import.meta.url);
  const root = existsSync(join(vendored, 'legacy', 'build', 'pdf.mjs')) ? vendored : dirname(require.resolve('pdfjs-dist/package.json'));
  // pdf.js's Node readers take file system paths and append file names: keep the trailing slash.
  return {
    domMatrixPath: require.resolve('@thednp/dommatrix'),
    pdfjsUrl: pathToFileURL(join(root, 'legacy', 'build', 'pdf.mjs')).href,
    cMapUrl: `${join(root, 'cmaps')}/`,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
    wasmUrl: `${join(root, 'wasm')}/`,
  };
}

/** Events of one job, queued until the reader takes them. */
class Channel {
  readonly #events: PdfTextEvent[] = [];
  #end: { error?: InputError } | undefined;
  #wake: (() => void) | undefined;

  push(event: PdfTextEvent): void {
    this.#events.push(event);
    this.#wake?.();
  }

  close(error?: InputError): void {
    this.#end ??= error === undefined ? {} : { error };
    this.#wake?.();
  }

  async *events(): AsyncGenerator<PdfTextEvent> {
    for (;;) {
      const event = this.#events.shift();
      if (event !== undefined) {
        yield event;
        continue;
      }
      if (this.#end !== undefined) {
        if (this.#end.error !== undefined) throw this.#end.error;
        return;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
  }
}

class PdfWorker {
  readonly #worker: Worker;
  #job: { readonly id: number; readonly channel: Channel } | undefined;
  dead = false;

  /** True while a document is being processed. */
  get busy(): boolean {
    return this.#job !== undefined;
  }

  constructor() {
    this.#worker = new Worker(workerSource, {
      eval: true,
      workerData: { ...pdfjsPaths(), maxMappedChars: maxMappedPageChars },
      resourceLimits: { maxOldGenerationSizeMb: pdfWorkerHeapMiB, maxYoungGenerationSizeMb: pdfWorkerYoungMiB },
    });
    this.#worker.on('message', (message: WorkerMessage) => this.#onMessage(message));
    this.#worker.on('error', (error: Error & { code?: string }) => {
      this.dead = true;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.#job?.channel.close(new InputError(outOfMemory ? 'limit' : 'corrupt', outOfMemory ? `pdf.js needed more than its ${pdfWorkerHeapMiB} MiB heap` : `pdf.js failed: ${error.message}`));
    });
    this.#worker.on('exit', () => {
      this.dead = true;
      this.#job?.channel.close(new InputError('corrupt', 'pdf.js stopped before finishing the document'));
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    this.#worker.unref();
  }

  #onMessage(message: WorkerMessage): void {
    const job = this.#job;
    if (job === undefined || message.id !== job.id) return;
    switch (message.kind) {
      case 'done':
        this.#job = undefined;
        job.channel.close();
        return;
      case 'error':
        this.#job = undefined;
        job.channel.close(new InputError(message.name === 'PasswordException' ? 'encrypted' : 'corrupt', `pdf.js: ${message.message}`));
        return;
      case 'pages':
      case 'info':
      case 'page':
      case 'page-error': {
        const { id: _, ...event } = message;
        job.channel.push(event);
        return;
      }
      default: {
        const never: never = message;
        throw new Error(`unexpected pdf.js worker message ${JSON.stringify(never)}`);
      }
    }
  }

  run(id: number, data: Uint8Array, maxPages: number, maxPageChars: number): Channel {
    const channel = new Channel();
    this.#job = { id, channel };
    const buffer = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
    this.#worker.postMessage({ id, data: buffer, maxPages, maxPageChars }, [buffer.buffer as ArrayBuffer]);
    return channel;
  }

  /** Stops the thread; the job in progress ends with `error`. */
  kill(error: InputError): void {
    this.dead = true;
    this.#job?.channel.close(error);
    this.#job = undefined;
    void this.#worker.terminate();
  }
}

/**
 * Idle workers kept for the next document (at most one: loading pdf.js again costs a second,
 * keeping more would hold their memory). A document that arrives while every kept worker is
 * busy gets a worker of its own: concurrent scans run in parallel, and a PDF found inside
 * another PDF's page text cannot wait on the outer document's worker.
 */
const idle: PdfWorker[] = [];
const maxIdleWorkers = 1;
let jobs = 0;

function acquire(): PdfWorker {
  for (let worker = idle.pop(); worker !== undefined; worker = idle.pop()) if (!worker.dead) return worker;
  return new PdfWorker();
}

function release(worker: PdfWorker): void {
  if (worker.dead) return;
  if (idle.length < maxIdleWorkers) idle.push(worker);
  else worker.kill(new InputError('limit', 'PDF worker retired'));
}

/**
 * The text of `data` (a whole PDF), as events: the page count, the document information
 * dictionary's strings, then each page's text in order. `data`'s buffer is transferred to the
 * worker (unusable afterwards). Throws `InputError`: `encrypted` when a password is needed,
 * `corrupt` when pdf.js cannot open the file, `limit` past the time or heap bound.
 */
export async function* extractPdfText(data: Uint8Array, options: PdfTextOptions = {}): AsyncGenerator<PdfTextEvent> {
  const timeoutMs = options.timeoutMs ?? pdfTextTimeoutMs;
  const worker = acquire();
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => worker.kill(new InputError('limit', 'PDF text extraction stopped: the scan of this input was stopped'));
  try {
    const channel = worker.run(++jobs, data, options.maxPages ?? maxPdfPages, options.maxPageChars ?? maxPageTextChars);
    timer = setTimeout(() => worker.kill(new InputError('limit', `PDF text extraction stopped after ${timeoutMs} ms (time bound per document)`)), timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted === true) onAbort();
    yield* channel.events();
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // A reader that stops early leaves pdf.js busy with this document: stop it instead of waiting.
    if (!worker.dead && worker.busy) worker.kill(new InputError('limit', 'PDF text extraction abandoned'));
    release(worker);
  }
}
