import { clockTime, fullDateTime } from '@/lib/format/time';
import { t } from '@/lib/i18n';
import { ClockIcon } from './Icons';

interface Props {
  lastSyncedAt: number | null;
  timeZone: string | undefined;
}

/** "🕑 2:30 PM": when the list was last synced, as a time in the chosen time zone. */
export function SyncStatus({ lastSyncedAt, timeZone }: Props) {
  if (lastSyncedAt === null) return null;
  return (
    <span class="sync-status" title={t('inbox.lastSynced', { time: fullDateTime(lastSyncedAt, timeZone) })}>
      <ClockIcon />
      <span aria-label={t('inbox.lastSyncedAt', { time: clockTime(lastSyncedAt, timeZone) })}>{clockTime(lastSyncedAt, timeZone)}</span>
    </span>
  );
}
