/**
 * Typed items in the extension's storage, named `local:…`, `session:…` or `sync:…`: the part of
 * @wxt-dev/storage DM Desk uses (an item with a fallback, read, written, removed and watched),
 * with the same call shapes and stored format (the value under its own key, nothing beside it).
 * The library's migrations, metadata and snapshots went unused and cost every page and the
 * background about 4 KB of gzipped JS; settings that change shape migrate where they are defined
 * (lib/settings).
 *
 * Nothing is read when an item is defined, so modules may define items at import time in any
 * context (tests, the bench, the emulator), and the storage area is looked up on each call.
 */
import { browser } from 'wxt/browser';

export type StorageAreaName = 'local' | 'session' | 'sync';
export type StorageKey = `${StorageAreaName}:${string}`;

export interface StorageItem<T> {
  readonly key: StorageKey;
  /** What `getValue` answers while nothing is stored. */
  readonly fallback: T;
  getValue(): Promise<T>;
  /** Stores the value (null or undefined removes it, so the fallback shows again). */
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /**
   * Calls back when the stored value changes, in this context or any other (the fallback stands
   * for a removed value); returns the function that stops watching.
   */
  watch(callback: (next: T, previous: T) => void): () => void;
}

interface StorageChange {
  newValue?: unknown;
  oldValue?: unknown;
}

function locate(key: StorageKey) {
  const colon = key.indexOf(':');
  const name = key.slice(0, colon) as StorageAreaName;
  const field = key.slice(colon + 1);
  if (name !== 'local' && name !== 'session' && name !== 'sync') throw new Error(`Unknown storage area in "${key}"`);
  return { area: () => browser.storage[name], field };
}

/** Same value, as storage sees values (JSON-like). */
function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

async function read(key: StorageKey): Promise<unknown> {
  const { area, field } = locate(key);
  return ((await area().get(field)) as Record<string, unknown>)[field];
}

async function write(key: StorageKey, value: unknown): Promise<void> {
  const { area, field } = locate(key);
  if (value === null || value === undefined) await area().remove(field);
  else await area().set({ [field]: value });
}

async function remove(key: StorageKey): Promise<void> {
  const { area, field } = locate(key);
  await area().remove(field);
}

export const storage = {
  /** The stored value, or null when there is none. */
  async getItem<T>(key: StorageKey): Promise<T | null> {
    return ((await read(key)) ?? null) as T | null;
  },
  setItem: write,
  removeItem: remove,

  defineItem<T>(key: StorageKey, options: { fallback: T }): StorageItem<T> {
    const { fallback } = options;
    const orFallback = (value: unknown): T => (value ?? fallback) as T;
    return {
      key,
      fallback,
      getValue: async () => orFallback(await read(key)),
      setValue: (value) => write(key, value),
      removeValue: () => remove(key),
      watch(callback) {
        const { area, field } = locate(key);
        const listener = (changes: Record<string, StorageChange>): void => {
          const change = changes[field];
          if (!change || same(change.newValue, change.oldValue)) return;
          callback(orFallback(change.newValue), orFallback(change.oldValue));
        };
        area().onChanged.addListener(listener);
        return () => area().onChanged.removeListener(listener);
      },
    };
  },
};
