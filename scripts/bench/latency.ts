/**
 * The `latency` part of `npm run bench`: how long a customer's message takes to reach the toolbar
 * badge and a notification with no help from the person, and how many Graph calls the background
 * makes per account while nothing happens.
 *
 * Self-contained: its own emulator (default seed: four accounts), its own build of the extension
 * for that emulator, its own Chromium. The extension is left as installed (Real time preset); it
 * never asks for an alarm under 30 s, so these are the figures a packed extension gets, even
 * though this unpacked one would be allowed shorter alarms.
 *
 * Messages are sent through the emulator's admin API at random moments, so they fall at random
 * points of the cadence: with the side panel open one every 3.5–6.5 s, whether or not the one
 * before has shown yet; with no page open one at a random moment within a period after the one
 * before showed. Playwright stays attached to the worker (Chrome then never stops it), so the
 * worker's own timer keeps the pace, as it does in a browser while syncs come less than 30 s apart.
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumArgs } from '../../tests/e2e/chromium-args';
import { buildForEmulator } from '../../tests/emulator/extension-build';
import { startEmulator } from '../../tests/emulator/server';
import { countRequests, formatTable, median, percentile, type LoggedRequest, type Row } from './harness';

export interface LatencyOptions {
  port: number;
  root: string;
  chromiumPath: string;
  /** Messages per scenario (each takes about one sync period); defaults to {@link SAMPLES}. */
  samples?: Samples;
  /** How long the idle window lasts. */
  idleMs?: number;
  log(line: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The Real time preset's periods (lib/policy/sync-cadence.ts): with no page, with one in view. */
const NO_PAGE_MS = 15_000;
const PANEL_MS = 10_000;
/** What a message waited with the whole-minute alarm before: half the period on average. */
const OLD_ALARM_MEDIAN_S = 30;

/** How many messages each scenario sends. */
export interface Samples {
  panel: number;
  noPage: number;
}
/**
 * A message lands at a random moment of the cadence, so it waits between 0 and one period: the
 * median of n such waits spreads by about period / √(4n). With the panel open the period is 10 s
 * and the expected median (5 s plus the sync) sits less than a second under its 6 s target: 80
 * messages measure it to about ±0.56 s (30 gave ±0.9 s, and runs of 4.3 s and 6.0 s on the same
 * code). Sent one after another, 80 would take 14 minutes; sent 3.5–6.5 s apart whatever the
 * cadence, they take under 7. With no page open the target is 15 s against a median of about
 * 7.5 s: 12 sent one after another do.
 */
export const SAMPLES: Samples = { panel: 80, noPage: 12 };
/** The gaps between messages with the panel open: at most three fall within one 10 s period. */
const PANEL_GAP_MS = { min: 3500, max: 6500 };

interface Sample {
  badgeMs: number;
  notificationMs: number;
}

export async function measureLatency(o: LatencyOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const samples = o.samples ?? SAMPLES;
  const started = Date.now();
  const emulator = await startEmulator({ port: o.port });
  const admin = async (method: string, p: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${emulator.url}/__admin/${p}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`admin ${method} ${p} → ${res.status}`);
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : null;
  };
  const outDir = path.join(o.root, '.output/bench-latency');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-latency-'));
  let context: BrowserContext | null = null;
  try {
    o.log('latency: building the extension into .output/bench-latency');
    buildForEmulator({ port: emulator.port, outDir, output: 'stderr', cwd: o.root });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: o.chromiumPath,
      headless: true,
      args: chromiumArgs(path.join(outDir, 'chrome-mv3'), { headless: true }),
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;

    // Connect through the consent page, like a person; the side panel stays open and in view.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const consent = context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Connect Account' }).click();
    await (await consent).getByRole('button', { name: 'Continue' }).click();
    await panel.getByRole('list', { name: 'Conversations' }).getByRole('button').first().waitFor({ timeout: 60_000 });
    await sleep(3000);

    const measured = await latencyFigures({
      worker,
      panel,
      admin,
      accountOfPage: Object.fromEntries(emulator.state.ds.pages.filter((p) => p.ig).map((p) => [p.id, p.ig!.username])),
      samples,
      idleMs: o.idleMs,
      log: o.log,
    });
    const rows = measured.rows;
    const notes = [
      ...measured.notes,
      `latency part: ${((Date.now() - started) / 60_000).toFixed(1)} min, ${samples.panel} messages with the side panel open, ${samples.noPage} with no page`,
    ];
    return { rows, notes };
  } finally {
    await context?.close().catch(() => undefined);
    await emulator.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

export interface LatencyRun {
  worker: Worker;
  /** A side panel, open and in view (closed by this function when its part is done). */
  panel: Page;
  admin(method: string, p: string, body?: unknown): Promise<unknown>;
  /** Each Facebook Page id of the emulator → its Instagram username (the request log counts per account). */
  accountOfPage: Record<string, string>;
  samples: Samples;
  idleMs?: number;
  log(line: string): void;
}

/**
 * The figures themselves, in a browser whose background syncs as installed: messages with the
 * side panel open, then with no page, then an idle stretch. The bench's own browser (with its
 * seeded cache) or one started for this part alone.
 */
export async function latencyFigures(o: LatencyRun): Promise<{ rows: Row[]; notes: string[] }> {
  const { worker, panel, admin, samples } = o;
  o.log(`latency: ${samples.panel} messages with the side panel open`);
  await panel.bringToFront();
  const withPanel: Sample[] = [];
  const text = await worker.evaluate(() => chrome.action.getBadgeText({}));
  const before = badgeCount(text);
  // Past 99 the badge shows 99+ and no new customer would change it.
  if (before === null || before + samples.panel + samples.noPage >= 99) {
    throw new Error(`the badge reads "${text}": it must count ${samples.panel + samples.noPage} more conversations below 99`);
  }
  withPanel.push(...(await overlappingSamples(worker, admin, samples.panel, before)));
  await panel.close();

  o.log(`latency: ${samples.noPage} messages with no DM Desk page open`);
  const noPage: Sample[] = [];
  for (let i = 0; i < samples.noPage; i++) noPage.push(await sample(worker, admin, NO_PAGE_MS, `nopage.${i}`));

  // Idle: no page, nothing new. Each account's calls over the window, as Meta counts them.
  const idleMs = o.idleMs ?? 60_000;
  o.log(`latency: ${idleMs / 1000} s idle with no page open`);
  await sleep(2000);
  await admin('DELETE', 'requests');
  await sleep(idleMs);
  const log = (await admin('GET', 'requests')) as LoggedRequest[];
  const count = countRequests(log, o.accountOfPage);
  const perMinute = Math.max(...Object.values(count.perAccount)) / (idleMs / 60_000);

  const s = (ms: number) => ms / 1000;
  const base = { value: OLD_ALARM_MEDIAN_S, label: '1-min alarm, half its period' };
  /** The median (against its target) and the p90 of one measure. */
  const medianAndP90 = (what: string, label: string, values: number[], target: number): Row[] => [
    {
      figure: `New message → ${what}, ${label}, median of ${values.length}`,
      value: median(values),
      unit: 's',
      baseline: base,
      target: { max: target, label: `≤ ${target} s` },
    },
    {
      figure: `New message → ${what}, ${label}, p90 of ${values.length}`,
      value: percentile(values, 90),
      unit: 's',
      baseline: null,
      target: null,
    },
  ];
  const figures = (label: string, xs: Sample[], target: number): Row[] => [
    ...medianAndP90(
      'badge',
      label,
      xs.map((x) => s(x.badgeMs)),
      target,
    ),
    ...medianAndP90(
      'notification',
      label,
      xs.map((x) => s(x.notificationMs)),
      target,
    ),
  ];
  const rows: Row[] = [
    ...figures('no DM Desk page open', noPage, 15),
    ...figures('side panel open', withPanel, 6),
    {
      figure: `Graph calls per minute per account, idle, no page (most of ${Object.keys(count.perAccount).length} accounts, ${idleMs / 1000} s)`,
      value: perMinute,
      unit: '',
      baseline: null,
      target: { max: 6, label: '≤ 6' },
    },
  ];
  const list = (xs: Sample[], k: keyof Sample) => xs.map((x) => s(x[k]).toFixed(1)).join(', ');
  const notes = [
    `latency, side panel open: badge ${list(withPanel, 'badgeMs')} s; notification ${list(withPanel, 'notificationMs')} s`,
    `latency, no page open: badge ${list(noPage, 'badgeMs')} s; notification ${list(noPage, 'notificationMs')} s`,
    `latency: each message is a new customer (its notification may wait up to 3 s for the name); with the side panel open they are sent ${PANEL_GAP_MS.min / 1000}–${PANEL_GAP_MS.max / 1000} s apart, whether or not the one before has shown (up to three in one sync); a conversation changed in the last 5 minutes makes the background check every 10 s, and each message here follows another within 5 minutes, so the no-page figures are of that cadence; a first message after 5 quiet minutes meets the 15 s one (half of it, 7.5 s, on average, plus the sync)`,
    `idle calls: ${JSON.stringify(count.perAccount)} in ${idleMs / 1000} s, ${count.roundTrips} HTTP round trip(s); the window starts within 5 minutes of the last message (10 s cadence); after 5 quiet minutes Real time checks every 15 s (4 a minute), after 30 every 30 s`,
  ];
  return { rows, notes };
}

/**
 * The number of conversations the badge counts: none when it is empty or shows only a sign (! for
 * an account that needs the person, … for a sync running); null past 99 (99+).
 */
function badgeCount(text: string): number | null {
  if (text === '' || text === '!' || text === '…') return 0;
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * Sends `n` customer messages, each from a new customer, PANEL_GAP_MS apart whether or not the ones
 * before have shown, and times each. Every new customer adds one to the badge and a sync takes in
 * every message sent before its check, so message i has reached the badge once it shows
 * `before + i + 1`. Its notification names its conversation (with more than three in one sync a
 * single notification covers them all: it then counts for every message the badge already shows).
 */
async function overlappingSamples(
  worker: Worker,
  admin: (m: string, p: string, b?: unknown) => Promise<unknown>,
  n: number,
  before: number,
): Promise<Sample[]> {
  await worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
  const sent: Array<{ t0: number; conversationId: string | null; badgeMs: number; notificationMs: number }> = [];
  let sending = true;
  const sender = (async () => {
    try {
      await sleep(Math.random() * PANEL_MS);
      for (let i = 0; i < n; i++) {
        if (i > 0) await sleep(PANEL_GAP_MS.min + Math.random() * (PANEL_GAP_MS.max - PANEL_GAP_MS.min));
        const message = { t0: Date.now(), conversationId: null as string | null, badgeMs: NaN, notificationMs: NaN };
        sent.push(message);
        const res = (await admin('POST', 'inbound', {
          account: 'lumencoffee',
          from: { username: `latency.panel.${i}.${message.t0}` },
          text: 'Is the shop open today?',
        })) as { conversation_id?: string } | null;
        message.conversationId = res?.conversation_id ?? null;
      }
    } finally {
      sending = false;
    }
  })();
  const pending = () => sent.some((m) => Number.isNaN(m.badgeMs) || Number.isNaN(m.notificationMs));
  let lastSentAt = Date.now();
  while ((sending || pending()) && Date.now() - lastSentAt < 90_000) {
    const [text, ids] = await worker.evaluate(async () => {
      const shown = Object.keys(await chrome.notifications.getAll());
      for (const id of shown) await chrome.notifications.clear(id);
      return [await chrome.action.getBadgeText({}), shown] as const;
    });
    const now = Date.now();
    const count = badgeCount(text);
    sent.forEach((m, i) => {
      if (Number.isNaN(m.badgeMs) && count !== null && count >= before + i + 1) m.badgeMs = now - m.t0;
    });
    for (const id of ids) {
      const conversationId = id.split('|')[2] ?? '';
      const covered = conversationId
        ? sent.filter((m) => m.conversationId === conversationId)
        : sent.filter((m) => !Number.isNaN(m.badgeMs));
      for (const m of covered) if (Number.isNaN(m.notificationMs)) m.notificationMs = now - m.t0;
    }
    if (sending) lastSentAt = now;
    await sleep(100);
  }
  await sender;
  return sent.map(({ badgeMs, notificationMs }) => ({ badgeMs, notificationMs }));
}

/** Sends one customer message at a random moment of the cadence; times the badge and the notification. */
async function sample(
  worker: Worker,
  admin: (m: string, p: string, b?: unknown) => Promise<unknown>,
  periodMs: number,
  name: string,
): Promise<Sample> {
  await sleep(Math.random() * periodMs);
  await worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
  const before = await worker.evaluate(() => chrome.action.getBadgeText({}));
  const t0 = Date.now();
  await admin('POST', 'inbound', { account: 'lumencoffee', from: { username: `latency.${name}` }, text: 'Is the shop open today?' });
  let badgeMs = NaN;
  let notificationMs = NaN;
  while (Date.now() - t0 < 90_000 && (Number.isNaN(badgeMs) || Number.isNaN(notificationMs))) {
    const [text, shown] = await worker.evaluate(
      async () => [await chrome.action.getBadgeText({}), Object.keys(await chrome.notifications.getAll()).length] as const,
    );
    const at = Date.now() - t0;
    if (Number.isNaN(badgeMs) && text !== before) badgeMs = at;
    if (Number.isNaN(notificationMs) && shown > 0) notificationMs = at;
    await sleep(100);
  }
  return { badgeMs, notificationMs };
}

// `npx tsx scripts/bench/latency.ts`: this part alone (the table and its notes).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.resolve(import.meta.dirname, '../..');
  measureLatency({
    port: Number(process.env.DMDESK_BENCH_PORT ?? 47830) + 1,
    root,
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    log: (line) => void process.stderr.write(`[bench] ${line}\n`),
  })
    .then(({ rows, notes }) => process.stdout.write(`${formatTable(rows)}\n${notes.map((n) => `- ${n}`).join('\n')}\n`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
