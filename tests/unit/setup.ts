import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useLanguage } from './support/i18n';

// lib/db is imported once the test setup has put the fake `browser` in place: its diagnostics log
// reaches for extension storage, which must not see a missing `browser`.
beforeEach(async () => {
  fakeBrowser.reset();
  // Every text is read through the browser's i18n: English, as the tests assert it.
  useLanguage('en');
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
  (await import('@/lib/db')).resetDBHandle();
});
