import { uiLocale } from '../i18n';

/** "1,234" in English, "1.234" in German: a count as the browser's language writes it. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLocale()).format(n);
}

/** "12.3K", "1.2M": follower counts as people say them. */
export function compactCount(n: number): string {
  return new Intl.NumberFormat(uiLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}
