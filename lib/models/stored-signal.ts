/**
 * The one bridge from a persisted setting (a WXT storage item, see lib/settings) to a signal:
 * it loads the stored value, follows every change made elsewhere (another tab, the side panel,
 * the background), writes through, and stops watching on `dispose()`.
 *
 * A page never keeps its own copy of a setting: it renders `value` and calls `set`, so what it
 * shows cannot go stale.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import { logDiagnostic } from '../diagnostics';
import { t } from '../i18n';

/** What the bridge needs of a storage item (`storage.defineItem` gives all of it). */
export interface StoredItem<T> {
  readonly key: string;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(callback: (next: T, previous: T) => void): () => void;
}

export interface StoredSignal<T> {
  /** The stored value; the item's fallback until the first load finished. */
  readonly value: ReadonlySignal<T>;
  /** The first load finished (the value is the stored one, or the fallback if it could not be read). */
  readonly loaded: ReadonlySignal<boolean>;
  /** Why the last read or write failed, in words for the person; null once one succeeds. */
  readonly error: ReadonlySignal<string | null>;
  /** Resolves once the first load finished. */
  readonly ready: Promise<void>;
  /**
   * Stores a new value. The signal shows it at once; when the write fails, it shows the stored
   * value again, `error` says so, and the promise resolves false.
   */
  set(value: T): Promise<boolean>;
  /** Stores a value computed from the current one. */
  update(next: (current: T) => T): Promise<boolean>;
  /** Reads the stored value again (after another context wrote it and before its change event came). */
  reload(): Promise<void>;
  /** Stops following the stored value. */
  dispose(): void;
}

/** What `error` says when the stored value could not be read (the fallback is shown). */
export const settingReadFailed = (): string => t('inbox.settingReadFailed');
/** What `error` says when a new value could not be stored. */
export const settingWriteFailed = (): string => t('inbox.settingWriteFailed');

export function storedSignal<T>(item: StoredItem<T>): StoredSignal<T> {
  const value = signal<T>(item.fallback);
  const loaded = signal(false);
  const error = signal<string | null>(null);
  let disposed = false;
  /** Bumped by every change seen or made, so an older read never overwrites a newer value. */
  let version = 0;

  const unwatch = item.watch((next) => {
    if (disposed) return;
    version += 1;
    value.value = next;
  });

  const read = async (): Promise<void> => {
    const seen = version;
    try {
      const stored = await item.getValue();
      if (disposed || seen !== version) return;
      value.value = stored;
      if (error.value === settingReadFailed()) error.value = null;
    } catch (e) {
      logDiagnostic('settings', 'A setting could not be read', e);
      if (!disposed && seen === version) error.value = settingReadFailed();
    }
  };

  const ready = read().finally(() => {
    loaded.value = true;
  });

  const set = async (next: T): Promise<boolean> => {
    version += 1;
    const mine = version;
    value.value = next;
    try {
      await item.setValue(next);
      if (error.value === settingWriteFailed()) error.value = null;
      return true;
    } catch (e) {
      logDiagnostic('settings', 'A setting could not be saved', e);
      error.value = settingWriteFailed();
      // Show what is really stored (unless something newer arrived meanwhile).
      if (mine === version) await read();
      return false;
    }
  };

  return {
    value,
    loaded,
    error,
    ready,
    set,
    update: (next) => set(next(value.peek())),
    reload: read,
    dispose: () => {
      disposed = true;
      unwatch();
    },
  };
}
