import { useEffect, useState } from 'preact/hooks';
import { timeZoneSetting } from '@/lib/settings';

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};

/** Time zone for the times DM Desk shows (default: the browser's). */
export function TimeZoneSection() {
  const [value, setValue] = useState<string | null>(null);
  useEffect(() => {
    void timeZoneSetting.getValue().then(setValue);
  }, []);
  if (value === null) return null;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section class="card" aria-labelledby="tz-title">
      <h2 id="tz-title">Display</h2>
      <label>
        Time zone
        <select
          value={value}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setValue(next);
            void timeZoneSetting.setValue(next);
          }}
        >
          <option value="">Browser default ({browserZone})</option>
          {zones().map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
