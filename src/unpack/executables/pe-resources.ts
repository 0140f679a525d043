/**
 * The PE resource tree (".rsrc", data directory 2): three levels of IMAGE_RESOURCE_DIRECTORY
 * (type, name, language), each a 16-byte header with counts of named and numbered entries, then
 * 8-byte entries whose high bits mark a name string (`u16` length + UTF-16LE) or a subdirectory.
 * Leaves are IMAGE_RESOURCE_DATA_ENTRY: the data's RVA and size. String tables (RT_STRING),
 * dialogs, menus and version info hold their text as UTF-16LE with known lengths, searchable as
 * they are: each leaf becomes a verbatim child named `TYPE/NAME/LANGUAGE`.
 *
 * Hostile trees are bounded: only three levels are followed, at most `maxResourceEntries`
 * entries are read in all (a directory whose entries all point at one huge subdirectory cannot
 * multiply), and every offset is checked against the section holding the tree.
 */

/** Entries read in one resource tree; more is a `limit` problem. */
export const maxResourceEntries = 65_536;
/** Characters kept of a resource name string. */
const maxNameChars = 256;

/** Names of the predefined resource types (winuser.h RT_*). */
const typeNames: Readonly<Record<number, string>> = {
  1: 'RT_CURSOR', 2: 'RT_BITMAP', 3: 'RT_ICON', 4: 'RT_MENU', 5: 'RT_DIALOG', 6: 'RT_STRING', 7: 'RT_FONTDIR', 8: 'RT_FONT',
  9: 'RT_ACCELERATOR', 10: 'RT_RCDATA', 11: 'RT_MESSAGETABLE', 12: 'RT_GROUP_CURSOR', 14: 'RT_GROUP_ICON', 16: 'RT_VERSION',
  17: 'RT_DLGINCLUDE', 19: 'RT_PLUGPLAY', 20: 'RT_VXD', 21: 'RT_ANICURSOR', 22: 'RT_ANIICON', 23: 'RT_HTML', 24: 'RT_MANIFEST',
};

export interface ResourceLeaf {
  /** `TYPE/NAME/LANGUAGE`: RT_* for predefined types, numbers for ids, the stored string for names. */
  readonly path: string;
  readonly rva: number;
  readonly size: number;
}

export interface ResourceTree {
  readonly leaves: ResourceLeaf[];
  readonly damage: string[];
  limited: boolean;
}

/**
 * Reads the tree from `tree`, the bytes from the directory's start to the end of its section
 * (all directory offsets are relative to that start).
 */
export function readResourceTree(tree: Uint8Array): ResourceTree {
  const view = new DataView(tree.buffer, tree.byteOffset, tree.byteLength);
  const result: ResourceTree = { leaves: [], damage: [], limited: false };
  let entries = 0;
  const walk = (offset: number, names: readonly string[]): void => {
    if (offset + 16 > tree.length) {
      result.damage.push(`resource directory at 0x${offset.toString(16)} lies beyond the section`);
      return;
    }
    const count = view.getUint16(offset + 12, true) + view.getUint16(offset + 14, true);
    for (let i = 0; i < count; i++) {
      if (++entries > maxResourceEntries) {
        result.limited = true;
        return;
      }
      const at = offset + 16 + i * 8;
      if (at + 8 > tree.length) {
        result.damage.push(`resource directory at 0x${offset.toString(16)} is cut short after ${i} of ${count} entries`);
        return;
      }
      const nameField = view.getUint32(at, true);
      const target = view.getUint32(at + 4, true);
      const name = entryName(tree, view, nameField, names.length, result.damage);
      const subdirectory = (target & 0x8000_0000) !== 0;
      const targetOffset = target & 0x7fff_ffff;
      if (names.length < 2) {
        if (subdirectory) walk(targetOffset, [...names, name]);
        else result.damage.push(`resource ${[...names, name].join('/')} is data where a directory belongs`);
      } else if (subdirectory) {
        result.damage.push(`resource ${[...names, name].join('/')} nests deeper than type/name/language`);
      } else if (targetOffset + 16 > tree.length) {
        result.damage.push(`resource ${[...names, name].join('/')}: data entry at 0x${targetOffset.toString(16)} lies beyond the section`);
      } else {
        result.leaves.push({ path: [...names, name].join('/'), rva: view.getUint32(targetOffset, true), size: view.getUint32(targetOffset + 4, true) });
      }
      if (result.limited) return;
    }
  };
  walk(0, []);
  return result;
}

function entryName(tree: Uint8Array, view: DataView, field: number, level: number, damage: string[]): string {
  if ((field & 0x8000_0000) === 0) return level === 0 ? (typeNames[field] ?? String(field)) : String(field);
  const at = field & 0x7fff_ffff;
  if (at + 2 > tree.length) {
    damage.push(`resource name at 0x${at.toString(16)} lies beyond the section`);
    return `name@0x${at.toString(16)}`;
  }
  const chars = Math.min(view.getUint16(at, true), maxNameChars, Math.floor((tree.length - at - 2) / 2));
  return Buffer.from(tree.subarray(at + 2, at + 2 + chars * 2)).toString('utf16le');
}
