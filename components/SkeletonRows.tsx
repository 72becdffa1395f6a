import { t } from '@/lib/i18n';

/** Animated placeholders while the first conversations load and nothing is cached. */
export function SkeletonRows({ count = 6 }: { count?: number }) {
  return (
    <div class="skeletons" role="status" aria-label={t('list.loading')}>
      {Array.from({ length: count }, (_, i) => (
        <div class="skeleton-row" key={i} aria-hidden="true">
          <span class="skeleton-avatar" />
          <span class="skeleton-lines">
            <span class="skeleton-line short" />
            <span class="skeleton-line" />
          </span>
        </div>
      ))}
    </div>
  );
}
