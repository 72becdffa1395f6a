import { useEffect, useState } from 'preact/hooks';
import type { Account } from '@/lib/db/schema';
import { notificationsOffSetting, syncIntervalSetting } from '@/lib/settings';

const INTERVALS = [1, 2, 5, 15, 30, 60];

/** How often DM Desk checks for new messages, and which accounts may notify. */
export function NotificationsSection({ accounts }: { accounts: Account[] }) {
  const [interval, setIntervalValue] = useState<number | null>(null);
  const [off, setOff] = useState<string[] | null>(null);
  useEffect(() => {
    void syncIntervalSetting.getValue().then(setIntervalValue);
    void notificationsOffSetting.getValue().then(setOff);
  }, []);
  if (interval === null || off === null) return null;
  return (
    <section class="card" aria-labelledby="background-title">
      <h2 id="background-title">New messages</h2>
      <label>
        Check for new messages every
        <select
          value={String(interval)}
          onChange={(e) => {
            const minutes = Number(e.currentTarget.value);
            setIntervalValue(minutes);
            void syncIntervalSetting.setValue(minutes);
          }}
        >
          {INTERVALS.map((m) => (
            <option key={m} value={String(m)}>
              {m === 1 ? '1 minute' : `${m} minutes`}
            </option>
          ))}
        </select>
      </label>
      {accounts.length > 0 ? (
        <fieldset class="notify-accounts">
          <legend>Browser notifications</legend>
          {accounts.map((a) => (
            <label key={a.id} class="checkbox">
              <input
                type="checkbox"
                checked={!off.includes(a.id)}
                onChange={(e) => {
                  const next = e.currentTarget.checked ? off.filter((id) => id !== a.id) : [...off, a.id];
                  setOff(next);
                  void notificationsOffSetting.setValue(next);
                }}
              />
              Notify me of new messages for @{a.username}
            </label>
          ))}
        </fieldset>
      ) : null}
    </section>
  );
}
