import { describe, expect, it } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { migrateSyncInterval, syncPresetSetting } from '@/lib/settings';

const LEGACY = 'local:settings.syncIntervalMinutes';

describe('the minutes between syncs of older versions', () => {
  it.each([
    [0.25, 'realtime'],
    [1, 'balanced'],
    [2, 'battery'],
    [60, 'battery'],
  ] as const)('%s minute(s) become the nearest preset, %s, and are forgotten', async (minutes, preset) => {
    await storage.setItem(LEGACY, minutes);
    await migrateSyncInterval();
    expect(await syncPresetSetting.getValue()).toBe(preset);
    expect(await storage.getItem(LEGACY)).toBeNull();
  });

  it('keeps a preset already chosen, and leaves a new installation on Real time', async () => {
    await migrateSyncInterval();
    expect(await syncPresetSetting.getValue()).toBe('realtime');
    await syncPresetSetting.setValue('battery');
    await storage.setItem(LEGACY, 0.5);
    await migrateSyncInterval();
    expect(await syncPresetSetting.getValue()).toBe('battery');
    expect(await storage.getItem(LEGACY)).toBeNull();
  });
});
