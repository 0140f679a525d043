/** Paths inside filesystem images: bytes joined with "/", never decoded except for messages. */

/** `parent/name` (just `name` under the root, whose path is empty). */
export function joinPath(parent: Uint8Array, name: Uint8Array): Uint8Array {
  if (parent.length === 0) return name;
  const path = new Uint8Array(parent.length + 1 + name.length);
  path.set(parent, 0);
  path[parent.length] = 0x2f;
  path.set(name, parent.length + 1);
  return path;
}

/** A path for problem messages only (the chain keeps the bytes): JSON-quoted, "/" for the root. */
export function describePath(path: Uint8Array): string {
  return JSON.stringify(path.length === 0 ? '/' : Buffer.from(path).toString('utf8'));
}
