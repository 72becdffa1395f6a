import type { StoredItem } from '@/lib/models/stored-signal';

/** A storage item kept in memory, for models under test: `external` writes as another page would. */
export function memoryItem<T>(fallback: T, initial: T = fallback) {
  let stored = initial;
  const watchers = new Set<(next: T, previous: T) => void>();
  const write = (next: T): void => {
    const previous = stored;
    stored = next;
    watchers.forEach((w) => w(next, previous));
  };
  const item: StoredItem<T> & { external(next: T): void; readonly stored: T; failWrites: boolean } = {
    key: 'local:test',
    fallback,
    failWrites: false,
    getValue: async () => stored,
    setValue: async (next) => {
      if (item.failWrites) throw new Error('storage refused');
      write(next);
    },
    watch: (cb) => {
      watchers.add(cb);
      return () => watchers.delete(cb);
    },
    external: write,
    get stored() {
      return stored;
    },
  };
  return item;
}
