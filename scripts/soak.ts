/**
 * Soak: many replies through the extension's own send request, in real Chromium against the Graph
 * API emulator, with injected faults of every kind and random service-worker kills. At the end
 * every reply must be at "Meta" exactly once, and nothing typed may be gone.
 *
 *   npm run soak                          # 1,000 sends
 *   npm run soak -- --sends 50            # a quick try
 *   npm run soak -- --sends 1000 --fault-rate 0.2 --kill-rate 0.02 --seed 7 --port 47826
 *
 * Replies a person would have to act on (a definite refusal, or an attempt the thread proved never
 * arrived) are retried the way the person would, with Retry. The run ends when the outbox is empty
 * or `--settle-minutes` pass after the last send.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumArgs } from '../tests/e2e/chromium-args';
import { buildForEmulator } from '../tests/emulator/extension-build';
import { startEmulator, type Emulator } from '../tests/emulator/server';
import { mulberry32 } from '../tests/emulator/util';

const { values: args } = parseArgs({
  options: {
    sends: { type: 'string', default: '1000' },
    'fault-rate': { type: 'string', default: '0.2' },
    'kill-rate': { type: 'string', default: '0.02' },
    concurrency: { type: 'string', default: '20' },
    seed: { type: 'string', default: '20261201' },
    port: { type: 'string', default: process.env.DMDESK_SOAK_PORT ?? '47826' },
    'out-dir': { type: 'string', default: process.env.DMDESK_SOAK_OUT_DIR ?? '.output/soak' },
    'settle-minutes': { type: 'string', default: '10' },
    'skip-build': { type: 'boolean', default: false },
    headed: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const SENDS = Number(args.sends);
const FAULT_RATE = Number(args['fault-rate']);
const KILL_RATE = Number(args['kill-rate']);
const CONCURRENCY = Math.max(1, Number(args.concurrency));
const PORT = Number(args.port);
const OUT_DIR = path.resolve(args['out-dir']);
const SETTLE_MS = Number(args['settle-minutes']) * 60_000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const rng = mulberry32(Number(args.seed));

/** One fault kind as the soak injects it: what it is called in the table, and the admin request. */
interface FaultPlan {
  name: string;
  spec: () => Record<string, unknown>;
}

const SEND = { match: '/messages', method: 'POST' };
const READ = { match: '/', method: 'GET' };
const FAULTS: FaultPlan[] = [
  { name: 'answer lost: body cut', spec: () => ({ ...SEND, kind: 'processed_cut' }) },
  { name: 'answer lost: connection dropped', spec: () => ({ ...SEND, kind: 'processed_drop' }) },
  { name: 'stored, then 5xx', spec: () => ({ ...SEND, kind: 'processed_status', status: pick([500, 502, 503]) }) },
  { name: 'stored, then code 1/1357046', spec: () => ({ ...SEND, kind: 'processed_status', code: 1 }) },
  { name: 'held past the timeout, then stored', spec: () => ({ ...SEND, kind: 'hold', latencyMs: 16_000 + Math.floor(rng() * 6_000) }) },
  { name: 'timeout (never answered)', spec: () => ({ ...SEND, kind: 'timeout' }) },
  { name: '5xx on send (not stored)', spec: () => ({ ...SEND, kind: 'status', status: pick([500, 503]) }) },
  { name: 'rate limit on send', spec: () => ({ ...SEND, kind: 'rate_limit', code: pick([80002, 613, 32]) }) },
  { name: 'app/user rate limit (4/17)', spec: () => ({ ...READ, kind: 'rate_limit', code: pick([4, 17]) }) },
  { name: '5xx on a read', spec: () => ({ ...READ, kind: 'status', status: 500, times: 2 }) },
  { name: 'rate limit on a read', spec: () => ({ ...READ, kind: 'rate_limit', code: 80002, times: 2 }) },
  { name: 'per-account 190', spec: () => ({ match: '/', kind: 'token_expired', account: pick(['lumencoffee', 'ateliernord']) }) },
  { name: 'cursor never advances', spec: () => ({ match: '/conversations', kind: 'cursor_stuck', times: 3 }) },
  { name: 'code 1 above a data size', spec: () => ({ match: '/conversations', kind: 'data_size', maxData: 100, times: 3 }) },
];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

interface Target {
  accountId: string;
  account: string;
  conversationId: string;
}

type OutboxRow = { id: string; text: string; state: string; conversationId: string; error?: { kind: string } | null };

/** During the run: a read that fails (the page busy while the worker restarts) sees nothing this round; the next round reads again. */
function peekOutbox(page: Page): Promise<OutboxRow[]> {
  return readOutbox(page).catch((e: unknown) => {
    console.log(`[soak] outbox not readable this round: ${String(e)}`);
    return [];
  });
}

async function readOutbox(page: Page): Promise<OutboxRow[]> {
  return page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('dm-desk');
        open.onerror = () => reject(open.error ?? new Error('cannot open dm-desk'));
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('outbox', 'readonly').objectStore('outbox').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as OutboxRow[]);
          };
          req.onerror = () => reject(req.error ?? new Error('cannot read the outbox'));
        };
      }),
  );
}

async function readMessageTexts(page: Page, conversationIds: string[]): Promise<string[]> {
  return page.evaluate(
    (ids) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('dm-desk');
        open.onerror = () => reject(open.error ?? new Error('cannot open dm-desk'));
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('messages', 'readonly').objectStore('messages').getAll();
          req.onsuccess = () => {
            db.close();
            const wanted = new Set(ids);
            resolve(
              (req.result as Array<{ conversationId: string; text: string }>)
                .filter((m) => wanted.has(m.conversationId))
                .map((m) => m.text),
            );
          };
          req.onerror = () => reject(req.error ?? new Error('cannot read messages'));
        };
      }),
    conversationIds,
  );
}

/** The extension's own request, as its pages send it. Rejects when the background did not answer. */
async function request(page: Page, name: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ name, payload }) => {
      const reply = (await chrome.runtime.sendMessage({ channel: 'dmdesk/request', name, payload })) as
        { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } } | undefined;
      if (!reply) throw new Error('the background did not answer');
      if (!reply.ok) throw new Error(`${reply.error.kind}: ${reply.error.message}`);
      return reply.value;
    },
    { name, payload },
  );
}

async function killWorker(context: BrowserContext, page: Page): Promise<boolean> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
    if (!sw) return false;
    await cdp.send('Target.closeTarget', { targetId: sw.targetId });
    return true;
  } finally {
    // The session may already be gone with the worker it watched.
    await cdp.detach().catch(() => undefined);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function pendingOf(rows: OutboxRow[]): OutboxRow[] {
  return rows.filter((r) => r.state !== 'sent' && r.state !== 'failed');
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!args['skip-build']) buildForEmulator({ port: PORT, outDir: OUT_DIR, output: 'stderr' });
  const extensionDir = path.join(OUT_DIR, 'chrome-mv3');
  const emulator: Emulator = await startEmulator({ port: PORT });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-soak-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: !args.headed,
    args: chromiumArgs(extensionDir, { headless: !args.headed }),
  });
  const stop = async (): Promise<void> => {
    // A browser that already exited cannot be closed; the rest is still cleaned up.
    await context.close().catch(() => undefined);
    await emulator.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const url = (p: string): string => `chrome-extension://${extensionId}/${p}`;

    // Connect through the consent page, like a person.
    const panel = await context.newPage();
    await panel.goto(url('sidepanel.html'));
    const consent = context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Connect Account' }).click();
    await (await consent).getByRole('button', { name: 'Continue' }).click();
    await panel.getByRole('list', { name: 'Conversations' }).getByRole('button').first().waitFor({ timeout: 60_000 });
    await worker
      .evaluate(() => chrome.storage.local.set({ 'settings.syncPreset': 'realtime' }))
      .catch((e: unknown) => console.log(`[soak] sync stays at its usual interval: ${String(e)}`));

    // Threads across two accounts; each customer writes first, so every reply window is open.
    const targets: Target[] = [];
    for (const [account, count] of [
      ['lumencoffee', 18],
      ['ateliernord', 6],
    ] as const) {
      const page = emulator.state.ds.pages.find((p) => p.ig?.username === account);
      if (!page?.ig) throw new Error(`no ${account} in the seed`);
      const convs = page.conversations.filter((c) => !c.customer.noConsent).slice(0, count);
      for (const c of convs) {
        await fetch(`${emulator.url}/__admin/inbound`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ account, from: c.customer.id, text: `Soak opener for ${c.id.slice(-6)}` }),
        });
        targets.push({ accountId: page.ig.id, account, conversationId: c.id });
      }
    }
    const sender = await context.newPage();
    await sender.goto(url('popup.html'));
    await panel.close();
    await request(sender, 'sync', {});
    for (let i = 0; i < 60; i++) {
      const texts = await readMessageTexts(
        sender,
        targets.map((t) => t.conversationId),
      );
      if (texts.filter((t) => t.startsWith('Soak opener')).length >= targets.length) break;
      await sleep(1_000);
      // A sync that fails (the worker restarting) is asked for again ten rounds on.
      if (i % 10 === 9) await request(sender, 'sync', {}).catch(() => undefined);
    }

    const runId = Date.now().toString(36);
    const typed: Array<{ text: string; target: Target }> = [];
    const faultsInjected = new Map<string, number>();
    let kills = 0;
    let retries = 0;
    let unanswered = 0;
    let reconnects = 0;
    let lastReconnect = 0;
    const retried = new Set<string>();

    const retryFailed = async (rows: OutboxRow[]): Promise<void> => {
      const failed = rows.filter((x) => x.state === 'failed');
      // "Reconnect needed": the person reconnects (consent is remembered, so no window stays open), then retries.
      if (failed.some((r) => r.error?.kind === 'auth') && Date.now() - lastReconnect > 20_000) {
        lastReconnect = Date.now();
        await request(sender, 'connect', {}).then(
          () => {
            reconnects += 1;
          },
          (e: unknown) => console.log(`[soak] reconnect did not work: ${String(e)}`),
        );
      }
      for (const r of failed) {
        await request(sender, 'retrySend', { outboxId: r.id }).then(
          () => {
            retries += 1;
            retried.add(r.text);
          },
          // Refused: the reply is already on its way again; the next round looks at it afresh.
          () => undefined,
        );
      }
    };

    for (let i = 0; i < SENDS; i++) {
      // Keep a bounded number of replies on their way.
      for (;;) {
        const rows = await peekOutbox(sender);
        await retryFailed(rows);
        if (pendingOf(rows).length < CONCURRENCY) break;
        await sleep(250);
      }
      if (rng() < FAULT_RATE) {
        const plan = pick(FAULTS);
        await fetch(`${emulator.url}/__admin/faults`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(plan.spec()),
        });
        faultsInjected.set(plan.name, (faultsInjected.get(plan.name) ?? 0) + 1);
      }
      const target = pick(targets);
      const text = `Soak ${runId} reply ${i + 1}: ${pick(['thanks!', 'on its way', 'see you soon', 'we open at 8', 'yes ☕'])}`;
      typed.push({ text, target });
      // A person whose Send did not take (the worker died first) still has the text and presses Send again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const ok = await request(sender, 'send', { accountId: target.accountId, conversationId: target.conversationId, text }).then(
          () => true,
          () => false,
        );
        if (ok) break;
        unanswered += 1;
        await sleep(1_500);
        if ((await peekOutbox(sender)).some((r) => r.text === text)) break;
      }
      if (rng() < KILL_RATE && (await killWorker(context, sender))) kills += 1;
      if ((i + 1) % 50 === 0) {
        const rows = await peekOutbox(sender);
        console.log(
          `[soak] ${i + 1}/${SENDS} typed · ${pendingOf(rows).length} on their way · ${rows.filter((r) => r.state === 'failed').length} failed · ${kills} kills · ${Math.round((Date.now() - started) / 1000)} s`,
        );
      }
    }

    // Let everything settle; retry what a person would retry.
    const deadline = Date.now() + SETTLE_MS;
    let lastNote = 0;
    for (;;) {
      const rows = await peekOutbox(sender);
      const open = rows.filter((r) => r.state !== 'sent');
      if (open.length === 0 || Date.now() > deadline) break;
      await retryFailed(rows);
      if (Date.now() - lastNote > 30_000) {
        lastNote = Date.now();
        console.log(
          `[soak] settling: ${open.length} replies not yet sent (${open
            .map((r) => r.state)
            .join(', ')
            .slice(0, 120)})`,
        );
      }
      await sleep(1_000);
    }
    await fetch(`${emulator.url}/__admin/faults`, { method: 'DELETE' });

    // What reached Meta, and what DM Desk still holds.
    const atMeta = new Map<string, number>();
    for (const { message } of emulator.state.ds.messages.values()) {
      if (message.fromBusiness && message.text.startsWith(`Soak ${runId} `)) atMeta.set(message.text, (atMeta.get(message.text) ?? 0) + 1);
    }
    const outbox = await readOutbox(sender);
    const held = new Map(outbox.map((r) => [r.text, r.state]));
    let once = 0;
    const lost: string[] = [];
    const duplicated: string[] = [];
    const undelivered: string[] = [];
    for (const { text } of typed) {
      const n = atMeta.get(text) ?? 0;
      if (n === 1) once += 1;
      else if (n > 1) duplicated.push(`${text} ×${n}`);
      else if (held.has(text)) undelivered.push(`${text} (${held.get(text)})`);
      else lost.push(text);
    }
    const faultCalls = new Map<string, number>();
    for (const r of emulator.state.requests) if (r.fault) faultCalls.set(r.fault, (faultCalls.get(r.fault) ?? 0) + 1);
    const seconds = Math.round((Date.now() - started) / 1000);

    const rows: Array<[string, string]> = [
      ['sends', String(typed.length)],
      ['at Meta exactly once', String(once)],
      ['lost', String(lost.length)],
      ['duplicated', String(duplicated.length)],
      ['still in the outbox (not sent)', String(undelivered.length)],
      ['faults injected', String([...faultsInjected.values()].reduce((a, b) => a + b, 0))],
      ...[...faultsInjected.entries()].sort().map(([k, v]): [string, string] => [`  ${k}`, String(v)]),
      ['calls shaped by a fault (emulator log)', [...faultCalls.entries()].map(([k, v]) => `${k} ${v}`).join(', ') || '0'],
      ['worker kills', String(kills)],
      ['sends the background did not answer (pressed again)', String(unanswered)],
      ['Retry presses (as a person would)', String(retries)],
      ['Reconnect presses (after "Reconnect needed")', String(reconnects)],
      ['time', `${Math.floor(seconds / 60)} min ${seconds % 60} s`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log('\nSoak result');
    console.log(`| ${'what'.padEnd(width)} | value |`);
    console.log(`| ${'-'.repeat(width)} | ----- |`);
    for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
    for (const t of duplicated.slice(0, 10)) console.log(`duplicated: ${t}`);
    for (const t of lost.slice(0, 10)) console.log(`lost: ${t}`);
    for (const t of undelivered.slice(0, 10)) console.log(`not sent: ${t}`);
    if (args.json) {
      fs.writeFileSync(
        args.json,
        JSON.stringify(
          {
            sends: typed.length,
            once,
            lost: lost.length,
            duplicated: duplicated.length,
            undelivered: undelivered.length,
            faults: Object.fromEntries(faultsInjected),
            faultCalls: Object.fromEntries(faultCalls),
            kills,
            retries,
            reconnects,
            seconds,
          },
          null,
          2,
        ),
      );
    }
    process.exitCode = lost.length === 0 && duplicated.length === 0 && undelivered.length === 0 ? 0 : 1;
  } finally {
    await stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
