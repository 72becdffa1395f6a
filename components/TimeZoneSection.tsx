import { logDiagnostic } from '@/lib/diagnostics';
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

/** Time zone for the times DM Desk shows (default: the browser's). */
export function TimeZoneSection({ setting }: { setting: StoredSignal<string> }) {
  if (!setting.loaded.value) return null;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section class="card" aria-labelledby="tz-title">
      <h2 id="tz-title">Display</h2>
      <label>
        Time zone
        <select value={setting.value.value} onChange={(e) => void setting.set(e.currentTarget.value)}>
          <option value="">Browser default ({browserZone})</option>
          {zones().map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <SettingError setting={setting} />
    </section>
  );
}
