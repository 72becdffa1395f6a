/**
 * Runs inside Chromium (bundled by run.ts): builds, reopens and queries one engine at a time.
 * MiniSearch and FlexSearch come in through `globalThis.benchLibs` (bundled by run.ts from the
 * dev dependencies), typed here only as far as the bench uses them.
 */
import type { SearchDoc } from '../../lib/search';
import { openSearchIndex } from '../../lib/search/engine';
import { normalizeForSearch } from '../../lib/search';
import { parseQuery, tokensOf } from '../../lib/search/text';
import { generateDocs, QUERIES } from './data';

interface MiniSearchLike {
  addAll(docs: object[]): void;
  search(q: string, opts?: object): Array<{ id: string; score: number; accountId: string; createdTime: number }>;
}
interface MiniSearchCtor {
  new (opts: object): MiniSearchLike;
  loadJSON(json: string, opts: object): MiniSearchLike;
}
interface FlexIndexLike {
  add(id: number, text: string): unknown;
  search(q: string, opts?: object): number[] | Promise<number[]>;
  export(handler: (key: string, data: string) => unknown): unknown;
  import(key: string, data: string): unknown;
  mount(db: object): Promise<void>;
  commit(): Promise<void>;
}
interface Libs {
  MiniSearch: MiniSearchCtor;
  FlexIndex: new (opts: object) => FlexIndexLike;
  FlexIndexedDB: new (name: string) => object;
}
const libs = () => (globalThis as unknown as { benchLibs: Libs }).benchLibs;

const BATCH = 1000;
const FLEX_IDB_BUDGET_MS = 120_000;
/** How many docs the last build indexed (less than asked when a build ran out of budget). */
let builtDocs = 0;
const tokenize = (s: string) => tokensOf(normalizeForSearch(s)).map((t) => t.term);
const meta = (d: SearchDoc) => `${d.participantName ?? ''} ${d.participantUsername ?? ''}`;

interface Engine {
  /** Builds the persistent index; returns ms for each 1,000-doc update, incl. persisting it. */
  build(docs: SearchDoc[]): Promise<number[]>;
  /** After a page load: everything needed before the first query can run. */
  open(): Promise<void>;
  query(q: string, accountId?: string): Promise<number>;
}

/** A tiny key-value store in its own database, for the serialized in-memory indexes. */
function kv(name: string) {
  const db = new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  // Resolves when the transaction has committed, so that a reload right after cannot lose it.
  const run = async <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>) => {
    const tx = (await db).transaction('kv', mode);
    const r = f(tx.objectStore('kv'));
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(r.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    get: (k: string) => run<unknown>('readonly', (s) => s.get(k)),
    put: (k: string, v: unknown) => run('readwrite', (s) => s.put(v, k)),
    keys: () => run('readonly', (s) => s.getAllKeys()),
  };
}

function ownIdb(): Engine {
  let index = openSearchIndex({ dbName: 'bench-own' });
  return {
    async build(docs) {
      const times: number[] = [];
      for (let i = 0; i < docs.length; i += BATCH) {
        const t = performance.now();
        await index.upsert(docs.slice(i, i + BATCH));
        times.push(performance.now() - t);
      }
      return times;
    },
    async open() {
      index = openSearchIndex({ dbName: 'bench-own' });
    },
    async query(q, accountId) {
      return (await index.query(q, { accountId, limit: 50 })).length;
    },
  };
}

function miniSearch(): Engine {
  const store = kv('bench-minisearch');
  const options = {
    idField: 'messageId',
    fields: ['text', 'who'],
    storeFields: ['accountId', 'createdTime', 'conversationId'],
    extractField: (d: SearchDoc, f: string) => (f === 'who' ? meta(d) : (d as unknown as Record<string, unknown>)[f]),
    tokenize,
    processTerm: (t: string) => t,
    searchOptions: {
      combineWith: 'AND',
      boost: { text: 1, who: 0.8 },
      prefix: (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= 2,
    },
  };
  let ms = new (libs().MiniSearch)(options);
  return {
    async build(docs) {
      // Bulk-load all but the last 1,000 (as a fresh install would), then time incremental updates:
      // adding 1,000 docs to the big index and persisting it (one serialized blob).
      ms.addAll(docs.slice(0, docs.length - BATCH));
      const t = performance.now();
      ms.addAll(docs.slice(docs.length - BATCH));
      await store.put('index', JSON.stringify(ms));
      return [performance.now() - t];
    },
    async open() {
      ms = libs().MiniSearch.loadJSON((await store.get('index')) as string, options);
    },
    async query(q, accountId) {
      const { terms } = parseQuery(q);
      if (terms.length === 0) return 0;
      const hits = ms.search(terms.join(' '), accountId ? { filter: (r: { accountId: string }) => r.accountId === accountId } : {});
      return hits.sort((a, b) => b.score - a.score || b.createdTime - a.createdTime).slice(0, 50).length;
    },
  };
}

/** FlexSearch's own index, in memory, persisted with export()/import(). */
function flexMemory(): Engine {
  const store = kv('bench-flex-mem');
  const make = () => new (libs().FlexIndex)({ tokenize: 'forward', encode: tokenize });
  let index = make();
  let accounts: string[] = [];
  return {
    async build(docs) {
      const persist = async () => {
        const parts: Array<[string, string]> = [];
        await index.export((key, data) => void parts.push([key, data]));
        await Promise.all([...parts.map(([k, v]) => store.put(`i:${k}`, v)), store.put('accounts', JSON.stringify(accounts))]);
      };
      docs.slice(0, docs.length - BATCH).forEach((d, i) => index.add(i, `${d.text} ${meta(d)}`));
      accounts = docs.map((d) => d.accountId);
      const t = performance.now();
      docs.slice(docs.length - BATCH).forEach((d, i) => index.add(docs.length - BATCH + i, `${d.text} ${meta(d)}`));
      await persist();
      return [performance.now() - t];
    },
    async open() {
      index = make();
      const keys = (await store.keys()) as string[];
      for (const k of keys) {
        if (k.startsWith('i:')) await index.import(k.slice(2), (await store.get(k)) as string);
      }
      accounts = JSON.parse((await store.get('accounts')) as string) as string[];
    },
    async query(q, accountId) {
      const { terms } = parseQuery(q);
      if (terms.length === 0) return 0;
      const ids = await index.search(terms.join(' '), { limit: 1000 });
      return ids.filter((id) => !accountId || accounts[id] === accountId).slice(0, 50).length;
    },
  };
}

/** FlexSearch mounted on its IndexedDB adapter: persistent and incremental through commit(). */
function flexIdb(): Engine {
  const make = async () => {
    const index = new (libs().FlexIndex)({ tokenize: 'forward', encode: tokenize, commit: false });
    await index.mount(new (libs().FlexIndexedDB)('bench-flex-idb'));
    return index;
  };
  let index: FlexIndexLike | null = null;
  return {
    async build(docs) {
      index = await make();
      const times: number[] = [];
      const start = performance.now();
      for (let i = 0; i < docs.length; i += BATCH) {
        // Its commits slow down as the index grows: stop at a time budget and say how far it got.
        if (performance.now() - start > FLEX_IDB_BUDGET_MS) {
          builtDocs = i;
          break;
        }
        const t = performance.now();
        docs.slice(i, i + BATCH).forEach((d, k) => index!.add(i + k, `${d.text} ${meta(d)}`));
        await index.commit();
        times.push(performance.now() - t);
      }
      return times;
    },
    async open() {
      index = await make();
    },
    async query(q) {
      const { terms } = parseQuery(q);
      if (terms.length === 0) return 0;
      // The account filter would need a tag index; left out, which only favours FlexSearch.
      return (await index!.search(terms.join(' '), { limit: 50 })).length;
    },
  };
}

/** The baseline: no index, every cached message scanned (as read from the cache into memory). */
function plainScan(): Engine {
  let hay: Array<{ text: string; accountId: string }> = [];
  return {
    async build(docs) {
      hay = docs.map((d) => ({ text: normalizeForSearch(`${d.text} ${meta(d)}`), accountId: d.accountId }));
      return [0];
    },
    async open() {},
    async query(q, accountId) {
      const { terms } = parseQuery(q);
      if (terms.length === 0) return 0;
      let n = 0;
      for (const h of hay) if ((!accountId || h.accountId === accountId) && terms.every((t) => h.text.includes(t))) n++;
      return Math.min(n, 50);
    },
  };
}

const ENGINES: Record<string, () => Engine> = {
  'own IndexedDB index': ownIdb,
  MiniSearch: miniSearch,
  'FlexSearch (memory)': flexMemory,
  'FlexSearch (IndexedDB)': flexIdb,
  'plain scan': plainScan,
};

let current: Engine | null = null;

const bench = {
  async build(name: string, n: number) {
    current = ENGINES[name]!();
    const docs = generateDocs(n);
    builtDocs = n;
    const t = performance.now();
    const batches = await current.build(docs);
    const total = performance.now() - t;
    return { total, batches, docs: builtDocs };
  },
  /** In a freshly loaded page: time until the first query has answered. */
  async coldStart(name: string) {
    const t = performance.now();
    current = ENGINES[name]!();
    await current.open();
    await current.query('cafe');
    return performance.now() - t;
  },
  async queries(rounds: number) {
    const out: Record<string, number[]> = {};
    for (const [kind, qs] of Object.entries(QUERIES)) {
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const q of qs) {
          const t = performance.now();
          await current!.query(q, r % 2 === 1 ? 'acc1' : undefined);
          times.push(performance.now() - t);
        }
      }
      out[kind] = times;
    }
    const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    return { times: out, heap: mem };
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
