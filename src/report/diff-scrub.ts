/**
 * Scrub detection for `fwsift diff`: an identifier that OLD had and NEW lacks counts as
 * *scrubbed* when NEW has a placeholder (`byRes2`, `dwRes1`, `reserved`, `Reserved3`,
 * `EM_NATION_TYPE_RESERVED`, a padding array `BYTE byRes[2]`) at the same structural position:
 * the declarations before and after it are the same tokens as OLD's. Same neighbours in the
 * same enum or struct is what "same ordinal" and "same byte offset" mean when the members
 * around it did not change, and it is all a 40-character context can show; a neighbour that
 * was itself scrubbed (byEthnic and byRace both renamed) may be a placeholder on the NEW side.
 *
 * Comments are left out of the comparison: vendors translate them in the same release
 * (`/* 人种 *​/` → `/* reserved *​/`). Pure functions of strings; no I/O.
 */

/** Hungarian-prefixed or plain reserved names: byRes2, dwRes, szReserved, reserved, Reserved3, RSVD, pad, spare. */
const placeholderName = /^(?:[a-z]{1,3}_?)?_*(?:res|rsv|rsvd|reserve|reserved|pad|padding|spare|unused)[_\d]*$/i;
const placeholderSuffix = /_(?:RESERVED|RSVD|RES|RESV)\d*$/i;
const identifierChar = /[A-Za-z0-9_]/;

export function isPlaceholder(token: string): boolean {
  return placeholderName.test(token) || placeholderSuffix.test(token);
}

export function isIdentifier(token: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(token);
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Identifiers, numbers and single punctuation characters; `//` and `/* *​/` comments dropped
 * (an unterminated one runs to the end). `·` is whitespace: report contexts show line breaks
 * and other control characters as `·`.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\/\/[^\n\u00b7]*|\/\*[\s\S]*?(?:\*\/|$)|[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|[^\s\u00b7]/g;
  for (const match of text.matchAll(pattern)) {
    const value = match[0];
    if (value.startsWith('//') || value.startsWith('/*')) continue;
    tokens.push({ text: value, start: match.index, end: match.index + value.length });
  }
  return tokens;
}

/** Tokens a finding's context shows either side of the identifier that holds the term (partial tokens at the window's edges dropped). */
export function neighbourTokens(before: string, term: string, after: string): { readonly identifier: string; readonly left: string[]; readonly right: string[] } {
  let leftEnd = before.length;
  while (leftEnd > 0 && identifierChar.test(before[leftEnd - 1]!)) leftEnd -= 1;
  let rightStart = 0;
  while (rightStart < after.length && identifierChar.test(after[rightStart]!)) rightStart += 1;
  const left = tokenize(before.slice(0, leftEnd)).map((token) => token.text).slice(1);
  const right = tokenize(after.slice(rightStart)).map((token) => token.text).slice(0, -1);
  return { identifier: before.slice(leftEnd) + term + after.slice(0, rightStart), left, right };
}

/** Neighbours compared on each side; more would run past a 40-character context anyway. */
const anchorTokens = 5;
/** Tokens that must agree on each side (when the old context has that many): `; BYTE byBeard ; BYTE` → 3 is `byBeard ; BYTE`. */
const requiredLeft = 3;
const requiredRight = 2;
/** A padding array may stand for this many removed members. */
const maxArrayMembers = 8;
/** Characters of NEW's text shown either side of the placeholder. */
const shownChars = 40;

function sameSlot(oldToken: string, newToken: string): { readonly ok: boolean; readonly exact: boolean } {
  if (oldToken === newToken) return { ok: true, exact: true };
  return { ok: isIdentifier(oldToken) && isPlaceholder(newToken), exact: false };
}

/** How many tokens agree walking outwards, and how many of those are identical identifiers. */
function agree(oldSide: readonly string[], newSide: readonly string[]): { readonly length: number; readonly exactIdentifiers: number; readonly anchors: string[] } {
  let length = 0;
  let exactIdentifiers = 0;
  const anchors: string[] = [];
  while (length < oldSide.length && length < newSide.length && length < anchorTokens) {
    const slot = sameSlot(oldSide[length]!, newSide[length]!);
    if (!slot.ok) break;
    if (slot.exact && isIdentifier(oldSide[length]!)) exactIdentifiers += 1;
    anchors.push(newSide[length]!);
    length += 1;
  }
  return { length, exactIdentifiers, anchors };
}

/** Old right-hand tokens after skipping `count` whole declarations (`; BYTE byEthnic` …): a padding array that replaced several members. */
function skipDeclarations(right: readonly string[], count: number): readonly string[] {
  let rest = right;
  for (let skipped = 0; skipped < count; skipped++) {
    const next = rest.indexOf(';', 1);
    if (next < 0) return [];
    rest = rest.slice(next);
  }
  return rest;
}

export interface PlaceholderMatch {
  readonly text: string;
  readonly before: string;
  readonly after: string;
  readonly anchors: { readonly before: readonly string[]; readonly after: readonly string[] };
}

/**
 * Looks in `newText` for a placeholder standing where OLD's identifier stood, judged by the
 * tokens of OLD's context (`before` + `term` + `after`). Returns the first such placeholder,
 * or undefined when the term is not part of an identifier, OLD's context shows too few
 * neighbours, or nothing in NEW agrees with them.
 */
export function findPlaceholder(old: { readonly before: string; readonly term: string; readonly after: string }, newText: string): PlaceholderMatch | undefined {
  const { identifier, left, right } = neighbourTokens(old.before, old.term, old.after);
  if (!isIdentifier(identifier) || left.length + right.length < requiredLeft + requiredRight) return undefined;
  const oldLeft = [...left].reverse();
  const tokens = tokenize(newText);
  for (let index = 0; index < tokens.length; index++) {
    const candidate = tokens[index]!;
    if (!isPlaceholder(candidate.text) || candidate.text === identifier) continue;
    const newLeft = tokens.slice(Math.max(0, index - anchorTokens), index).map((token) => token.text).reverse();
    const leftAgree = agree(oldLeft, newLeft);
    if (leftAgree.length < Math.min(requiredLeft, oldLeft.length)) continue;
    let afterIndex = index + 1;
    let members = 1;
    // `byRes[2]`: an anonymous padding array for two members.
    if (tokens[afterIndex]?.text === '[' && /^\d+$/.test(tokens[afterIndex + 1]?.text ?? '') && tokens[afterIndex + 2]?.text === ']') {
      members = Math.min(Number(tokens[afterIndex + 1]!.text), maxArrayMembers);
      afterIndex += 3;
    }
    const newRight = tokens.slice(afterIndex, afterIndex + anchorTokens).map((token) => token.text);
    const rightAgree = [...Array(members).keys()]
      .map((skip) => agree(skipDeclarations(right, skip), newRight))
      .find((result) => result.length >= Math.min(requiredRight, right.length));
    if (rightAgree === undefined || leftAgree.exactIdentifiers + rightAgree.exactIdentifiers === 0) continue;
    return {
      text: candidate.text,
      before: newText.slice(Math.max(0, candidate.start - shownChars), candidate.start),
      after: newText.slice(candidate.end, candidate.end + shownChars),
      anchors: { before: leftAgree.anchors.reverse(), after: rightAgree.anchors },
    };
  }
  return undefined;
}
