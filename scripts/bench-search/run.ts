/**
 * Search engine comparison behind lib/search/README.md, in real Chromium:
 *   npx tsx scripts/bench-search/run.ts [--docs 100000] [--rounds 6] [--only "MiniSearch"]
 *
 * Each engine gets a fresh browser profile on disk and a page served from 127.0.0.1 (IndexedDB
 * needs a real origin). The page builds the persistent index from the same seeded archive, is
 * reloaded, times its first query (cold start), then times every query kind. MiniSearch and
 * FlexSearch are dev dependencies only for this comparison: the extension does not ship them.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { cliOption, markdownTable, percentile } from '../bench/harness';

const DOCS = Number(cliOption('docs', '100000'));
const ROUNDS = Number(cliOption('rounds', '6'));
const ONLY = cliOption('only', '');
const ENGINES = ['own IndexedDB index', 'MiniSearch', 'FlexSearch (memory)', 'FlexSearch (IndexedDB)', 'plain scan'].filter(
  (e) => !ONLY || e === ONLY,
);

async function bundle(): Promise<string> {
  const libs = await build({
    stdin: {
      contents: `import MiniSearch from 'minisearch';
import { Index } from 'flexsearch';
import IndexedDB from 'flexsearch/db/indexeddb';
globalThis.benchLibs = { MiniSearch, FlexIndex: Index, FlexIndexedDB: IndexedDB };`,
      resolveDir: import.meta.dirname,
    },
    bundle: true,
    format: 'iife',
    write: false,
  });
  const page = await build({ entryPoints: [join(import.meta.dirname, 'page.ts')], bundle: true, format: 'iife', write: false });
  return libs.outputFiles[0]!.text + '\n' + page.outputFiles[0]!.text;
}

function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const p = join(dir, e.name);
    return n + (e.isDirectory() ? dirBytes(p) : statSync(p).size);
  }, 0);
}

interface Row {
  engine: string;
  buildTotal: number;
  per1000: number;
  storage: number;
  cold: number;
  heap: number;
  times: Record<string, number[]>;
}

async function main(): Promise<void> {
  const js = await bundle();
  const html = `<!doctype html><meta charset="utf-8"><title>bench</title><script>${js}</script>`;
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const rows: Row[] = [];
  try {
    for (const engine of ENGINES) {
      const profile = mkdtempSync(join(tmpdir(), 'bench-search-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'],
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        page.setDefaultTimeout(0);
        await page.goto(url);
        process.stderr.write(`${engine}: building ${DOCS} docs…\n`);
        const built = await page.evaluate(([e, n]) => window.bench.build(e, n), [engine, DOCS] as const);
        process.stderr.write(`${engine}: built in ${Math.round(built.total)} ms\n`);
        let cold = 0;
        if (engine !== 'plain scan') {
          await page.reload();
          cold = await page.evaluate((e) => window.bench.coldStart(e), engine);
        }
        await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
        const q = await page.evaluate((r) => window.bench.queries(r), ROUNDS);
        rows.push({
          engine: built.docs < DOCS ? `${engine} (${built.docs} docs: out of time)` : engine,
          buildTotal: built.total,
          per1000: built.batches.slice(-10).reduce((a, b) => a + b, 0) / Math.min(10, built.batches.length),
          storage: 0,
          cold,
          heap: q.heap,
          times: q.times,
        });
        print(rows.slice(-1), process.stderr);
      } finally {
        await context.close();
        // On disk after closing (navigator.storage.estimate() lags behind writes in Chromium).
        const row = rows.find((r) => r.engine.startsWith(engine));
        if (row) row.storage = dirBytes(join(profile, 'Default', 'IndexedDB'));
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
  }
  print(rows);
}

function print(rows: Row[], out: { write(s: string): unknown } = process.stdout): void {
  const kinds = Object.keys(rows[0]?.times ?? {});
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const header = [
    'engine',
    'build total',
    'update /1k',
    'cold start',
    ...kinds.map((k) => `${k} p50/p95`),
    'all p95',
    'storage',
    'JS heap',
  ];
  const lines = rows.map((r) => [
    r.engine,
    `${ms(r.buildTotal)} ms`,
    `${ms(r.per1000)} ms`,
    r.engine === 'plain scan' ? 'n/a' : `${ms(r.cold)} ms`,
    ...kinds.map((k) => `${ms(percentile(r.times[k]!, 50))} / ${ms(percentile(r.times[k]!, 95))}`),
    ms(percentile(Object.values(r.times).flat(), 95)),
    mb(r.storage),
    mb(r.heap),
  ]);
  out.write(`\n${DOCS} messages, ${ROUNDS} rounds per query (odd rounds filtered to one account), times in ms\n\n`);
  out.write(markdownTable(header, lines));
}

declare global {
  interface Window {
    bench: {
      build(engine: string, n: number): Promise<{ total: number; batches: number[]; docs: number }>;
      coldStart(engine: string): Promise<number>;
      queries(rounds: number): Promise<{ times: Record<string, number[]>; heap: number }>;
    };
  }
}

await main();
