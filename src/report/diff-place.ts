/**
 * The logical place of a finding, the key `fwsift diff` matches OLD and NEW by: the input, then
 * each container layer by format and member path, never by offset (a member that grows moves
 * every later member; a re-compressed stream moves everything). Normalisations:
 *
 * - carved chunks are `carve` (their offset in the blob is what changes between versions);
 * - a uImage's member "path" is the image name, which carries the version
 *   (`IPC_V5.5.0_build240101`), so only the sub-image index is kept (`uimage#1`);
 * - the input is left out when each report has one input (a diff of two versions is a diff of
 *   two file names); with several, each input is named relative to its report's common folder.
 */
import type { ChainLinkJson, LosslessText } from './types.js';

/** Formats whose member path is a label of the whole image, not a member name. */
const labelOnlyFormats: ReadonlySet<string> = new Set(['uimage']);

export function losslessString(text: LosslessText): string {
  return typeof text === 'string' ? text : `base64:${text.base64}`;
}

function linkKey(link: ChainLinkJson): string {
  if (link.format === 'carve') return 'carve';
  if (link.path === undefined) return link.format;
  const path = losslessString(link.path);
  if (labelOnlyFormats.has(link.format)) {
    const index = /#(\d+)$/.exec(path);
    return index === null ? link.format : `${link.format}#${index[1]}`;
  }
  return `${link.format}:${path}`;
}

/** The chain as one string: `gzip!/tar:etc/web/lang/zh-CN.xml`. */
export function chainPlace(chain: readonly ChainLinkJson[]): string {
  return chain.map(linkKey).join('!/');
}

/** Input key per input path of one report: '' for a lone input, else the path below the inputs' common folder. */
export function inputKeys(paths: readonly LosslessText[]): ReadonlyMap<string, string> {
  const names = [...new Set(paths.map(losslessString))];
  if (names.length <= 1) return new Map(names.map((name) => [name, '']));
  const split = names.map((name) => name.split('/'));
  let common = 0;
  while (split.every((parts) => parts.length > common + 1 && parts[common] === split[0]![common])) common += 1;
  return new Map(names.map((name, index) => [name, split[index]!.slice(common).join('/')]));
}

/** The place string: input key and chain place, joined as `input!/layer!/layer`. */
export function placeOf(inputKey: string, chain: readonly ChainLinkJson[]): string {
  const inner = chainPlace(chain);
  return [inputKey, inner].filter((part) => part !== '').join('!/');
}

/** Code-unit order, the same on every machine (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
