/**
 * storage.sync's quotas (Chrome's, which Firefox matches): 8,192 bytes per item, 102,400 in all,
 * 512 items. An item's size is its key plus its value as JSON, in UTF-8. Checked before a write,
 * so a full storage is said in words instead of a failed write; a refusal from the browser itself
 * is recognised too (isQuotaError).
 */
import { utf8Length } from '../format/text';
import { formatKilobytes, formatNumber } from '../format/numbers';
import { t } from '../i18n';

export const QUOTA_BYTES = 102_400;
export const QUOTA_BYTES_PER_ITEM = 8_192;
export const MAX_ITEMS = 512;

export function itemBytes(key: string, value: unknown): number {
  return utf8Length(key) + utf8Length(JSON.stringify(value) ?? '');
}

export interface Usage {
  bytes: number;
  items: number;
}

export function usageOf(all: Record<string, unknown>): Usage {
  let bytes = 0;
  let items = 0;
  for (const [key, value] of Object.entries(all)) {
    bytes += itemBytes(key, value);
    items += 1;
  }
  return { bytes, items };
}

/** Kilobytes, one decimal: "97.4 KB" ("97,4 KB" in German). */
export function kb(bytes: number): string {
  return formatKilobytes(bytes, 1);
}

/**
 * Why writing `changes` (null removes a key) over `all` would not fit, in words with the way
 * forward; null when it fits.
 */
export function quotaProblem(all: Record<string, unknown>, changes: Record<string, unknown>): string | null {
  const next: Record<string, unknown> = { ...all };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value !== null && itemBytes(key, value) > QUOTA_BYTES_PER_ITEM) {
      return t('replies.tooLarge', { size: kb(itemBytes(key, value)), max: kb(QUOTA_BYTES_PER_ITEM) });
    }
  }
  const usage = usageOf(next);
  if (usage.items > MAX_ITEMS) {
    return t('replies.tooMany', { count: formatNumber(MAX_ITEMS - 1) });
  }
  if (usage.bytes > QUOTA_BYTES) {
    const before = usageOf(all).bytes;
    return t('replies.full', { used: kb(before), quota: kb(QUOTA_BYTES), more: kb(usage.bytes - before) });
  }
  return null;
}

/** The browser refused a write for its quota (Chrome: "QUOTA_BYTES… quota exceeded"; Firefox similar). */
export function isQuotaError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return /quota/i.test(message) || (e instanceof DOMException && e.name === 'QuotaExceededError');
}

/** What a save says when the browser refused it for its quota. */
export const quotaRefused = (): string => t('replies.refused');
