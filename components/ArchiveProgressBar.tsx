import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import type { ArchiveProgress } from '@/lib/models/options-archive';

interface Props {
  progress: ArchiveProgress;
}

/** What the import or the search index build is doing, in words, over a bar of how far it is. */
export function ArchiveProgressBar({ progress }: Props) {
  const counts = { done: formatNumber(progress.done), total: formatNumber(progress.total) };
  const words =
    progress.task === 'index'
      ? t('archive.progressIndexBuild', counts)
      : progress.phase === 'reading'
        ? t('archive.importing')
        : progress.phase === 'checking'
          ? t('archive.progressChecking')
          : t('archive.progressWriting', counts);
  const known = progress.total > 0;
  return (
    <div class="archive-progress" role="status">
      <label>
        <span>{words}</span>
        {/* Without a total the bar shows that it is busy (indeterminate) rather than a made-up value. */}
        <progress
          aria-label={progress.task === 'index' ? t('archive.indexProgressLabel') : t('archive.importProgressLabel')}
          max={known ? progress.total : undefined}
          value={known ? progress.done : undefined}
        />
      </label>
    </div>
  );
}
