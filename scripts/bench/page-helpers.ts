/**
 * Helpers evaluated inside extension pages (as plain JS text, so that the TypeScript loader's
 * helper functions never leak into the browser). They install `window.__bench`.
 */
import type { Page } from '@playwright/test';
import { UNPACK_MESSAGES } from './cache-pack';

/** What PAGE_HELPERS installs in an extension page (run.ts and trace-first-open.ts call it). */
declare global {
  interface Window {
    __benchFirstRows: number | null;
    __bench: {
      clear(stores: string[]): Promise<void>;
      putAll(store: string, records: unknown[]): Promise<void>;
      putJson(store: string, json: string): Promise<void>;
      writesDone(): Promise<void>;
      getAll<T = unknown>(store: string): Promise<T[]>;
      count(store: string): Promise<number>;
      syncing(): Promise<boolean>;
      storageSet(items: Record<string, unknown>): Promise<void>;
      storageRemove(keys: string[]): Promise<void>;
      request(name: string, payload: unknown): Promise<{ ok: boolean; error?: { message: string } }>;
      openThread(rowText: string, lastText: string, timeoutMs: number): Promise<{ ms: number; items: number }>;
      scrollThreadToStart(maxPages: number): Promise<{ pages: number[]; most: number; reachedStart: boolean }>;
      buildIndex(batch: number): Promise<{ docs: number; buildMs: number; scanLoadMs: number }>;
      timeQueries(queries: string[], accountId?: string): Promise<{ indexed: number[]; scan: number[]; hits: number }>;
      timeFilteredQueries(inputs: readonly string[], accountId?: string): Promise<{ times: number[]; found: number[] }>;
      coldQuery(q: string): Promise<{ indexMs: number; scanMs: number; hits: number; found: number }>;
    };
  }
}

/** What FIRST_ROWS_SCRIPT writes to the console, with the time, once the first row is visible. */
const FIRST_ROWS_LINE = 'dmdesk-bench:first-rows';

/**
 * Resolves with FIRST_ROWS_SCRIPT's time once the page (about to be opened) shows its first row.
 * It listens to the console instead of asking the page: anything Playwright evaluates in a page
 * that is still starting first injects its own script there (330 KB over the DevTools protocol,
 * 4 ms of the page's main thread in a trace), which no real side panel has to run. Call it before
 * opening the page.
 */
export function firstRowsShown(page: Page, timeout = 30_000): Promise<number> {
  const shown = page
    .waitForEvent('console', { predicate: (m) => m.text().startsWith(FIRST_ROWS_LINE), timeout })
    .then((m) => Number(m.text().slice(FIRST_ROWS_LINE.length + 1)));
  // A page that failed to open rejects through goto; this one is then never awaited.
  shown.catch(() => undefined);
  return shown;
}

/** Records when the first conversation row is visible, from navigation start (side panel only). */
export const FIRST_ROWS_SCRIPT = `(() => {
  if (location.pathname !== '/sidepanel.html') return;
  window.__benchFirstRows = null;
  const check = () => {
    const list = document.querySelector('[aria-label="Conversations"]');
    const row = list && list.querySelector('button, [role="button"]');
    if (row) {
      const r = row.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0) {
        window.__benchFirstRows = performance.now();
        console.debug('${FIRST_ROWS_LINE}', window.__benchFirstRows);
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

export const PAGE_HELPERS = (dbVersion: number): string => `(() => {
  ${UNPACK_MESSAGES}
  let dbp = null;
  const db = () => {
    dbp = dbp || new Promise((resolve, reject) => {
      const r = indexedDB.open('dm-desk', ${dbVersion});
      r.onupgradeneeded = () => { r.transaction.abort(); };
      r.onsuccess = () => { r.result.onversionchange = () => { r.result.close(); dbp = null; }; resolve(r.result); };
      r.onerror = () => reject(r.error);
    });
    return dbp;
  };
  const done = (tx) => new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  window.__bench = {
    async clear(stores) {
      const tx = (await db()).transaction(stores, 'readwrite');
      for (const s of stores) tx.objectStore(s).clear();
      await done(tx);
    },
    async putAll(store, records) {
      const tx = (await db()).transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const r of records) os.put(r);
      await done(tx);
    },
    /**
     * Writes records sent as JSON text (cheaper to pass into the page than objects), or messages
     * packed by packMessages, in one transaction; resolves once it is started, so the next chunk
     * travels while this one commits. At most two are in flight; writesDone() waits for the last.
     */
    async putJson(store, json) {
      this.inFlight = this.inFlight || [];
      while (this.inFlight.length >= 2) await this.inFlight.shift();
      const parsed = JSON.parse(json);
      const records = Array.isArray(parsed) ? parsed : unpackMessages(parsed);
      const tx = (await db()).transaction(store, 'readwrite', { durability: 'relaxed' });
      const os = tx.objectStore(store);
      for (const r of records) os.put(r);
      this.inFlight.push(done(tx));
    },
    async writesDone() {
      const all = this.inFlight || [];
      this.inFlight = [];
      await Promise.all(all);
    },
    async getAll(store) {
      return req((await db()).transaction(store).objectStore(store).getAll());
    },
    async count(store) {
      return req((await db()).transaction(store).objectStore(store).count());
    },
    async syncing() {
      const states = await this.getAll('syncState');
      return states.some((s) => s.running);
    },
    storageSet(items) { return chrome.storage.local.set(items); },
    storageRemove(keys) { return chrome.storage.local.remove(keys); },
    async request(name, payload) {
      return chrome.runtime.sendMessage({ channel: 'dmdesk/request', name, payload });
    },
    /** Clicks the row with this text and resolves with ms until the thread's newest message is visible. */
    openThread(rowText, lastText, timeoutMs) {
      return new Promise((resolve, reject) => {
        const list = document.querySelector('[aria-label="Conversations"]');
        const rows = list ? [...list.querySelectorAll('button, [role="button"]')] : [];
        const row = rows.find((b) => (b.textContent || '').includes(rowText));
        if (!row) return reject(new Error('no row with ' + rowText));
        const t0 = performance.now();
        row.click();
        const check = () => {
          const now = performance.now();
          if (now - t0 > timeoutMs) return reject(new Error('thread not painted within ' + timeoutMs + ' ms'));
          const ol = document.querySelector('[aria-label="Messages"]');
          const items = ol ? ol.querySelectorAll('li:not([role="separator"])') : [];
          const last = items[items.length - 1];
          if (last && (last.textContent || '').includes(lastText)) {
            const r = last.getBoundingClientRect();
            if (r.height > 0 && r.top < innerHeight && r.bottom > 0) return resolve({ ms: now - t0, items: items.length });
          }
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    /**
     * Scrolls the open thread to its top again and again until the start of the archive shows:
     * for each page, ms from the scroll until other messages are at the top; and the most
     * message elements the thread held at once.
     */
    scrollThreadToStart(maxPages) {
      const scroller = document.querySelector('.thread-scroll');
      const list = document.querySelector('[aria-label="Messages"]');
      const first = () => list.querySelector('[data-message-id]');
      // The note sits above the list of messages (it is not a message).
      const atStart = () => [...scroller.querySelectorAll('[role="note"]')].some((n) => (n.textContent || '').includes('Start of the archive'));
      const pages = [];
      let most = list.querySelectorAll('[data-message-id]').length;
      return new Promise((resolve, reject) => {
        const step = () => {
          if (atStart() || pages.length >= maxPages) return resolve({ pages, most, reachedStart: atStart() });
          const before = first();
          const t0 = performance.now();
          scroller.scrollTop = 0;
          const check = () => {
            if (performance.now() - t0 > 10000) return reject(new Error('no older page within 10 s'));
            if (first() !== before || atStart()) {
              pages.push(performance.now() - t0);
              most = Math.max(most, list.querySelectorAll('[data-message-id]').length);
              return requestAnimationFrame(step);
            }
            requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        };
        step();
      });
    },
    /** Search: index every cached message with lib/search (bundled into window.benchSearch). */
    async buildIndex(batch) {
      const conversations = await this.getAll('conversations');
      const who = new Map(conversations.map((c) => [c.id, c.participant.username]));
      let t0 = performance.now();
      const messages = await this.getAll('messages');
      const readMs = performance.now() - t0;
      const docs = messages.map((m) => ({
        messageId: m.id, conversationId: m.conversationId, accountId: m.accountId, createdTime: m.createdTime,
        text: m.text, participantName: null, participantUsername: who.get(m.conversationId) || null,
      }));
      // Notes on contacts are docs of the same index (as the background indexes them).
      const names = new Map(conversations.map((c) => [c.id, c]));
      for (const n of await this.getAll('notes')) {
        docs.push({
          messageId: 'note:' + n.id, conversationId: n.conversationId, accountId: n.accountId, createdTime: n.updatedAt,
          text: n.text, participantName: null, participantUsername: (names.get(n.conversationId) || { participant: {} }).participant.username || null,
        });
      }
      const index = window.benchSearch.openSearchIndex();
      const t = performance.now();
      for (let i = 0; i < docs.length; i += batch) await index.upsert(docs.slice(i, i + batch));
      // As the background's backfill ends: each term's postings in time order.
      await index.compact();
      const buildMs = performance.now() - t;
      const norm = window.benchSearch.normalizeForSearch;
      t0 = performance.now();
      this.search = { index, hay: docs.map((d) => ({ text: norm(d.text + ' ' + (d.participantUsername || '')), accountId: d.accountId })) };
      return { docs: docs.length, buildMs, scanLoadMs: readMs + performance.now() - t0 };
    },
    /**
     * The first query in a page that just opened: the index opens its database and answers; a
     * plain scan has to read and normalize every cached message first.
     */
    async coldQuery(q) {
      const { openSearchIndex, normalizeForSearch, parseQuery } = window.benchSearch;
      let t = performance.now();
      const hits = (await openSearchIndex().query(q, { limit: 50 })).length;
      const indexMs = performance.now() - t;
      t = performance.now();
      const [conversations, messages] = await Promise.all([this.getAll('conversations'), this.getAll('messages')]);
      const who = new Map(conversations.map((c) => [c.id, c.participant.username || '']));
      const terms = parseQuery(q).terms;
      let found = 0;
      for (const m of messages) {
        const text = normalizeForSearch(m.text + ' ' + (who.get(m.conversationId) || ''));
        if (terms.every((x) => text.includes(x))) found++;
      }
      return { indexMs, scanMs: performance.now() - t, hits, found };
    },
    /**
     * The search box with filters, as the side panel's model runs it: parse, read the labels and
     * the desk records (and rows) the filters need, then query the index within those
     * conversations, or list them when there are no words.
     */
    async timeFilteredQueries(inputs, accountId) {
      // A page that only ran coldQuery has no built index of its own: it opens the stored one.
      const index = this.search ? this.search.index : window.benchSearch.openSearchIndex();
      const { parseSearchInput, filterConversations, filterScope, reads } = window.benchSearch;
      const times = [];
      const found = [];
      for (const input of inputs) {
        const t = performance.now();
        const parsed = parseSearchInput(input);
        let n;
        if (parsed.labels.length === 0 && parsed.status.length === 0) {
          // Words only (a note's words, say): the model queries the index directly.
          n = (await index.query(parsed.words, { accountId, limit: 50 })).length;
        } else {
          const labels = await reads.listLabels();
          if (parsed.words === '') {
            const outcome = await filterConversations(parsed, labels, accountId, reads, Date.now());
            if (outcome.kind !== 'matches') throw new Error('filter failed: ' + input);
            n = outcome.conversations.length;
          } else {
            const scope = await filterScope(parsed, labels, accountId, reads, Date.now());
            if (scope.kind !== 'within') throw new Error('filter failed: ' + input);
            n = (await index.query(parsed.words, { accountId, limit: 50, conversationIds: scope.conversationIds })).length;
          }
        }
        times.push(performance.now() - t);
        found.push(n);
      }
      return { times, found };
    },
    async timeQueries(queries, accountId) {
      const { index, hay } = this.search;
      const { parseQuery } = window.benchSearch;
      const indexed = [];
      const scan = [];
      let hits = 0;
      for (const q of queries) {
        let t = performance.now();
        hits += (await index.query(q, { accountId, limit: 50 })).length;
        indexed.push(performance.now() - t);
        t = performance.now();
        const terms = parseQuery(q).terms;
        let n = 0;
        for (const h of hay) if ((!accountId || h.accountId === accountId) && terms.every((x) => h.text.includes(x))) n++;
        scan.push(performance.now() - t);
      }
      return { indexed, scan, hits };
    },
  };
})();`;
