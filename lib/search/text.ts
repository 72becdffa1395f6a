/**
 * Text folding and tokenizing shared by the index, the query parser and highlighting, so that what
 * is indexed, what is asked and what is highlighted are always cut the same way.
 */

/** Longer tokens are dropped: they are pasted hashes or garbage, never what someone types. */
export const MAX_TERM_LENGTH = 64;
/** A query is cut here before tokenizing (hostile or pasted input). */
export const MAX_QUERY_LENGTH = 256;
/** Only the first terms of a query count. */
export const MAX_QUERY_TERMS = 8;

const COMBINING_MARKS = /\p{M}/gu;

/** Lowercases, strips accents (NFKD + removal of combining marks) and keeps emoji as they are. */
export function normalizeForSearch(text: string): string {
  // Lowercase first: 'İ'.toLowerCase() is 'i' + a combining dot, which NFKD + mark removal then drops.
  // Variation selectors (U+FE0F) are marks too, so '❤️' and '❤' fold to the same token.
  return text.toLowerCase().normalize('NFKD').replace(COMBINING_MARKS, '');
}

/**
 * One token: a run of letters/digits, one CJK character (those scripts have no spaces, so each
 * character is a term), or one pictographic emoji (skin tones and ZWJ glue are dropped, so '👍🏽'
 * is found by '👍').
 */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|\p{Extended_Pictographic}|[\p{L}\p{N}]+/gu;

export interface Token {
  term: string;
  /** Offsets in the string that was tokenized (already normalized). */
  start: number;
  end: number;
}

/** Tokens of an already normalized string, with their offsets. */
export function tokensOf(normalized: string): Token[] {
  const out: Token[] = [];
  for (const m of normalized.matchAll(TOKEN)) {
    const term = m[0];
    if (term.length > MAX_TERM_LENGTH) continue;
    out.push({ term, start: m.index, end: m.index + term.length });
  }
  return out;
}

/** The distinct terms of a raw string. */
export function termsOf(text: string): string[] {
  return [...new Set(tokensOf(normalizeForSearch(text)).map((t) => t.term))];
}

export interface ParsedQuery {
  /** Distinct terms, all AND-ed. */
  terms: string[];
  /** The last term also matches as a prefix of longer terms. */
  prefix: boolean;
}

/** A single letter as a prefix matches most of the archive; it is matched as a whole term only. */
export const MIN_PREFIX_LENGTH = 2;

export function parseQuery(q: string): ParsedQuery {
  const terms = termsOf(q.slice(0, MAX_QUERY_LENGTH)).slice(0, MAX_QUERY_TERMS);
  const last = terms[terms.length - 1];
  return { terms, prefix: last !== undefined && [...last].length >= MIN_PREFIX_LENGTH };
}

/**
 * Ranges of the ORIGINAL text to highlight for a query, matched the way the search matches:
 * accent- and case-insensitive, whole terms, the last one also as a prefix.
 */
export function highlightRanges(text: string, q: string): Array<[start: number, end: number]> {
  const { terms, prefix } = parseQuery(q);
  if (terms.length === 0 || text.length === 0) return [];
  const last = terms[terms.length - 1]!;
  const exact = new Set(terms);

  // Fold the text code point by code point, remembering where each folded code unit came from,
  // so that folded offsets map back to the original (folding can shrink or grow a character).
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const f = normalizeForSearch(text.slice(i, i + len));
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += len;
  }
  origin.push(text.length);

  const ranges: Array<[number, number]> = [];
  for (const tok of tokensOf(folded)) {
    let end: number;
    if (exact.has(tok.term)) end = tok.end;
    else if (prefix && tok.term.startsWith(last)) end = tok.start + last.length;
    else continue;
    ranges.push([origin[tok.start]!, originalEnd(text, origin, end)]);
  }
  return ranges;
}

const TRAILING = /^[\p{M}\p{Emoji_Modifier}\u200d]/u;

/** The original offset just after folded offset `end - 1`, including combining marks that follow. */
function originalEnd(text: string, origin: number[], end: number): number {
  const start = origin[end - 1]!;
  let i = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
  // Decomposed input ('e' + U+0301) and emoji modifiers belong to the character they follow.
  while (i < text.length && TRAILING.test(text.slice(i, i + 2))) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}
