import type { ReadonlySignal } from '@preact/signals';
import type { Account } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import type { StoredSignal } from '@/lib/models/stored-signal';
import type { SyncPreset, WorkingHours } from '@/lib/policy/sync-cadence';
import { SettingError } from './SettingError';
import { SyncPresetFields } from './SyncPresetFields';
import { WorkingHoursFields } from './WorkingHoursFields';

interface Props {
  accounts: ReadonlySignal<Account[]>;
  preset: StoredSignal<SyncPreset>;
  workingHours: StoredSignal<WorkingHours>;
  notificationsOff: StoredSignal<string[]>;
  setNotifications: (accountId: string, on: boolean) => Promise<boolean>;
}

/** How often DM Desk checks for new messages, and which accounts may notify. */
export function NotificationsSection({ accounts, preset, workingHours, notificationsOff, setNotifications }: Props) {
  if (!preset.loaded.value || !workingHours.loaded.value || !notificationsOff.loaded.value) return null;
  const off = notificationsOff.value.value;
  return (
    <section class="card" aria-labelledby="background-title">
      <h2 id="background-title">{t('options.newMessagesTitle')}</h2>
      <SyncPresetFields preset={preset} />
      <WorkingHoursFields hours={workingHours} preset={preset.value.value} />
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
