import { useEffect, useState } from 'preact/hooks';
import { blockedMessage, onDatabaseEvent, type DatabaseEvent } from '@/lib/db';

interface Props {
  /** Where database events come from (tests pass their own). */
  subscribe?: (listener: (event: DatabaseEvent) => void) => () => void;
}

/**
 * Says so while this page waits for another DM Desk tab to let go of the local data (it holds an
 * older version open during an upgrade), and what to do about it. Gone once the wait is over.
 */
export function DatabaseNotice({ subscribe = onDatabaseEvent }: Props) {
  const [waiting, setWaiting] = useState<ReadonlySet<string>>(new Set());
  useEffect(
    () =>
      subscribe((event) => {
        if (event.type === 'released') return;
        setWaiting((current) => {
          const next = new Set(current);
          if (event.type === 'blocked') next.add(event.database);
          else next.delete(event.database);
          return next;
        });
      }),
    [subscribe],
  );
  if (waiting.size === 0) return null;
  return (
    <div class="banner error" role="alert">
      {blockedMessage()}
    </div>
  );
}
