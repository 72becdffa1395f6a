/**
 * Where the side panel's first open without its snapshot spends its time (the first open after
 * installing or after a disconnect: rows come from IndexedDB). Same setup as `npm run bench`
 * (10,000 conversations × 10 messages, or 100,000 × 10 with `--size 100k`; desk data in place,
 * narrow panel), but each open is recorded as a Chromium performance trace and broken down:
 *   npx tsx scripts/bench/trace-first-open.ts [--size 100k] [--runs 5] [--keep-trace] [--js-profile] [--snapshot]
 * `--snapshot` traces the usual reopen instead: the rows the panel showed when last closed are painted from
 * its snapshot before anything is read.
 * Prints, per open and as medians: the time to first rows, the navigation milestones, each JS
 * file's load, and the page's main thread split into script compile, module evaluation, our JS
 * after it (IndexedDB callbacks, render), style and layout, paint, GC and idle (waiting for files,
 * IndexedDB or the next frame). `--keep-trace` writes the last trace into .output/trace-first-open
 * (open it in chrome://tracing or Perfetto).
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_VERSION, plainMessage, type Conversation, type Message } from '../../lib/db/schema';
import { FIRST_PAINT_KEY } from '../../lib/models/first-paint';
import { startEmulator, type Emulator } from '../../tests/emulator/server';
import { buildForEmulator } from '../../tests/emulator/extension-build';
import { chromiumArgs } from '../../tests/e2e/chromium-args';
import { benchSize, cliOption, markdownTable, median } from './harness';
import { packMessages } from './cache-pack';
import { deskSeed } from './desk-seed';
import { FIRST_ROWS_SCRIPT, firstRowsShown, PAGE_HELPERS } from './page-helpers';
import { breakDown, type Breakdown, type TraceEvent } from './trace-breakdown';

const RUNS = Number(cliOption('runs', '5'));
const KEEP = process.argv.includes('--keep-trace');
/**
 * `--js-profile` adds V8's sampling profiler (our JS by file). It makes the open itself slower:
 * starting the profiler for the page's process takes a while, inside the open.
 */
const JS_PROFILE = process.argv.includes('--js-profile');
const SNAPSHOT = process.argv.includes('--snapshot');
const PORT = Number(process.env.DMDESK_BENCH_PORT ?? 47830);
const SIZE = benchSize(cliOption('size', '10k'));
const CONVERSATIONS = SIZE.conversations;
const PER_CONVERSATION = SIZE.messagesPerConversation;
const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.join(ROOT, '.output/trace-first-open');
const EXT_DIR = path.join(OUT_DIR, 'chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'navigation',
  'toplevel',
  'IndexedDB',
  '__metadata',
];

const log = (s: string): void => void process.stderr.write(`[trace] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The cache a complete sync of the emulator's Lumen account leaves (as the bench writes it, without its long thread). */
function cacheRecords(emulator: Emulator): { conversations: Conversation[]; messages: Message[] } {
  const page = emulator.state.ds.pages.find((p) => p.ig?.username === 'lumencoffee');
  if (!page?.ig) throw new Error('emulator has no lumencoffee account');
  const ig = page.ig;
  const lastAt = (c: { messages: Array<{ createdAt: number }> }) => c.messages[c.messages.length - 1]?.createdAt ?? 0;
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  for (const c of [...page.conversations].sort((a, b) => lastAt(b) - lastAt(a))) {
    const ms = c.messages.map((m) =>
      plainMessage({
        id: m.id,
        conversationId: c.id,
        accountId: ig.id,
        createdTime: sec(m.createdAt),
        fromId: m.fromBusiness ? ig.id : c.customer.id,
        isOwn: m.fromBusiness,
        text: m.text,
        kind: 'text',
      }),
    );
    messages.push(...ms);
    const last = ms[ms.length - 1]!;
    conversations.push({
      id: c.id,
      accountId: ig.id,
      participant: { id: c.customer.id, username: c.customer.username ?? null, name: c.customer.noConsent ? null : c.customer.name },
      updatedTime: last.createdTime,
      lastMessage: { text: last.text, kind: 'text', isOwn: last.isOwn, createdTime: last.createdTime },
      lastInboundTime: ms.filter((m) => !m.isOwn).pop()?.createdTime ?? null,
      lastReplyTime: ms.filter((m) => m.isOwn).pop()?.createdTime ?? null,
      windowClosedAt: null,
    });
  }
  return { conversations, messages };
}

async function waitIdle(util: Page): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (!(await util.evaluate(() => window.__bench.syncing()))) return;
    await sleep(100);
  }
  throw new Error('a sync kept running for 60 s');
}

/** Records a trace around `work` through the DevTools protocol (the whole browser: every process). */
async function traced(cdp: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: JS_PROFILE ? [...CATEGORIES, 'disabled-by-default-v8.cpu_profiler'] : CATEGORIES },
  });
  await work();
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

async function openTraced(
  context: BrowserContext,
  cdp: CDPSession,
  extensionId: string,
  util: Page,
): Promise<{ firstRows: number; events: TraceEvent[] }> {
  await waitIdle(util);
  // Each open leaves a snapshot when its tab closes (the one before it, for the first open).
  if (!SNAPSHOT) await util.evaluate((key) => localStorage.removeItem(key), FIRST_PAINT_KEY);
  await sleep(300);
  let firstRows = NaN;
  let page: Page | null = null;
  const events = await traced(cdp, async () => {
    page = await context.newPage();
    await page.setViewportSize({ width: 400, height: 800 });
    const shown = firstRowsShown(page);
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    firstRows = await shown;
    // Let what follows the first rows show in the trace too (it does not count).
    await sleep(200);
  });
  await sleep(1000);
  await waitIdle(util);
  await (page as Page | null)?.close();
  return { firstRows, events };
}

function report(runs: Array<{ firstRows: number; b: Breakdown }>): string {
  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  const byRun = (title: string, pick: (b: Breakdown) => Record<string, number>, fallback: number) => {
    const keys = [...new Set(runs.flatMap((r) => Object.keys(pick(r.b))))];
    return markdownTable(
      [title, 'median', ...runs.map((_, i) => `open ${i + 1}`)],
      keys.map((k) => {
        const values = runs.map((r) => pick(r.b)[k] ?? fallback);
        return [k, ms(median(values)), ...values.map(ms)];
      }),
    );
  };
  const last = runs[runs.length - 1]!.b;
  const topFiles = Object.fromEntries(
    Object.entries(last.jsByFile)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15),
  );
  return [
    `First rows ${SNAPSHOT ? 'with' : 'without'} the snapshot (performance.now() at the first visible row): ${runs.map((r) => ms(r.firstRows)).join(', ')} ms; median ${ms(median(runs.map((r) => r.firstRows)))} ms`,
    '',
    'Milestones, ms after navigation start:',
    byRun('milestone', (b) => b.milestones, NaN),
    "The panel's main thread from navigation start to the first rows, ms by kind of work:",
    byRun('kind of work', (b) => b.mainThread, 0),
    'Script files (last open), ms after navigation start; compile in ms (V8 keeps a code cache after the first open):',
    markdownTable(
      ['file', 'requested', 'loaded', 'compile'],
      last.scripts.map((s) => [s.file, ms(s.requested), ms(s.loaded), ms(s.compileMs)]),
    ),
    ...(JS_PROFILE
      ? [
          'JS before the first rows by file (CPU profile samples, last open; native calls named):',
          markdownTable(
            ['file or native call', 'ms'],
            Object.entries(topFiles).map(([k, v]) => [k, ms(v)]),
          ),
        ]
      : []),
    `IndexedDB requests before the first rows (last open, ms after navigation start): ${last.idbRequests.length}`,
    last.idbRequests.map((r) => `  ${r}`).join('\n'),
  ].join('\n');
}

async function main(): Promise<void> {
  log(`emulator on ${PORT}, seed ${CONVERSATIONS} conversations × ${PER_CONVERSATION} messages`);
  const emulator = await startEmulator({
    port: PORT,
    seed: { scale: { conversations: CONVERSATIONS, messagesPerConversation: PER_CONVERSATION } },
  });
  const admin = (method: string, p: string, body?: unknown) =>
    fetch(`${emulator.url}/__admin/${p}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-trace-'));
  let context: BrowserContext | null = null;
  try {
    log('building the extension into .output/trace-first-open');
    buildForEmulator({ port: emulator.port, outDir: OUT_DIR, output: 'stderr', cwd: ROOT });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(EXT_DIR, { headless: true }),
    });
    await context.addInitScript(FIRST_ROWS_SCRIPT);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const util = await context.newPage();
    await util.goto(`chrome-extension://${extensionId}/options.html`);
    await util.evaluate(PAGE_HELPERS(DB_VERSION));
    // No background sync of its own while measuring (older versions read the minutes, newer ones the pause).
    await util.evaluate(() => window.__bench.storageSet({ 'sync.paused': true, 'settings.syncIntervalMinutes': 100_000 }));

    log('connecting through the consent page (syncs fail on purpose: the cache is written directly)');
    await admin('POST', 'faults', { match: 'conversations', kind: 'status', status: 500, times: 0 });
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const consent = context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Connect Account' }).click();
    await (await consent).getByRole('button', { name: 'Continue' }).click();
    await panel.getByRole('tablist', { name: 'Instagram accounts' }).getByRole('tab').first().waitFor({ timeout: 30_000 });
    await panel.close();
    await sleep(1000);
    await waitIdle(util);
    await admin('DELETE', 'faults');

    const data = cacheRecords(emulator);
    log(`writing ${data.conversations.length} conversations and ${data.messages.length} messages into IndexedDB`);
    await util.evaluate(() => window.__bench.clear(['conversations', 'messages', 'syncState']));
    // As the bench writes it: large transactions, records as JSON text, messages packed.
    for (const [store, records, chunk] of [
      ['conversations', data.conversations, 20_000],
      ['messages', data.messages, 20_000],
    ] as const) {
      for (let i = 0; i < records.length; i += chunk) {
        const part = records.slice(i, i + chunk);
        const json = JSON.stringify(store === 'messages' ? packMessages(part as Message[]) : part);
        await util.evaluate(([st, j]) => window.__bench.putJson(st, j), [store, json] as const);
      }
    }
    await util.evaluate(() => window.__bench.writesDone());
    const accounts = await util.evaluate(() => window.__bench.getAll<{ id: string }>('accounts'));
    const watermarks = emulator.state.ds.pages
      .filter((p) => p.ig && accounts.some((a) => a.id === p.ig!.id))
      .map((p) => ({
        accountId: p.ig!.id,
        watermark: Math.max(0, ...p.conversations.map((c) => sec(c.messages[c.messages.length - 1]?.createdAt ?? 0))),
        lastSyncedAt: Date.now(),
        running: false,
        error: null,
      }));
    await util.evaluate((s) => window.__bench.putAll('syncState', s), watermarks);
    const seed = deskSeed(data.conversations, Date.now());
    await util.evaluate(
      ([l, d, n]) => Promise.all([window.__bench.putAll('labels', l), window.__bench.putAll('desk', d), window.__bench.putAll('notes', n)]),
      [seed.labels, seed.desk, seed.notes] as const,
    );

    const cdp = await context.newCDPSession(util);
    // One open first, not counted: the bench's own runs follow other opens too.
    await openTraced(context, cdp, extensionId, util);
    const runs: Array<{ firstRows: number; b: Breakdown }> = [];
    let lastEvents: TraceEvent[] = [];
    for (let r = 0; r < RUNS; r++) {
      const { firstRows, events } = await openTraced(context, cdp, extensionId, util);
      const b = breakDown(events, firstRows);
      log(`open ${r + 1}: first rows ${firstRows.toFixed(1)} ms, ${events.length} trace events`);
      runs.push({ firstRows, b });
      lastEvents = events;
    }
    if (KEEP) {
      const file = path.join(OUT_DIR, 'first-open.trace.json');
      fs.writeFileSync(file, JSON.stringify({ traceEvents: lastEvents }));
      log(`trace written to ${path.relative(ROOT, file)}`);
    }
    process.stdout.write(report(runs) + '\n');
  } finally {
    await context?.close().catch(() => undefined);
    await emulator.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
