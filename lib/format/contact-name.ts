/**
 * How a contact is named everywhere (list rows, thread header, contact panel, popup, notifications,
 * search results): the name from the User Profile API with the username beside it; the username
 * alone when Meta gives no name (withheld without consent, no match, or simply none); "Instagram
 * User" when it gives neither.
 */
import type { Participant } from '../db/schema';
import { t } from '../i18n';

export interface ContactName {
  /** What a person reads first: the name, else the username, else "Instagram User". */
  primary: string;
  /** "@username" beside a name; null when the primary already is the username (or there is none). */
  secondary: string | null;
  /** Both in one line, for titles and notifications: "María García (@maria.g)". */
  full: string;
}

/** A stored value as display text: a non-empty string on one line, or null (bad data included). */
function clean(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

export function contactName(p: Partial<Pick<Participant, 'name' | 'username'>> | null | undefined): ContactName {
  const name = clean(p?.name);
  const username = clean(p?.username)?.replace(/^@+/, '') || null;
  if (name && username && name !== username) {
    return { primary: name, secondary: `@${username}`, full: `${name} (@${username})` };
  }
  const primary = name ?? username ?? t('list.unknownContact');
  return { primary, secondary: null, full: primary };
}
