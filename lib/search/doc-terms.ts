/**
 * The terms a search doc puts in the index and how a doc record keeps them (to undo or compare
 * them later): `term\u0002fields` entries joined by `\u0001`, where fields are the bits of where
 * the term was found (the message text, the contact's name or username).
 */
import { FIELD_TEXT } from './query';
import { termsOf } from './text';
import type { SearchDoc } from './types';

const FIELD_PARTICIPANT = 2;

/** The terms a doc puts in the index, with the fields each comes from. */
export function docTerms(doc: SearchDoc): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of termsOf(doc.text)) out.set(t, FIELD_TEXT);
  for (const t of termsOf(`${doc.participantName ?? ''} ${doc.participantUsername ?? ''}`)) {
    out.set(t, (out.get(t) ?? 0) | FIELD_PARTICIPANT);
  }
  return out;
}

export function encodeTerms(terms: Map<string, number>): string {
  return [...terms].map(([t, f]) => `${t}\u0002${f}`).join('\u0001');
}

/** The terms a doc record put in the index, with their field bits (the inverse of encodeTerms). */
export function decodeTermFields(s: string): Map<string, number> {
  // A term never holds the separators (tokens are letters, digits and emoji): each entry splits in two.
  return new Map(
    s
      .split('\u0001')
      .filter(Boolean)
      .map((e) => e.split('\u0002') as [string, string])
      .map(([t, f]) => [t, Number(f)]),
  );
}
