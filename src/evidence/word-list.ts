/**
 * Word lists are not analytics (issue 12 point 7): a jieba-style dictionary (`黄种人 3 n`: word,
 * frequency, part-of-speech tag), a word-frequency list (`黄种人 1520`) or a pinyin input-method
 * table (`huang'zhong'ren 黄种人`, `黄种人 huangzhongren 12`) lists a term among thousands of
 * words. The line holding the hit and at least one other whole line around it must have one of
 * these shapes; code lines (`#define EM_RACE_YELLOW 3`, `byRace; // 人种`) never do.
 *
 * Pure; reads only the decoded context around the hit.
 */

const shapes: readonly RegExp[] = [
  // word, frequency or weight, optional tag (jieba dict.txt and idf.txt, word-frequency lists)
  /^\S+[ \t]+\d+(?:\.\d+)?(?:[ \t]+[a-z]{1,4})?$/u,
  // pinyin then hanzi (IME tables)
  /^[a-z']+(?:[ \t][a-z']+)*[ \t]+\p{Script=Han}+(?:[ \t]+\d+)?$/u,
  // hanzi then pinyin, optional weight
  /^\p{Script=Han}+[ \t]+[a-z']+(?:[ \t][a-z']+)*(?:[ \t]+\d+)?$/u,
];

const minOtherLines = 1;

function isWordListLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && shapes.some((shape) => shape.test(trimmed));
}

/** True when the hit's line (`before` + `hit` + `after`, cut at line ends) and another whole line nearby are word-list entries. */
export function inWordList(before: string, hit: string, after: string): boolean {
  const beforeLines = before.split(/\r?\n/u);
  const afterLines = after.split(/\r?\n/u);
  // The hit's line must be whole: a line break on both sides within the decoded context.
  if (beforeLines.length < 2 || afterLines.length < 2) return false;
  if (!isWordListLine(`${beforeLines[beforeLines.length - 1]}${hit}${afterLines[0]}`)) return false;
  // Whole lines only: the first piece of `before` and the last of `after` may be cut.
  const others = [...beforeLines.slice(1, -1), ...afterLines.slice(1, -1)];
  return others.filter(isWordListLine).length >= minOtherLines;
}
