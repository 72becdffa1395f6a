/**
 * Saved replies: what one is, and the rules a new or edited one must meet. Pure; the storage is
 * in store.ts, the variables in fill.ts, sync's quota in quota.ts.
 */
import { MAX_TEXT_BYTES, utf8Length } from '../format/text';
import { formatNumber } from '../format/numbers';
import { t } from '../i18n';

export interface SavedReply {
  /** Random, stable across browsers (the storage key is made from it). */
  id: string;
  /** What the list and the picker show, e.g. "Opening hours". */
  title: string;
  /** Typed after `/` in the composer to insert the reply at once, e.g. `hours`. Unique. */
  shortcut: string;
  /** The text, with variables such as `{first_name}` (fill.ts). */
  text: string;
  /** When it was last saved (ms): the newer copy wins when two browsers changed it. */
  updatedAt: number;
}

/** A reply as the editor holds it, before it is saved. */
export interface ReplyDraft {
  title: string;
  shortcut: string;
  text: string;
}

export const MAX_TITLE_LENGTH = 80;
export const MAX_SHORTCUT_LENGTH = 32;
export const SHORTCUT_PATTERN = /^[a-z0-9-]+$/;

export type DraftErrors = Partial<Record<keyof ReplyDraft, string>>;

/** The shortcut as stored: trimmed, lower case, without a leading `/`. */
export function normalizeShortcut(raw: string): string {
  return raw.trim().replace(/^\/+/, '').toLowerCase();
}

/** A shortcut made from a title ("Opening hours!" → `opening-hours`), for a reply saved without one. */
export function shortcutFromTitle(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_SHORTCUT_LENGTH - 3)
      .replace(/-+$/, '') || 'reply';
  return uniqueShortcut(base, taken);
}

/** `base`, or `base-2`, `base-3`, … whichever is free. */
export function uniqueShortcut(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const next = `${base.slice(0, MAX_SHORTCUT_LENGTH - String(n).length - 1)}-${n}`;
    if (!taken.has(next)) return next;
  }
}

/**
 * What is wrong with a draft, per field, in words (empty when it can be saved). `others` are the
 * other saved replies (not the one being edited), for the unique shortcut.
 */
export function validateDraft(draft: ReplyDraft, others: readonly SavedReply[]): DraftErrors {
  const errors: DraftErrors = {};
  const title = draft.title.trim();
  const shortcut = normalizeShortcut(draft.shortcut);
  if (title === '') errors.title = t('replies.titleMissing');
  else if (title.length > MAX_TITLE_LENGTH) errors.title = t('replies.titleTooLong', { max: formatNumber(MAX_TITLE_LENGTH) });
  if (shortcut === '') errors.shortcut = t('replies.shortcutMissing');
  else if (shortcut.length > MAX_SHORTCUT_LENGTH)
    errors.shortcut = t('replies.shortcutTooLong', { max: formatNumber(MAX_SHORTCUT_LENGTH) });
  else if (!SHORTCUT_PATTERN.test(shortcut)) errors.shortcut = t('replies.shortcutInvalid');
  else if (others.some((r) => r.shortcut === shortcut)) errors.shortcut = t('replies.shortcutTaken', { shortcut });
  if (draft.text.trim() === '') errors.text = t('replies.textMissing');
  else if (utf8Length(draft.text.trim()) > MAX_TEXT_BYTES) {
    errors.text = t('replies.textTooLong', { bytes: utf8Length(draft.text.trim()), max: MAX_TEXT_BYTES });
  }
  return errors;
}

export function hasErrors(errors: DraftErrors): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}

/** A new id: random, short, safe in a storage key. */
export function newReplyId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}
