import { describe, expect, it, vi } from 'vitest';
import { storage } from '@/lib/storage';
import { readDiagnostics } from '@/lib/diagnostics';
import { storedSignal, settingWriteFailed, type StoredItem } from '@/lib/models/stored-signal';

const item = () => storage.defineItem<string>('local:test.setting', { fallback: 'fallback' });

/** Lets storage's change events and pending reads settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('storedSignal', () => {
  it('shows the fallback, then the stored value once loaded', async () => {
    await item().setValue('stored');
    const s = storedSignal(item());
    expect(s.value.value).toBe('fallback');
    expect(s.loaded.value).toBe(false);
    await s.ready;
    expect(s.value.value).toBe('stored');
    expect(s.loaded.value).toBe(true);
    s.dispose();
  });

  it('follows a change made elsewhere', async () => {
    const s = storedSignal(item());
    await s.ready;
    // Another page writes the same item.
    await storage.setItem('local:test.setting', 'from another tab');
    await vi.waitFor(() => expect(s.value.value).toBe('from another tab'));
    s.dispose();
  });

  it('writes through: set persists and the signal follows at once', async () => {
    const s = storedSignal(item());
    await s.ready;
    const saved = s.set('mine');
    expect(s.value.value).toBe('mine');
    expect(await saved).toBe(true);
    expect(await item().getValue()).toBe('mine');
    expect(await s.update((v) => `${v}!`)).toBe(true);
    expect(await item().getValue()).toBe('mine!');
    s.dispose();
  });

  it('stops following after dispose', async () => {
    const s = storedSignal(item());
    await s.ready;
    s.dispose();
    await item().setValue('later');
    await settle();
    expect(s.value.value).toBe('fallback');
  });

  it('a failed write is shown and logged, and the stored value comes back', async () => {
    const real = item();
    await real.setValue('kept');
    const failing: StoredItem<string> = {
      ...real,
      key: real.key,
      fallback: real.fallback,
      getValue: () => real.getValue(),
      watch: (cb) => real.watch(cb),
      setValue: () => Promise.reject(new Error('quota')),
    };
    const s = storedSignal(failing);
    await s.ready;
    expect(await s.set('lost')).toBe(false);
    expect(s.value.value).toBe('kept');
    expect(s.error.value).toBe(settingWriteFailed());
    expect((await readDiagnostics()).map((e) => e.message)).toContain('A setting could not be saved');
    s.dispose();
  });

  it('a read that fails leaves the fallback, says so, and still counts as loaded', async () => {
    const s = storedSignal<number>({
      key: 'x',
      fallback: 3,
      getValue: () => Promise.reject(new Error('gone')),
      setValue: async () => undefined,
      watch: () => () => undefined,
    });
    await s.ready;
    expect(s.value.value).toBe(3);
    expect(s.loaded.value).toBe(true);
    expect(s.error.value).not.toBeNull();
  });

  it('a load that answers after a newer write does not overwrite it', async () => {
    let answer: (v: string) => void = () => undefined;
    const slow: StoredItem<string> = {
      key: 'slow',
      fallback: '',
      getValue: () => new Promise((r) => (answer = r)),
      setValue: async () => undefined,
      watch: () => () => undefined,
    };
    const s = storedSignal(slow);
    await s.set('new');
    answer('old');
    await s.ready;
    expect(s.value.value).toBe('new');
  });
});
