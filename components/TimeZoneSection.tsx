import { logDiagnostic } from '@/lib/diagnostics';
import { languageUses12Hour, isClockChoice, type ClockChoice } from '@/lib/format/locale';
import { sampleTime } from '@/lib/format/time';
import { t, uiLocale } from '@/lib/i18n';
import type { StoredSignal } from '@/lib/models/stored-signal';
import { SettingError } from './SettingError';

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch (e) {
    // A browser without the list still offers its own zone (the default).
    logDiagnostic('ui', 'This browser does not list its time zones', e);
    return [];
  }
};

/** How times are shown: the time zone (default: the browser's) and the clock (default: the language's). */
export function TimeZoneSection({ setting, clock }: { setting: StoredSignal<string>; clock?: StoredSignal<ClockChoice> }) {
  if (!setting.loaded.value) return null;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section class="card" aria-labelledby="tz-title">
      <h2 id="tz-title">{t('time.displayTitle')}</h2>
      <label>
        {t('time.timeZone')}
        <select value={setting.value.value} onChange={(e) => void setting.set(e.currentTarget.value)}>
          <option value="">{t('time.browserZone', { zone: browserZone })}</option>
          {zones().map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <SettingError setting={setting} />
      {clock ? <ClockChoiceField clock={clock} /> : null}
    </section>
  );
}

function ClockChoiceField({ clock }: { clock: StoredSignal<ClockChoice> }) {
  const choose = (value: string) => {
    if (isClockChoice(value)) void clock.set(value);
  };
  return (
    <>
      <label>
        {t('time.clock')}
        <select value={clock.value.value} onChange={(e) => choose(e.currentTarget.value)}>
          <option value="auto">{t('time.clockAuto', { example: sampleTime(languageUses12Hour(uiLocale())) })}</option>
          <option value="12">{t('time.clock12', { example: sampleTime(true) })}</option>
          <option value="24">{t('time.clock24', { example: sampleTime(false) })}</option>
        </select>
      </label>
      <SettingError setting={clock} />
    </>
  );
}
