/** Numbers and sizes as the UI's language writes them (Intl, in `uiLocale()`). */
import { t, uiLocale } from '../i18n';

/**
 * One formatter per language and style, made on first use: making an Intl.NumberFormat costs far
 * more than using one, and a list paints hundreds of numbers (counts, ages of rows).
 */
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(style: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const tag = uiLocale();
  const key = `${tag} ${style}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(tag, options)));
  return format;
}

/** "1,234" in English, "1.234" in German: a count as the browser's language writes it. */
export function formatNumber(n: number): string {
  return numberFormat('plain').format(n);
}

/** "12.3K", "1.2M": follower counts as people say them ("48,2 mil" in Spanish). */
export function compactCount(n: number): string {
  return numberFormat('compact', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

const KB = 1024;
const MB = 1024 * 1024;

function fixed(n: number, digits: number): string {
  return numberFormat(`fixed ${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Kilobytes with `digits` decimals: "97.4 KB" ("97,4 KB" in German). */
export function formatKilobytes(bytes: number, digits = 1): string {
  return t('format.kilobytes', { size: fixed(bytes / KB, digits) });
}

/** Megabytes with `digits` decimals: "8.0 MB", or "32 MB" with none. */
export function formatMegabytes(bytes: number, digits = 1): string {
  return t('format.megabytes', { size: fixed(bytes / MB, digits) });
}

/** A stored size: whole kilobytes under a megabyte (at least 1 KB), else megabytes with one decimal. */
export function formatSize(bytes: number): string {
  return bytes < MB ? t('format.kilobytes', { size: fixed(Math.max(1, Math.round(bytes / KB)), 0) }) : formatMegabytes(bytes, 1);
}
