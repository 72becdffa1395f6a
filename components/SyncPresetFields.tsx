import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import type { StoredSignal } from '@/lib/models/stored-signal';
import { PRESET_DELAYS, SYNC_PRESETS, checksPerMinute, isSyncPreset, type SyncPreset } from '@/lib/policy/sync-cadence';
import { SettingError } from './SettingError';

const NAMES: Record<SyncPreset, () => string> = {
  realtime: () => t('options.syncPresetRealtime'),
  balanced: () => t('options.syncPresetBalanced'),
  battery: () => t('options.syncPresetBattery'),
};

/** What a preset costs, from the same figures the background follows. */
function rate(preset: SyncPreset): string {
  const open = formatNumber(checksPerMinute(preset, 'visible'));
  const idle = checksPerMinute(preset, 'normal');
  if (idle >= 1) return t('options.syncRatePerMinute', { idle: formatNumber(idle), open });
  return t('options.syncRateEvery', { minutes: formatNumber(PRESET_DELAYS[preset].normal / 60_000), open });
}

/** How often the background checks for new messages: three presets, each with the request rate it means. */
export function SyncPresetFields({ preset }: { preset: StoredSignal<SyncPreset> }) {
  const choose = (value: string) => {
    if (isSyncPreset(value)) void preset.set(value);
  };
  return (
    <>
      <fieldset class="sync-presets">
        <legend>{t('options.syncPresetLegend')}</legend>
        {SYNC_PRESETS.map((p) => (
          <div key={p} class="radio">
            <label class="checkbox">
              <input
                type="radio"
                name="sync-preset"
                value={p}
                checked={preset.value.value === p}
                aria-describedby={`sync-rate-${p}`}
                onChange={(e) => choose(e.currentTarget.value)}
              />
              {NAMES[p]()}
            </label>
            <span id={`sync-rate-${p}`} class="muted">
              {rate(p)}
            </span>
          </div>
        ))}
      </fieldset>
      <SettingError setting={preset} />
    </>
  );
}
