/**
 * Paths of files in flash file systems that name files by directory entries pointing at
 * inode numbers (JFFS2, UBIFS): the names from the root to a file, joined with '/', as bytes
 * (names are evidence, never decoded here). A chain that is missing a link or loops has no
 * path; such files are still scanned, under `unlinkedPath(ino)`.
 */
import { joinPath } from './fs-path.js';

/** One name of an inode: the directory holding it and the entry's name bytes. */
export interface NameLink {
  readonly parent: number;
  readonly name: Uint8Array;
}

/**
 * The path of `ino` below `root`, following each inode's first name in `namesOf`; undefined
 * when a link is missing or the chain loops (a corrupt or half-deleted tree).
 */
export function resolvePath(ino: number, namesOf: ReadonlyMap<number, readonly NameLink[]>, root: number): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  const visited = new Set<number>();
  for (let current = ino; current !== root; ) {
    if (visited.has(current)) return undefined;
    visited.add(current);
    const link = namesOf.get(current)?.[0];
    if (link === undefined) return undefined;
    parts.unshift(link.name);
    current = link.parent;
  }
  return parts.reduce((path, part) => joinPath(path, part), new Uint8Array(0));
}

/** The label of a file without a usable name: `<unlinked>/ino-N` (deleted, or its directory chain is broken). */
export function unlinkedPath(ino: number): Uint8Array {
  return new TextEncoder().encode(`<unlinked>/ino-${ino}`);
}

/** Sorts each inode's names by name bytes, then parent, so "the first name" is deterministic. */
export function sortNames(namesOf: Map<number, NameLink[]>): void {
  for (const list of namesOf.values()) list.sort((a, b) => Buffer.compare(a.name, b.name) || a.parent - b.parent);
}
