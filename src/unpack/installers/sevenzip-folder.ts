/**
 * Decoding one 7z folder: its coder graph, from the pack streams to the main output. LZMA,
 * LZMA2, deflate and copy stream (memory: the LZMA dictionary); the branch filters (BCJ x86,
 * PowerPC, ARM, ARM-Thumb, SPARC, ARM64, delta: codecs/xz-filters.ts) and BCJ2 (four inputs:
 * codecs/bcj2.ts) work on whole buffers, held up to `maxFilterBytes`.
 */
import { bcj2Decode } from '../codecs/bcj2.js';
import { decodePropertiesByte, LzmaStreamDecoder } from '../codecs/lzma.js';
import { Lzma2Decoder, lzma2DictionarySize } from '../codecs/lzma2.js';
import { checkXzFilter, undoXzFilter, xzFilterIds } from '../codecs/xz-filters.js';
import { windowSlice } from '../file-window.js';
import { InputError, type FileWindow } from '../types.js';
import { collectBytes, drivePushDecoder, inflateRawStream } from './decode-streams.js';
import type { Coder, Folder } from './sevenzip-header.js';

/** A filter's input is held whole up to this size; beyond it the folder is a `limit` problem. */
export const maxFilterBytes = 64 * 1024 * 1024;

const branchFilters: Readonly<Record<string, number>> = {
  '03030103': xzFilterIds.x86,
  '03030205': xzFilterIds.powerpc,
  '03030501': xzFilterIds.arm,
  '03030701': xzFilterIds.armThumb,
  '03030805': xzFilterIds.sparc,
  '0a': xzFilterIds.arm64,
  '03': xzFilterIds.delta,
};
const methodNames: Readonly<Record<string, string>> = {
  '00': 'copy',
  '030101': 'LZMA',
  '21': 'LZMA2',
  '040108': 'deflate',
  '0303011b': 'BCJ2',
  '03030103': 'BCJ',
  '03030205': 'PPC',
  '03030401': 'IA64',
  '03030501': 'ARM',
  '03030701': 'ARMT',
  '03030805': 'SPARC',
  '0a': 'ARM64',
  '0b': 'RISCV',
  '03': 'delta',
  '040109': 'deflate64',
  '040202': 'BZip2',
  '030401': 'PPMD',
  '06f10701': 'AES-256',
};

export function methodName(method: string): string {
  return methodNames[method] ?? `method 0x${method}`;
}

/** Why a folder cannot be decoded here (`encrypted` or `unsupported`), or undefined when it can. */
export function folderObstacle(folder: Folder): { readonly kind: 'encrypted' | 'unsupported'; readonly message: string } | undefined {
  for (const coder of folder.coders) {
    if (coder.method === '06f10701') return { kind: 'encrypted', message: 'is encrypted (AES-256)' };
    const known = ['00', '030101', '21', '040108', '0303011b'].includes(coder.method) || branchFilters[coder.method] !== undefined;
    if (!known) return { kind: 'unsupported', message: `uses ${methodName(coder.method)}, which is not decoded` };
  }
  return undefined;
}

/**
 * The folder's main output. `packStarts[i]` is the window offset of the folder's i-th pack
 * stream, `packSizes[i]` its size. Throws (from the stream) `corrupt` for bad data and when an
 * output's size differs from the header's.
 */
export function decodeFolder(window: FileWindow, folder: Folder, packStarts: readonly number[], packSizes: readonly number[]): AsyncIterable<Uint8Array> {
  const firstOutput: number[] = [];
  const firstInput: number[] = [];
  let outs = 0;
  let ins = 0;
  for (const coder of folder.coders) {
    firstOutput.push(outs);
    firstInput.push(ins);
    outs += coder.outStreams;
    ins += coder.inStreams;
  }
  const depth = { value: 0 };
  const inputOf = (inIndex: number): AsyncIterable<Uint8Array> => {
    const bound = folder.bindPairs.find(([input]) => input === inIndex);
    if (bound !== undefined) return outputOf(bound[1]);
    const packed = folder.packedStreams.indexOf(inIndex);
    const start = packStarts[packed]!;
    return windowSlice(window, start, start + packSizes[packed]!);
  };
  const outputOf = (outIndex: number): AsyncIterable<Uint8Array> => {
    // A bind-pair cycle would recurse forever: no real folder is deeper than its coder count.
    if (++depth.value > folder.coders.length) throw new InputError('corrupt', '7z: the folder\'s bind pairs form a cycle');
    let coderIndex = firstOutput.length - 1;
    while (coderIndex > 0 && firstOutput[coderIndex]! > outIndex) coderIndex--;
    const coder = folder.coders[coderIndex]!;
    const inputs = Array.from({ length: coder.inStreams }, (_, i) => inputOf(firstInput[coderIndex]! + i));
    return checkedSize(runCoder(coder, inputs, folder.unpackSizes[outIndex]!), folder.unpackSizes[outIndex]!, methodName(coder.method));
  };
  return outputOf(folder.mainOutput);
}

async function* runCoder(coder: Coder, inputs: readonly AsyncIterable<Uint8Array>[], size: number): AsyncGenerator<Uint8Array> {
  const method = coder.method;
  if (method === '00') yield* inputs[0]!;
  else if (method === '030101') yield* runLzma(coder, inputs[0]!, size);
  else if (method === '21') yield* runLzma2(coder, inputs[0]!);
  else if (method === '040108') yield* inflateRawStream(inputs[0]!, '7z');
  else if (method === '0303011b') {
    const [main, call, jump, rc] = await Promise.all(inputs.map((input) => collect(input, 'BCJ2')));
    yield bcj2Decode(main!, call!, jump!, rc!, size);
  } else {
    const filter = { id: branchFilters[method]!, properties: coder.properties };
    checkXzFilter(filter, 0);
    const whole = await collect(inputs[0]!, methodName(method));
    undoXzFilter(filter, whole);
    yield whole;
  }
}

async function* runLzma(coder: Coder, input: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  const lclppb = decodePropertiesByte(coder.properties[0] ?? 0xff);
  if (coder.properties.length < 5 || lclppb === undefined) throw new InputError('corrupt', '7z: LZMA coder properties are malformed');
  const dictionarySize = new DataView(coder.properties.buffer, coder.properties.byteOffset, 5).getUint32(1, true);
  yield* drivePushDecoder(new LzmaStreamDecoder({ ...lclppb, dictionarySize }, size), input, '7z', 'LZMA');
}

async function* runLzma2(coder: Coder, input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const dictionarySize = lzma2DictionarySize(coder.properties[0] ?? 0xff);
  if (dictionarySize === undefined) throw new InputError('corrupt', '7z: LZMA2 dictionary property is malformed');
  yield* drivePushDecoder(new Lzma2Decoder(dictionarySize), input, '7z', 'LZMA2');
}

/** Passes `source` on, cut at `size` bytes; more or fewer bytes than `size` is `corrupt`. */
async function* checkedSize(source: AsyncIterable<Uint8Array>, size: number, codec: string): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const piece of source) {
    if (total + piece.length > size) {
      yield piece.subarray(0, size - total);
      throw new InputError('corrupt', `7z: ${codec} output is longer than the ${size} bytes the header states`);
    }
    total += piece.length;
    yield piece;
  }
  if (total !== size) throw new InputError('corrupt', `7z: ${codec} output ends after ${total} of the ${size} bytes the header states`);
}

function collect(source: AsyncIterable<Uint8Array>, codec: string): Promise<Uint8Array> {
  return collectBytes(source, maxFilterBytes, () => new InputError('limit', `7z: ${codec} input is larger than ${maxFilterBytes} bytes, the most a filter holds`));
}
