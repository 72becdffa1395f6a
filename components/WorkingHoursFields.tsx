import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import type { StoredSignal } from '@/lib/models/stored-signal';
import { PRESET_DELAYS, parseTimeInput, timeInputValue, type SyncPreset, type WorkingHours } from '@/lib/policy/sync-cadence';
import { SettingError } from './SettingError';

interface Props {
  hours: StoredSignal<WorkingHours>;
  preset: SyncPreset;
}

/** Optional working hours: outside them, with no DM Desk page open, the background checks least often. */
export function WorkingHoursFields({ hours, preset }: Props) {
  const value = hours.value.value;
  const setTime = (which: 'start' | 'end', text: string) => {
    const minutes = parseTimeInput(text);
    if (minutes !== null) void hours.update((h) => ({ ...h, [which]: minutes }));
  };
  return (
    <>
      <fieldset class="working-hours">
        <legend>{t('options.workingHoursLegend')}</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={value.enabled}
            aria-describedby="working-hours-note"
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              void hours.update((h) => ({ ...h, enabled }));
            }}
          />
          {t('options.workingHoursOn')}
        </label>
        <label>
          {t('options.workingHoursStart')}
          <input
            type="time"
            value={timeInputValue(value.start)}
            disabled={!value.enabled}
            onChange={(e) => setTime('start', e.currentTarget.value)}
          />
        </label>
        <label>
          {t('options.workingHoursEnd')}
          <input
            type="time"
            value={timeInputValue(value.end)}
            disabled={!value.enabled}
            onChange={(e) => setTime('end', e.currentTarget.value)}
          />
        </label>
        <p id="working-hours-note" class="muted">
          {t('options.workingHoursNote', { minutes: formatNumber(PRESET_DELAYS[preset].offHours / 60_000) })}
        </p>
      </fieldset>
      <SettingError setting={hours} />
    </>
  );
}
