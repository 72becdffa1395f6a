/** What Meta accepts as image replies, checked before anything is uploaded. */
import { formatMegabytes, formatNumber } from '../format/numbers';
import { t } from '../i18n';

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'] as const;
export const MAX_IMAGES_PER_MESSAGE = 10;
/** Meta's documented limit per image (instagram-api.md §3.3). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/**
 * Meta documents no total; 25 MB (its largest per-file limit, for video) keeps one reply's uploads
 * within what a single send can carry in reasonable time.
 */
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;

export interface ImageCandidate {
  name: string;
  type: string;
  size: number;
}

/** "8.0 MB" under ten megabytes, "25 MB" from there on. */
const mb = (bytes: number): string => formatMegabytes(bytes, bytes < 10 * 1024 * 1024 ? 1 : 0);

/**
 * Splits files a person added into those that fit and clear reasons for those that do not,
 * given the images already attached.
 */
export function checkImages<T extends ImageCandidate>(
  existing: readonly ImageCandidate[],
  adding: readonly T[],
): { accepted: T[]; errors: string[] } {
  const accepted: T[] = [];
  const errors: string[] = [];
  let count = existing.length;
  let total = existing.reduce((sum, f) => sum + f.size, 0);
  for (const file of adding) {
    if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      errors.push(t('composer.notImage', { name: file.name }));
    } else if (file.size > MAX_IMAGE_BYTES) {
      errors.push(t('composer.imageTooLarge', { name: file.name, size: mb(file.size), max: mb(MAX_IMAGE_BYTES) }));
    } else if (count >= MAX_IMAGES_PER_MESSAGE) {
      errors.push(t('composer.tooManyImages', { name: file.name, max: formatNumber(MAX_IMAGES_PER_MESSAGE) }));
    } else if (total + file.size > MAX_TOTAL_BYTES) {
      errors.push(t('composer.imagesTooLarge', { name: file.name, max: mb(MAX_TOTAL_BYTES) }));
    } else {
      accepted.push(file);
      count += 1;
      total += file.size;
    }
  }
  return { accepted, errors };
}
