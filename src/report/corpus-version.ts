/**
 * Version order for `fwsift corpus`: a sort key from what an input records about itself
 * (`identity.version`, `identity.name`, `identity.buildDate`) and, failing that, its file name
 * (`IPC_V5.5.0_build240101.bin`, `DH_IPC_V2.800.0000000.25.R.20210722.bin`,
 * `IPC_G5_EN_STD_5.5.820_220111.dav`). Numbers compare as numbers (5.10 after 5.9); inputs
 * with no version sort after those with one, by name.
 */
import type { InputIdentityJson } from './types.js';

export interface VersionKey {
  /** Dotted version parts as numbers (`[5, 5, 0]`), empty when none was found. */
  readonly parts: readonly number[];
  /** A build date `YYYYMMDD` (6-digit `YYMMDD` taken as 20YY), or '' when none. */
  readonly date: string;
  /** Where the version came from, for the reader. */
  readonly source: 'identity' | 'name' | 'none';
  /** The version text shown in column headings (`5.5.0`, `2.800.0000000.25`). */
  readonly text: string;
}

const versionPattern = /(?:^|[^A-Za-z0-9])[vV]?(\d+(?:\.\d+){1,5})(?![\d.]*\d)/;
const datePattern = /(?:^|[^0-9])((?:19|20)\d{6}|\d{6})(?!\d)/;

function fromText(text: string): { readonly parts: number[]; readonly text: string; readonly date: string } | undefined {
  const version = versionPattern.exec(text);
  const rest = version === null ? text : text.slice(version.index + version[0].length);
  const date = datePattern.exec(rest)?.[1] ?? '';
  if (version === null && date === '') return undefined;
  return { parts: version === null ? [] : version[1]!.split('.').map(Number), text: version?.[1] ?? '', date: date.length === 6 ? `20${date}` : date };
}

export function versionKey(fileName: string, identity?: InputIdentityJson): VersionKey {
  const recorded = [identity?.version, identity?.name].filter((text): text is string => text !== undefined).map(fromText).find((found) => found !== undefined);
  const recordedDate = identity?.buildDate?.slice(0, 10).replaceAll('-', '') ?? '';
  if (recorded !== undefined) return { parts: recorded.parts, text: recorded.text, date: recorded.date || recordedDate, source: 'identity' };
  const base = fileName.split('/').at(-1) ?? fileName;
  const named = fromText(base);
  if (named !== undefined) return { parts: named.parts, text: named.text, date: named.date || recordedDate, source: 'name' };
  return { parts: [], text: '', date: recordedDate, source: recordedDate === '' ? 'none' : 'identity' };
}

/** Versioned before unversioned; then version parts numerically, then date, then the tie-breaker. */
export function compareVersions(a: VersionKey, b: VersionKey): number {
  const aHas = a.parts.length > 0 || a.date !== '';
  const bHas = b.parts.length > 0 || b.date !== '';
  if (aHas !== bHas) return aHas ? -1 : 1;
  for (let index = 0; index < Math.max(a.parts.length, b.parts.length); index++) {
    const difference = (a.parts[index] ?? -1) - (b.parts[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}
