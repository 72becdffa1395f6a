// @vitest-environment node
/**
 * The sync engine against the Graph API emulator (a real HTTP server on a random port), with
 * fake-indexeddb as the cache.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '@/lib/auth/service';
import { memoryTokenStore } from '@/lib/auth/token-store';
import { getDB, listConversations, listMessages, putAccount, resetDBHandle } from '@/lib/db';
import { GraphClient } from '@/lib/graph/client';
import { SyncService } from '@/lib/sync/service';
import { LUMEN, connectLumen, useEmulator } from '../../support/emulator';

const emulator = useEmulator();
const admin = emulator.admin;

const pageToken = () => emulator.pageToken(LUMEN.page);

/**
 * A sync service with DM Desk's own pacing (the client's default budget, as in the background):
 * the emulator enforces Meta's 2 calls/s per account, so a burst DM Desk would make fails here.
 * `fetch` lets a test act between Meta's answer and the client reading it.
 */
async function setup(fetchImpl?: typeof fetch) {
  const token = await pageToken();
  const client = new GraphClient({ baseUrl: async () => emulator.graphBase, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const auth = await connectLumen(emulator, client, token);
  const newMessages: string[] = [];
  /** What each sync's end said about written conversations (the badge recounts only then). */
  const ends: boolean[] = [];
  let started = 0;
  const sync = new SyncService({
    client,
    auth,
    notify: () => undefined,
    onNewMessages: async (_a, m) => void newMessages.push(...m.map((x) => x.text)),
    onStateChanged: async ({ changed }) => {
      if (started++ % 2 === 1) ends.push(changed.length > 0);
    },
  });
  return { sync, newMessages, ends };
}

async function graphCalls(): Promise<number> {
  const log = (await admin('GET', 'requests')) as Array<{ path: string }>;
  return log.filter((r) => r.path.startsWith('/v24.0/') && !r.path.includes('dialog')).length;
}

beforeEach(async () => {
  await admin('POST', 'reset');
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
});

describe('SyncService against the emulator', () => {
  it('reads every conversation, then only what changed', async () => {
    const { sync, newMessages, ends } = await setup();
    await sync.syncAccount(LUMEN.ig);
    expect(await listConversations(LUMEN.ig)).toHaveLength(64);
    expect(newMessages).toEqual([]); // the first sync announces nothing

    await admin('DELETE', 'requests');
    await sync.syncAccount(LUMEN.ig);
    expect(await graphCalls()).toBe(1); // nothing changed: one call

    await admin('POST', 'inbound', { account: 'lumencoffee', from: { username: 'new.one' }, text: 'first!' });
    await admin('DELETE', 'requests');
    await sync.syncAccount(LUMEN.ig);
    expect(await graphCalls()).toBe(1);
    expect((await listConversations(LUMEN.ig))[0]?.participant.username).toBe('new.one');
    expect(newMessages).toEqual(['first!']);
    // First sync and the one with a new message wrote conversations; the quiet one did not.
    expect(ends).toEqual([true, false, true]);
  });

  it('a sync interrupted half-way leaves no gap and no duplicate once redone', async () => {
    const { sync } = await setup();
    await admin('POST', 'faults', { match: '/conversations', kind: 'status', status: 500, times: 1 });
    // First page fine, second page fails: the watermark must not move.
    await admin('DELETE', 'faults');
    await admin('POST', 'faults', { match: '/conversations', kind: 'latency', latencyMs: 0, times: 1 });
    await admin('POST', 'faults', { match: '/conversations', kind: 'status', status: 500, times: 1 });
    await expect(sync.syncAccount(LUMEN.ig)).rejects.toThrow();
    const partial = (await listConversations(LUMEN.ig)).length;
    expect(partial).toBeLessThan(64);
    expect((await (await getDB()).get('syncState', LUMEN.ig))?.watermark).toBe(0);
    await sync.syncAccount(LUMEN.ig);
    await sync.syncAccount(LUMEN.ig);
    expect(await listConversations(LUMEN.ig)).toHaveLength(64);
    const ids = (await (await getDB()).getAll('messages')).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never deletes messages Meta stopped serving', async () => {
    const { sync } = await setup();
    await sync.syncAccount(LUMEN.ig);
    const sofia = (await listConversations(LUMEN.ig))[0]!;
    const before = await listMessages(sofia.id);
    expect(before).toHaveLength(20);
    for (let i = 0; i < 20; i++) await admin('POST', 'inbound', { account: 'lumencoffee', from: sofia.participant.id, text: `later ${i}` });
    await sync.syncAccount(LUMEN.ig);
    const after = await listMessages(sofia.id);
    expect(after).toHaveLength(40);
    expect(after.slice(0, 20).map((m) => m.id)).toEqual(before.map((m) => m.id));
  });

  it('a Refresh during a running sync gets one more run that sees the new message', async () => {
    /** Runs once Meta has answered the next conversation list, before the sync reads the answer. */
    let onAnswered: (() => Promise<void>) | null = null;
    const { sync } = await setup(async (input, init) => {
      const response = await fetch(input, init);
      const hook = String(input).includes('/conversations') ? onAnswered : null;
      onAnswered = null;
      await hook?.();
      return response;
    });
    await sync.syncAccount(LUMEN.ig);
    await admin('DELETE', 'requests');
    const refreshes: Array<Promise<void>> = [];
    // The message arrives after Meta answered the running sync, and the person clicks Refresh
    // before that sync ends: only one more run can see the message.
    onAnswered = async () => {
      await admin('POST', 'inbound', { account: 'lumencoffee', from: { username: 'mid.way' }, text: 'during' });
      refreshes.push(sync.syncAccount(LUMEN.ig));
    };
    const running = sync.syncAccount(LUMEN.ig);
    await running;
    expect(refreshes).toHaveLength(1);
    await Promise.all(refreshes);
    expect(await graphCalls()).toBe(2); // the running sync's call and the one more run's
    expect((await listConversations(LUMEN.ig))[0]?.participant.username).toBe('mid.way');
  });
});

describe('SyncService with several accounts', () => {
  it('asks for the first pages of all accounts in one batch, sync after sync', async () => {
    await admin('POST', 'consent', { remember: true });
    const res = await fetch(
      `${emulator.dialogUrl}?client_id=1&redirect_uri=https://x.chromiumapp.org/&response_type=token&state=s&scope=instagram_basic,instagram_manage_messages,pages_show_list`,
      { redirect: 'manual' },
    );
    const userToken = new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1)).get('access_token')!;
    const pages = (
      (await (
        await fetch(
          `${emulator.graphBase}/me/accounts?fields=id,access_token,instagram_business_account{id,username}&access_token=${userToken}`,
        )
      ).json()) as { data: Array<{ id: string; access_token: string; instagram_business_account?: { id: string; username: string } }> }
    ).data.filter((p) => p.instagram_business_account && p.instagram_business_account.username !== 'pineandpixel');
    const client = new GraphClient({ baseUrl: async () => emulator.graphBase });
    const auth = new AuthService({
      client,
      endpoints: async () => ({ graphApiBase: emulator.graphBase, oauthDialogUrl: emulator.dialogUrl, appId: '1' }),
      launch: async () => undefined,
      redirectUrl: () => 'https://x.chromiumapp.org/',
      tokens: memoryTokenStore({
        user: null,
        pages: Object.fromEntries(pages.map((p) => [p.instagram_business_account!.id, { pageId: p.id, token: p.access_token }])),
      }),
      onAccountsChanged: () => undefined,
    });
    for (const [i, p] of pages.entries()) {
      const ig = p.instagram_business_account!;
      await putAccount({
        id: ig.id,
        pageId: p.id,
        pageName: p.id,
        username: ig.username,
        name: null,
        pictureUrl: null,
        status: 'ok',
        order: i,
        connectedAt: 0,
      });
    }
    const sync = new SyncService({ client, auth, notify: () => undefined });
    await sync.syncAll();
    for (let round = 0; round < 4; round++) {
      await admin('POST', 'inbound', { account: 'lumencoffee', from: { username: `round.${round}` }, text: 'hi' });
      await admin('DELETE', 'requests');
      await sync.syncAll({ includeRunning: true });
      const log = (await admin('GET', 'requests')) as Array<{ path: string; method: string; batch?: boolean }>;
      const trips = log.filter((r) => !r.batch && !r.path.startsWith('/__admin'));
      expect(trips.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v24.0/']);
    }
    expect(pages.length).toBeGreaterThan(1);
  });
});
