// @vitest-environment node
/**
 * Sync against the faults real networks produce, with the Graph API emulator: paging that always
 * ends and never skips, Meta's "reduce the amount of data", and rate limits that make an account
 * wait until Meta says it may be asked again.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '@/lib/auth/service';
import { memoryTokenStore } from '@/lib/auth/token-store';
import { getDB, getSyncState, listConversations, listMessages, putAccount, resetDBHandle } from '@/lib/db';
import { GraphClient } from '@/lib/graph/client';
import { RateBudget, type Clock } from '@/lib/graph/rate-budget';
import { MAX_PAGES_PER_RUN, SyncService } from '@/lib/sync/service';
import { LUMEN, useEmulator } from '../../support/emulator';

const emulator = useEmulator();
const admin = emulator.admin;

beforeEach(async () => {
  await admin('POST', 'reset');
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
});

interface LoggedRequest {
  path: string;
  method: string;
  query: Record<string, string>;
  pageId?: string;
  batch?: boolean;
  fault?: string;
}
const requests = async (): Promise<LoggedRequest[]> => (await admin('GET', 'requests')) as LoggedRequest[];
const conversationReads = async (): Promise<LoggedRequest[]> => (await requests()).filter((r) => r.path.endsWith('/conversations'));

/** Real time plus an offset a test can move forward (as the emulator's own clock moves). */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    advance: (ms) => {
      offset += ms;
    },
  };
}

type Fetch = typeof fetch;

/** Every emulated account with an Instagram account, connected, with page tokens. */
async function connect(opts: { accounts?: 'lumen' | 'all'; clock?: Clock; wrap?: (f: Fetch) => Fetch; perSecond?: number } = {}) {
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
  ).data.filter(
    (p) =>
      p.instagram_business_account &&
      p.instagram_business_account.username !== 'pineandpixel' &&
      (opts.accounts === 'all' || p.id === LUMEN.page),
  );
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
  const tokens = memoryTokenStore({
    user: null,
    pages: Object.fromEntries(pages.map((p) => [p.instagram_business_account!.id, { pageId: p.id, token: p.access_token }])),
  });
  /** A new worker: new client, budget and sync service over the same storage. */
  const worker = () => {
    const clock = opts.clock ?? movableClock();
    const plain: Fetch = (input, init) => fetch(input, init);
    const client = new GraphClient({
      baseUrl: async () => emulator.graphBase,
      clock,
      // Meta's (and the emulator's) 2 reads/s, unless a test answers the calls itself.
      budget: new RateBudget(opts.perSecond ?? 2, clock),
      fetch: opts.wrap ? opts.wrap(plain) : plain,
    });
    const auth = new AuthService({
      client,
      endpoints: async () => ({ graphApiBase: emulator.graphBase, oauthDialogUrl: emulator.dialogUrl, appId: '1' }),
      launch: async () => undefined,
      redirectUrl: () => 'https://x.chromiumapp.org/',
      tokens,
      onAccountsChanged: () => undefined,
    });
    return new SyncService({ client, auth, notify: () => undefined, now: () => clock.now() });
  };
  return { worker, pages };
}

const watermarkOf = async (id = LUMEN.ig) => (await getSyncState(id))?.watermark ?? 0;

describe('paging always ends', () => {
  it('stops on a cursor that does not advance, and keeps the watermark', async () => {
    const { worker } = await connect();
    const sync = worker();
    await admin('POST', 'faults', { match: '/conversations', kind: 'cursor_stuck', times: 0 });
    await sync.syncAccount(LUMEN.ig);
    // The first page, then the page whose `next` repeats its own cursor: nothing more.
    expect((await conversationReads()).length).toBe(2);
    expect(await watermarkOf()).toBe(0);

    await admin('DELETE', 'faults');
    await sync.syncAccount(LUMEN.ig);
    expect(await listConversations(LUMEN.ig)).toHaveLength(64);
    expect(await watermarkOf()).toBeGreaterThan(0);
  }, 20_000);

  it('stops on a page that brings only conversations it already read', async () => {
    // Meta answers every later page with the same conversations under a fresh cursor.
    let n = 0;
    const realCursor = new Map<string, string>();
    const wrap =
      (f: Fetch): Fetch =>
      async (input, init) => {
        const url = new URL(String(input));
        const after = url.searchParams.get('after');
        if (!url.pathname.endsWith('/conversations') || after === null) return f(url.href, init);
        url.searchParams.set('after', realCursor.get(after) ?? after);
        const res = await f(url.href, init);
        const body = (await res.json()) as { paging?: { cursors?: { after?: string }; next?: string } };
        const fresh = `fresh-${++n}`;
        realCursor.set(fresh, realCursor.get(after) ?? after);
        body.paging = { cursors: { after: fresh }, next: `${emulator.graphBase}/next` };
        return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
      };
    const { worker } = await connect({ wrap });
    await worker().syncAccount(LUMEN.ig);
    expect((await conversationReads()).length).toBe(3);
    expect(await watermarkOf()).toBe(0);
  }, 20_000);

  it(`reads at most ${MAX_PAGES_PER_RUN} pages per run, and the next run continues where it stopped`, async () => {
    // An endless list: every page after the first brings one new conversation and a new cursor.
    let n = 0;
    const wrap =
      (f: Fetch): Fetch =>
      async (input, init) => {
        const url = new URL(String(input));
        if (!url.pathname.endsWith('/conversations') || url.searchParams.get('after') === null) return f(url.href, init);
        n += 1;
        const t = new Date(Date.UTC(2020, 0, 1) - n * 1000).toISOString().replace('.000Z', '+0000');
        return new Response(
          JSON.stringify({
            data: [
              {
                id: `endless-${n}`,
                updated_time: t,
                participants: { data: [{ id: `u-${n}`, username: `u${n}` }] },
                messages: { data: [] },
              },
            ],
            paging: { cursors: { after: `c${n}` }, next: `${emulator.graphBase}/next` },
          }),
          { status: 200, headers: { 'Content-Type': 'application/json' } },
        );
      };
    const { worker } = await connect({ wrap, perSecond: 50 });
    const sync = worker();
    await sync.syncAccount(LUMEN.ig);
    expect(n).toBe(MAX_PAGES_PER_RUN - 1);
    expect(await watermarkOf()).toBe(0);
    expect((await getSyncState(LUMEN.ig))?.resume?.after).toBe(`c${n}`);

    await sync.syncAccount(LUMEN.ig);
    expect(n).toBe(2 * MAX_PAGES_PER_RUN - 1);
    expect(await listConversations(LUMEN.ig)).toHaveLength(25 + 2 * MAX_PAGES_PER_RUN - 1);
  }, 30_000);
  it('a pass cut by a failure continues from its cursor, then reads what arrived meanwhile', async () => {
    const { worker } = await connect();
    // The first page is answered, the second fails.
    await admin('POST', 'faults', { match: '/conversations', kind: 'latency', latencyMs: 0, times: 1 });
    await admin('POST', 'faults', { match: '/conversations', kind: 'status', status: 500, times: 1 });
    await expect(worker().syncAccount(LUMEN.ig)).rejects.toThrow();
    expect(await watermarkOf()).toBe(0);
    await admin('POST', 'inbound', { account: 'lumencoffee', from: { username: 'mid.way' }, text: 'meanwhile' });
    await admin('DELETE', 'requests');

    await worker().syncAccount(LUMEN.ig);
    const reads = await conversationReads();
    expect(reads[0]?.query.after).toBeDefined(); // continued where it stopped, not from the top
    const list = await listConversations(LUMEN.ig);
    expect(list).toHaveLength(65);
    expect(list[0]?.participant.username).toBe('mid.way');
    expect(await watermarkOf()).toBe(list[0]?.updatedTime);
  }, 20_000);
});

describe('code 1, "reduce the amount of data"', () => {
  it('halves and remembers both limits, and the watermark waits until a thread read short is read whole', async () => {
    const clock = movableClock();
    const { worker } = await connect({ clock });
    await worker().syncAccount(LUMEN.ig);
    const sofia = (await listConversations(LUMEN.ig))[0]!;
    expect(await listMessages(sofia.id)).toHaveLength(20);

    // Meta refuses any list call asking for more than 100 items (conversations × messages), and
    // this time the thread itself cannot be read.
    await admin('POST', 'faults', { match: '/conversations', kind: 'data_size', maxData: 100, times: 0 });
    await admin('POST', 'faults', { match: `/${sofia.id}/messages`, kind: 'status', status: 500, times: 0 });
    for (let i = 0; i < 15; i++) await admin('POST', 'inbound', { account: 'lumencoffee', from: sofia.participant.id, text: `new ${i}` });
    await expect(worker().syncAccount(LUMEN.ig)).resolves.toBeUndefined();

    const state = await getSyncState(LUMEN.ig);
    expect(state).toMatchObject({ pageLimit: 12, messageLimit: 5 });
    // Only the newest 5 of the 15 new messages came; the watermark stays below that thread.
    expect(await listMessages(sofia.id)).toHaveLength(25);
    const updated = (await (await getDB()).get('conversations', sofia.id))!.updatedTime;
    expect(state!.watermark).toBeLessThan(updated);

    // A new worker asks with the remembered limits straight away, and reads the thread whole.
    await admin('DELETE', 'faults');
    await admin('POST', 'faults', { match: '/conversations', kind: 'data_size', maxData: 100, times: 0 });
    await admin('DELETE', 'requests');
    await worker().syncAccount(LUMEN.ig);
    const reads = await conversationReads();
    expect(reads[0]?.query.limit).toBe('12');
    expect(reads.every((r) => r.fault === undefined)).toBe(true);
    const texts = (await listMessages(sofia.id)).map((m) => m.text);
    expect(texts).toHaveLength(35);
    for (let i = 0; i < 15; i++) expect(texts).toContain(`new ${i}`);
    expect(await watermarkOf()).toBeGreaterThanOrEqual(updated);
    expect((await getSyncState(LUMEN.ig))?.partialThreads).toEqual({});

    // A day later the full limits are tried again.
    await admin('DELETE', 'faults');
    await admin('DELETE', 'requests');
    clock.advance(25 * 60 * 60 * 1000);
    await worker().syncAccount(LUMEN.ig);
    expect((await conversationReads())[0]?.query.limit).toBe('50');
  }, 30_000);
});

describe('rate limits', () => {
  it('a rate-limited batch part: that account is not asked again before Meta says it may', async () => {
    const clock = movableClock();
    const { worker, pages } = await connect({ accounts: 'all', clock });
    expect(pages.length).toBeGreaterThan(1);
    await admin('POST', 'faults', {
      match: '/conversations',
      kind: 'rate_limit',
      code: 80002,
      regainMinutes: 5,
      account: 'lumencoffee',
      times: 0,
    });
    const lumenReads = async () => (await conversationReads()).filter((r) => r.path.includes(LUMEN.page)).length;

    const sync = worker();
    await sync.syncAll();
    expect(await lumenReads()).toBe(1); // its batch part, and not again on its own
    const state = await getSyncState(LUMEN.ig);
    expect(state?.error?.kind).toBe('rate-limit');
    expect(state?.error?.message).toMatch(/try again in about [45] minutes/);
    expect(state?.resumeAt).toBeGreaterThanOrEqual(clock.now() + 4 * 60_000);

    // Alarm ticks, and a new worker, within the five minutes: no call for that account.
    await sync.syncAll();
    await expect(worker().syncAccount(LUMEN.ig)).rejects.toMatchObject({ kind: 'rate-limit' });
    await worker().syncAll();
    expect(await lumenReads()).toBe(1);
    expect((await conversationReads()).filter((r) => !r.path.includes(LUMEN.page)).length).toBeGreaterThan(1);

    // Once Meta's time has passed, it is asked again and catches up.
    clock.advance(5 * 60_000 + 1000);
    await admin('POST', 'advance', { ms: 5 * 60_000 + 1000 });
    await worker().syncAll();
    expect(await lumenReads()).toBeGreaterThan(1);
    expect(await listConversations(LUMEN.ig)).toHaveLength(64);
    expect((await getSyncState(LUMEN.ig))?.error).toBeNull();
  }, 30_000);

  it('code 4 (the app) holds back every account', async () => {
    const clock = movableClock();
    const { worker } = await connect({ accounts: 'all', clock });
    await admin('POST', 'faults', {
      match: '/conversations',
      kind: 'rate_limit',
      code: 4,
      regainMinutes: 3,
      account: 'lumencoffee',
      times: 0,
    });
    await worker().syncAll();
    const before = (await requests()).length;
    await worker().syncAll();
    expect((await requests()).length).toBe(before);
  }, 30_000);
});
