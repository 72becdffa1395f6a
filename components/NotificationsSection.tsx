import type { ReadonlySignal } from '@preact/signals';
import type { Account } from '@/lib/db/schema';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import type { StoredSignal } from '@/lib/models/stored-signal';
import { SettingError } from './SettingError';

const INTERVALS = [1, 2, 5, 15, 30, 60];

interface Props {
  accounts: ReadonlySignal<Account[]>;
  interval: StoredSignal<number>;
  notificationsOff: StoredSignal<string[]>;
  setNotifications: (accountId: string, on: boolean) => Promise<boolean>;
}

/** How often DM Desk checks for new messages, and which accounts may notify. */
export function NotificationsSection({ accounts, interval, notificationsOff, setNotifications }: Props) {
  if (!interval.loaded.value || !notificationsOff.loaded.value) return null;
  const off = notificationsOff.value.value;
  return (
    <section class="card" aria-labelledby="background-title">
      <h2 id="background-title">{t('options.newMessagesTitle')}</h2>
      <label>
        {t('options.checkEvery')}
        <select value={String(interval.value.value)} onChange={(e) => void interval.set(Number(e.currentTarget.value))}>
          {INTERVALS.map((m) => (
            <option key={m} value={String(m)}>
              {t('options.everyMinutes', m, { count: formatNumber(m) })}
            </option>
          ))}
        </select>
      </label>
      <SettingError setting={interval} />
      {accounts.value.length > 0 ? (
        <fieldset class="notify-accounts">
          <legend>{t('options.browserNotifications')}</legend>
          {accounts.value.map((a) => (
            <label key={a.id} class="checkbox">
              <input type="checkbox" checked={!off.includes(a.id)} onChange={(e) => void setNotifications(a.id, e.currentTarget.checked)} />
              {t('options.notifyFor', { username: a.username })}
            </label>
          ))}
        </fieldset>
      ) : null}
      <SettingError setting={notificationsOff} />
    </section>
  );
}
