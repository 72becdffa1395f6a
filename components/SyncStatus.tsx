import { clockTime, fullDateTime } from '@/lib/format/time';
import { ClockIcon } from './Icons';

interface Props {
  lastSyncedAt: number | null;
  timeZone: string | undefined;
}

/** "🕑 2:30 PM": when the list was last synced, as a time in the chosen time zone. */
export function SyncStatus({ lastSyncedAt, timeZone }: Props) {
  if (lastSyncedAt === null) return null;
  return (
    <span class="sync-status" title={`Last synced ${fullDateTime(lastSyncedAt, timeZone)}`}>
      <ClockIcon />
      <span aria-label={`Last synced at ${clockTime(lastSyncedAt, timeZone)}`}>{clockTime(lastSyncedAt, timeZone)}</span>
    </span>
  );
}
