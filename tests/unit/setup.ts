import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useLanguage } from './support/i18n';

// Pages load the date names of their language before they render; tests may switch to any shipped one.
beforeAll(async () => {
  const { loadDateLocale } = await import('@/lib/format/locale');
  await Promise.all(['de', 'es', 'pt-BR'].map((tag) => loadDateLocale(tag)));
});

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
