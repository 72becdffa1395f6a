// @vitest-environment node
/**
 * The outbox state machine against the Graph API emulator (a real HTTP server on a random port),
 * with fake-indexeddb as the cache. Faults are made precisely by wrapping the client's fetch: the
 * emulator really stores a send, then the wrapper loses, cuts or replaces Meta's answer.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteAccountData, getDB, getOutboxItem, getMessages, listConversations, putOutboxItem, putUpload, resetDBHandle } from '@/lib/db';
import type { OutboxItem } from '@/lib/db/schema';
import { GraphClient } from '@/lib/graph/client';
import { RateBudget, memoryBlockStore, type Clock } from '@/lib/graph/rate-budget';
import { Outbox, UNKNOWN_GRACE_MS, type OutboxStep } from '@/lib/outbox/outbox';
import { replyWindow } from '@/lib/policy/reply-window';
import { SyncService } from '@/lib/sync/service';
import { png } from '../../../emulator/media';
import { LUMEN, connectLumen, useEmulator } from '../../support/emulator';

const RECHECK = 10_000;

const emulator = useEmulator();
const admin = emulator.admin;

const pageToken = () => emulator.pageToken(LUMEN.page);

/** What the wrapper does with one matching call: `forward` lets the emulator carry it out. */
type Act = (forward: () => Promise<Response>) => Promise<Response>;
interface Rule {
  match: (url: URL, method: string) => boolean;
  act: Act;
  times: number;
}

const isSend = (url: URL, method: string) => method === 'POST' && url.pathname.endsWith('/messages');
const isUpload = (url: URL, method: string) => method === 'POST' && url.pathname.endsWith('/message_attachments');

function graphError(status: number, code: number, subcode?: number): Response {
  return new Response(JSON.stringify({ error: { message: 'fault', type: 'OAuthException', code, error_subcode: subcode } }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Meta carried the call out; the answer never arrived. */
const storedThenLost: Act = async (forward) => {
  await (await forward()).text();
  throw new TypeError('network connection lost');
};
const storedThen =
  (answer: (body: string) => Response): Act =>
  async (forward) =>
    answer(await (await forward()).text());
const refused =
  (status: number, code: number, subcode?: number): Act =>
  async () =>
    graphError(status, code, subcode);

interface Setup {
  clock: Clock & { advance(ms: number): Promise<void> };
  rules: Rule[];
  conversationId: string;
  outbox(extra?: Partial<ConstructorParameters<typeof Outbox>[0]>): Outbox;
  /** Texts of the conversation at the emulator. */
  stored(): Promise<Array<{ id: string; text: string; attachments?: unknown[]; from: { id: string } }>>;
  /** Send calls that reached the emulator. */
  sendsReached(): Promise<number>;
  items(): Promise<OutboxItem[]>;
}

async function setup(): Promise<Setup> {
  const token = await pageToken();
  // One clock for DM Desk and the emulator: moving it on moves Meta's time (and its rate buckets) too.
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    sleep: async (ms: number) => {
      offset += ms;
      await admin('POST', 'advance', { ms });
    },
    advance: (ms: number) => clock.sleep(ms),
  };
  const rules: Rule[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    const rule = rules.find((r) => r.times > 0 && r.match(url, method));
    // The emulator's usage headers follow its own (real-time) clock while the client runs on the
    // test's clock; they are dropped so only the faults a test sets decide what is rate-limited.
    const forward = async () => {
      const res = await fetch(input, init);
      const headers = new Headers(res.headers);
      headers.delete('X-Business-Use-Case-Usage');
      headers.delete('X-App-Usage');
      return new Response(await res.arrayBuffer(), { status: res.status, headers });
    };
    if (!rule) return forward();
    rule.times -= 1;
    return rule.act(forward);
  };
  const client = new GraphClient({
    baseUrl: async () => emulator.graphBase,
    fetch: wrapped,
    clock,
    budget: new RateBudget(2, clock, { store: memoryBlockStore() }),
  });
  const auth = await connectLumen(emulator, client, token);
  const sync = new SyncService({ client, auth, notify: () => undefined, onNewMessages: async () => undefined });
  await sync.syncAccount(LUMEN.ig);
  const open = (await listConversations(LUMEN.ig)).find((c) => replyWindow(c, clock.now(), false).state === 'open');
  if (!open) throw new Error('no conversation with an open reply window');
  await admin('DELETE', 'requests');

  return {
    clock,
    rules,
    conversationId: open.id,
    outbox: (extra = {}) =>
      new Outbox({
        client,
        auth,
        humanAgent: async () => false,
        notify: () => undefined,
        now: clock.now,
        recheckMs: RECHECK,
        setTimer: () => null,
        clearTimer: () => undefined,
        ...extra,
      }),
    stored: async () =>
      (await admin('GET', `messages?account=lumencoffee&conversation=${encodeURIComponent(open.id)}`)) as Array<{
        id: string;
        text: string;
        attachments?: unknown[];
        from: { id: string };
      }>,
    sendsReached: async () =>
      ((await admin('GET', 'requests')) as Array<{ method: string; path: string }>).filter(
        (r) => r.method === 'POST' && r.path.endsWith('/messages'),
      ).length,
    items: async () => (await getDB()).getAll('outbox'),
  };
}

/** An item whose send had no definite answer, as a stopped or interrupted worker leaves it. */
function unknownItem(s: Setup, over: Partial<OutboxItem> & { id: string }): OutboxItem {
  return {
    accountId: LUMEN.ig,
    conversationId: s.conversationId,
    text: 'Same text',
    uploadIds: [],
    state: 'unknown',
    createdAt: s.clock.now(),
    attemptedAt: s.clock.now(),
    attempts: 1,
    messageIds: [],
    sentParts: [],
    error: null,
    notBefore: null,
    stage: 'text',
    baseline: [],
    ...over,
  };
}

beforeEach(async () => {
  await admin('POST', 'reset');
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
});

const count = (stored: Array<{ text: string }>, text: string) => stored.filter((m) => m.text === text).length;

describe('Outbox: what each answer to a send leads to', () => {
  type Row = [name: string, act: Act, state: OutboxItem['state'], storedByMeta: boolean];
  const rows: Row[] = [
    [
      'the client timed out after Meta stored it',
      storedThen(() => Promise.reject(new DOMException('timed out', 'TimeoutError')) as never),
      'unknown',
      true,
    ],
    ['the connection dropped after Meta stored it', storedThenLost, 'unknown', true],
    ['a cut-off 200', storedThen((body) => new Response(body.slice(0, body.length / 2), { status: 200 })), 'unknown', true],
    ['a 200 that is not JSON', storedThen(() => new Response('<html>', { status: 200 })), 'unknown', true],
    ['a 200 without a message id', storedThen(() => new Response('{}', { status: 200 })), 'unknown', true],
    ['a 500 (code 2) after processing', storedThen(() => graphError(500, 2)), 'unknown', true],
    ['a 502 without a body after processing', storedThen(() => new Response('', { status: 502 })), 'unknown', true],
    ['code 1 / 1357046 after processing', storedThen(() => graphError(500, 1, 1357046)), 'unknown', true],
    ['code 1 after processing', storedThen(() => graphError(500, 1)), 'unknown', true],
    ['a 500 before processing', refused(500, 2), 'unknown', false],
    ['an error code DM Desk does not know', refused(400, 12345), 'unknown', false],
    ['reply window closed (10/2534022)', refused(400, 10, 2534022), 'failed', false],
    ['recipient unavailable (551)', refused(400, 551), 'failed', false],
    ['invalid request (100)', refused(400, 100), 'failed', false],
    ['permission missing (10)', refused(403, 10), 'failed', false],
    ['messaging switched off (200/2534041)', refused(403, 200, 2534041), 'failed', false],
    ['rate limited (613)', refused(400, 613), 'queued', false],
    ['rate limited (80002)', refused(400, 80002), 'queued', false],
  ];

  it.each(rows)('%s → %s, and the reply is at Meta exactly once in the end', async (_name, act, state, storedByMeta) => {
    const s = await setup();
    const outbox = s.outbox();
    const text = `Reply ${Math.random()}`;
    s.rules.push({ match: isSend, act, times: 1 });
    const { id } = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text });
    await outbox.idle(); // the first attempt only
    const after = await getOutboxItem(id);
    expect(after?.state).toBe(state);
    expect(count(await s.stored(), text)).toBe(storedByMeta ? 1 : 0);

    if (state === 'failed') {
      // Meta said no: nothing to check, nothing sent behind the person's back.
      expect(after?.error?.message).toBeTruthy();
      await outbox.process();
      expect(await s.sendsReached()).toBe(0);
      return;
    }
    if (state === 'queued') {
      expect(after?.notBefore).toBeGreaterThan(s.clock.now());
      expect(after?.error).toBeNull();
      await outbox.process();
      expect(await s.sendsReached()).toBe(0); // not before Meta allows it
      await s.clock.advance(after!.notBefore! - s.clock.now() + 1);
      await outbox.process();
    } else {
      // Unknown: the next run checks the thread; nothing is sent until the thread proves it absent.
      await outbox.process();
      if (!storedByMeta) {
        // Not there: still unknown until the grace period is over, then the person may Retry.
        expect((await getOutboxItem(id))?.state).toBe('unknown');
        await s.clock.advance(UNKNOWN_GRACE_MS);
        await outbox.process();
        expect((await getOutboxItem(id))?.state).toBe('failed');
        expect(await s.sendsReached()).toBe(0);
        await outbox.retry(id);
        await outbox.process();
      }
    }
    expect(await getOutboxItem(id)).toBeUndefined();
    expect(count(await s.stored(), text)).toBe(1);
    const own = (await s.stored()).find((m) => m.text === text)!;
    expect((await getMessages([own.id]))[0]?.sentVia).toBe('dmdesk');
  });

  it('an expired login (190) that cannot be renewed fails the reply with nothing sent', async () => {
    const s = await setup();
    const outbox = s.outbox();
    s.rules.push({ match: isSend, act: refused(400, 190), times: 5 });
    const { id } = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text: 'needs a login' });
    await outbox.process();
    expect((await getOutboxItem(id))?.state).toBe('failed');
    expect(await s.sendsReached()).toBe(0);
  });
});

describe('Outbox: reconciling an unknown outcome', () => {
  it.each<[string, Act]>([
    ['a 500', refused(500, 2)],
    ['an expired login (190)', refused(400, 190)],
    ['a long rate limit', refused(400, 80002)],
    ['a network failure', async () => Promise.reject(new TypeError('offline'))],
  ])('a check that fails with %s leaves the reply unknown, and a later check finds it', async (name, readFault) => {
    const s = await setup();
    const outbox = s.outbox();
    const text = 'checked later';
    s.rules.push({ match: isSend, act: storedThenLost, times: 1 });
    const { id } = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text });
    await outbox.idle();
    const read = {
      match: (url: URL, method: string) => method === 'GET' && url.pathname.endsWith(`/${s.conversationId}`),
      act: readFault,
      times: 1,
    };
    s.rules.push(read);
    await outbox.process();
    expect(read.times).toBe(0);
    let item = await getOutboxItem(id);
    expect(item?.state).toBe('unknown');
    expect(item?.notBefore).toBeGreaterThan(s.clock.now());
    // Even past the grace period, a failed check is no proof: still unknown, still not resent.
    await s.clock.advance(UNKNOWN_GRACE_MS);
    read.times = 1;
    await outbox.process();
    item = await getOutboxItem(id);
    expect(item?.state).toBe('unknown');
    await expect(outbox.retry(id)).rejects.toThrow(/still checking/);
    await expect(outbox.discard(id, { keepImages: true })).rejects.toThrow(/still checking/);
    expect(await s.sendsReached()).toBe(1);
    // A login that cannot be renewed needs the person to reconnect; until then it stays unknown.
    if (name.includes('190')) return;

    await s.clock.advance(120_000);
    await outbox.process();
    expect(await getOutboxItem(id)).toBeUndefined();
    expect(count(await s.stored(), text)).toBe(1);
    expect(await s.sendsReached()).toBe(1);
  });

  it('a send Meta holds for 25 s and then stores (the client gave up at 15 s) ends as one message', async () => {
    const s = await setup();
    const outbox = s.outbox();
    const text = 'held by a slow Meta';
    let release: () => Promise<void> = async () => undefined;
    s.rules.push({
      match: isSend,
      act: async (forward) => {
        release = async () => void (await (await forward()).text());
        await s.clock.advance(15_000);
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      },
      times: 1,
    });
    const { id } = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text });
    await outbox.idle(); // t = 15 s: unknown
    expect((await getOutboxItem(id))?.state).toBe('unknown');
    await outbox.process(); // checked at once: not there yet
    await s.clock.advance(RECHECK);
    await outbox.process(); // t = 25 s: still not there
    expect((await getOutboxItem(id))?.state).toBe('unknown');
    expect(count(await s.stored(), text)).toBe(0);
    await release(); // Meta stores it now
    await s.clock.advance(RECHECK);
    await outbox.process();
    expect(await getOutboxItem(id)).toBeUndefined();
    expect(count(await s.stored(), text)).toBe(1);
    await s.clock.advance(UNKNOWN_GRACE_MS);
    await outbox.process();
    expect(count(await s.stored(), text)).toBe(1);
  });

  it('a send that never reached Meta is offered for Retry only once the grace period proves it absent', async () => {
    const s = await setup();
    const outbox = s.outbox();
    const text = 'lost on the way';
    const lost: Rule = { match: isSend, act: refused(500, 2), times: 1 };
    s.rules.push(lost);
    const { id } = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text });
    await outbox.idle();
    expect((await getOutboxItem(id))?.state).toBe('unknown');
    await outbox.process(); // checked at once: not there
    await s.clock.advance(UNKNOWN_GRACE_MS - 5_000);
    await outbox.process();
    expect((await getOutboxItem(id))?.state).toBe('unknown'); // within the grace period: no verdict, no resend
    await expect(outbox.retry(id)).rejects.toThrow(/still checking/);
    await s.clock.advance(5_000);
    await outbox.process(); // proven absent
    const item = await getOutboxItem(id);
    expect(item?.state).toBe('failed');
    expect(item?.error?.message).toMatch(/not in the conversation/);
    expect(count(await s.stored(), text)).toBe(0);
    await outbox.process();
    expect(lost.times).toBe(0);
    expect(count(await s.stored(), text)).toBe(0); // nothing is resent on its own
    await outbox.retry(id);
    await outbox.process();
    expect(await getOutboxItem(id)).toBeUndefined();
    expect(count(await s.stored(), text)).toBe(1);
  });

  it('an identical own message from before the attempt is never taken for the reply', async () => {
    const s = await setup();
    const outbox = s.outbox();
    const customer = (await listConversations(LUMEN.ig)).find((c) => c.id === s.conversationId)!.participant.id;
    // Sent from the Instagram app a moment before: same text, same second, not DM Desk's.
    const { message_id: earlier } = (await admin('POST', 'inbound', {
      account: 'lumencoffee',
      from: customer,
      text: 'Thanks!',
      echo: true,
    })) as { message_id: string };
    await putOutboxItem(unknownItem(s, { id: 'late', text: 'Thanks!', baseline: [earlier] }));
    await outbox.process();
    expect((await getOutboxItem('late'))?.state).toBe('unknown');
    await s.clock.advance(UNKNOWN_GRACE_MS);
    await outbox.process();
    // Proven absent (the earlier message is the baseline, nothing newer matches): never claimed.
    expect((await getOutboxItem('late'))?.state).toBe('failed');
  });

  it('a reply of ours stored by a sync is matched at once, not at the next check', async () => {
    const s = await setup();
    const outbox = s.outbox();
    const customer = (await listConversations(LUMEN.ig)).find((c) => c.id === s.conversationId)!.participant.id;
    // Checked a moment ago without finding it; the next check is a while away.
    await putOutboxItem(unknownItem(s, { id: 'held', text: 'Held reply', notBefore: s.clock.now() + 60_000 }));
    // Meta stores it late (the send was held past the timeout).
    await admin('POST', 'inbound', { account: 'lumencoffee', from: customer, text: 'Held reply', echo: true });
    await outbox.process();
    expect((await getOutboxItem('held'))?.state).toBe('unknown');
    await outbox.checkUnknownIn(new Set(['another-conversation']));
    expect((await getOutboxItem('held'))?.state).toBe('unknown');
    await outbox.checkUnknownIn(new Set([s.conversationId]));
    expect(await getOutboxItem('held')).toBeUndefined();
    expect(await s.sendsReached()).toBe(0);
  });

  it('when more than a page of messages arrived since the attempt, it does not guess: the person looks first', async () => {
    const s = await setup();
    const outbox = s.outbox();
    const customer = (await listConversations(LUMEN.ig)).find((c) => c.id === s.conversationId)!.participant.id;
    for (let i = 0; i < 21; i += 1) await admin('POST', 'inbound', { account: 'lumencoffee', from: customer, text: `busy ${i}` });
    await putOutboxItem(unknownItem(s, { id: 'buried', text: 'Buried reply', baseline: ['an-id-long-gone'] }));
    await s.clock.advance(UNKNOWN_GRACE_MS);
    await outbox.process();
    const item = await getOutboxItem('buried');
    expect(item?.state).toBe('failed');
    expect(item?.error?.message).toMatch(/Check the conversation before you retry/);
    expect(await s.sendsReached()).toBe(0);
  });

  it('two identical replies whose answers are both lost each claim their own message', async () => {
    const s = await setup();
    const outbox = s.outbox();
    s.rules.push({ match: isSend, act: storedThenLost, times: 2 });
    const a = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text: 'On my way' });
    await s.clock.advance(1);
    const b = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text: 'On my way' });
    for (let i = 0; i < 4; i += 1) await outbox.process();
    expect(await s.items()).toEqual([]);
    const atMeta = (await s.stored()).filter((m) => m.text === 'On my way');
    expect(atMeta).toHaveLength(2);
    const cached = await getMessages(atMeta.map((m) => m.id));
    expect(cached.map((m) => m.sentVia)).toEqual(['dmdesk', 'dmdesk']);
    expect(a.id).not.toBe(b.id);
  });

  it('two unknown identical replies checked together never claim the same message', async () => {
    const s = await setup();
    const outbox = s.outbox();
    const baseline = (await s.stored()).slice(-5).map((m) => m.id);
    const customer = (await listConversations(LUMEN.ig)).find((c) => c.id === s.conversationId)!.participant.id;
    // Only one of the two reached Meta.
    await admin('POST', 'inbound', { account: 'lumencoffee', from: customer, text: 'Same text', echo: true });
    const unknown = (id: string, createdAt: number): OutboxItem => ({
      id,
      accountId: LUMEN.ig,
      conversationId: s.conversationId,
      text: 'Same text',
      uploadIds: [],
      state: 'unknown',
      createdAt,
      attemptedAt: s.clock.now(),
      attempts: 1,
      messageIds: [],
      sentParts: [],
      error: null,
      notBefore: null,
      stage: 'text',
      baseline,
    });
    await putOutboxItem(unknown('first', 1));
    await putOutboxItem(unknown('second', 2));
    await outbox.process();
    const first = await getOutboxItem('first');
    const second = await getOutboxItem('second');
    expect(first).toBeUndefined(); // the earlier reply claimed the one message
    expect(second?.state).toBe('unknown'); // the other is not there (yet): it does not take the same one
    expect(await s.sendsReached()).toBe(0);
  });
});

describe('Outbox: the person acting while the outbox works', () => {
  it('Delete or Retry during a check is refused, and a deleted reply never comes back', async () => {
    const s = await setup();
    const outbox = s.outbox();
    s.rules.push({ match: isSend, act: storedThenLost, times: 1 });
    const { id } = await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text: 'mid-check' });
    await outbox.idle();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reading: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (reading = resolve));
    s.rules.push({
      match: (url, method) => method === 'GET' && url.pathname.endsWith(`/${s.conversationId}`),
      act: async () => {
        reading();
        await gate;
        return Promise.reject(new TypeError('offline'));
      },
      times: 1,
    });
    const run = outbox.process();
    await started;
    await expect(outbox.discard(id)).rejects.toThrow(/still checking/);
    await expect(outbox.retry(id)).rejects.toThrow(/still checking/);
    release();
    await run;
    expect((await getOutboxItem(id))?.state).toBe('unknown');
    // Between checks, Delete is allowed (it sends nothing) and nothing brings the reply back.
    await outbox.discard(id);
    await s.clock.advance(UNKNOWN_GRACE_MS);
    await outbox.process();
    expect(await getOutboxItem(id)).toBeUndefined();
    expect(count(await s.stored(), 'mid-check')).toBe(1);
  });
});

describe('Outbox: the account disconnected while a send is under way', () => {
  it.each([
    ['Meta answers', (forward: () => Promise<Response>) => forward()],
    ['the answer is lost', storedThenLost],
  ] as Array<[string, Act]>)('when %s after the delete, nothing of the reply is written back', async (_name, answer) => {
    const s = await setup();
    const outbox = s.outbox();
    s.rules.push({
      match: isSend,
      act: async (forward) => {
        await deleteAccountData(LUMEN.ig);
        return answer(forward);
      },
      times: 1,
    });
    await outbox.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text: 'sent as the account goes' });
    await outbox.process();
    await outbox.process();
    expect(await s.items()).toEqual([]);
    const db = await getDB();
    expect(await db.getAll('messages')).toEqual([]);
    expect(await db.getAll('conversations')).toEqual([]);
  });
});

describe('Outbox: a worker stopped at any step', () => {
  const steps: Array<[OutboxStep, number]> = [
    ['attempt-stored', 1],
    ['uploaded', 1],
    ['answered', 1],
    ['acknowledged', 1],
    ['recorded', 1],
    ['answered', 2],
    ['acknowledged', 2],
    ['recorded', 2],
    ['uploads-deleted', 1],
  ];

  it.each(steps)('stopped at %s (#%i): the next worker delivers images and text exactly once', async (step, nth) => {
    const s = await setup();
    const text = `Photo attached ${step} ${nth}`;
    await putUpload({
      id: 'up1',
      accountId: LUMEN.ig,
      conversationId: s.conversationId,
      name: 'latte.png',
      type: 'image/png',
      size: 100,
      blob: new Blob([new Uint8Array(png(4, 4, [200, 10, 10]))], { type: 'image/png' }),
      addedAt: 0,
    });
    let seen = 0;
    let reached: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (reached = resolve));
    const first = s.outbox({
      checkpoint: (at) => {
        if (at !== step || ++seen !== nth) return;
        reached();
        return new Promise<void>(() => undefined); // the worker never runs again
      },
    });
    await first.enqueue({ accountId: LUMEN.ig, conversationId: s.conversationId, text, uploadIds: ['up1'] });
    await stopped;

    const second = s.outbox();
    for (let i = 0; i < 3; i += 1) {
      await second.process();
      // Stopped after the send was recorded as under way: only the thread can tell, and once it
      // proves the reply absent the person retries.
      const left = (await s.items())[0];
      if (left?.state === 'failed') await second.retry(left.id);
      await s.clock.advance(UNKNOWN_GRACE_MS);
    }
    await second.process();
    expect(await s.items()).toEqual([]);
    const stored = await s.stored();
    expect(count(stored, text)).toBe(1);
    const images = stored.filter((m) => m.from.id === LUMEN.ig && (m.attachments?.length ?? 0) > 0);
    expect(images).toHaveLength(1);
    expect((await getDB().then((db) => db.getAll('uploads'))).length).toBe(0);
    const cached = await getMessages([images[0]!.id, stored.find((m) => m.text === text)!.id]);
    expect(cached.map((m) => m.sentVia)).toEqual(['dmdesk', 'dmdesk']);
  });
});

describe('Outbox: rate limits', () => {
  it('a rate-limited upload waits for Meta and is sent after, also by a new worker', async () => {
    const s = await setup();
    await putUpload({
      id: 'up1',
      accountId: LUMEN.ig,
      conversationId: s.conversationId,
      name: 'latte.png',
      type: 'image/png',
      size: 100,
      blob: new Blob([new Uint8Array(png(4, 4, [200, 10, 10]))], { type: 'image/png' }),
      addedAt: 0,
    });
    s.rules.push({ match: isUpload, act: refused(400, 613), times: 1 });
    const outbox = s.outbox();
    const { id } = await outbox.enqueue({
      accountId: LUMEN.ig,
      conversationId: s.conversationId,
      text: 'after the limit',
      uploadIds: ['up1'],
    });
    await outbox.idle();
    const item = await getOutboxItem(id);
    expect(item?.state).toBe('queued');
    expect(item?.notBefore).toBeGreaterThan(s.clock.now());
    const fresh = s.outbox();
    await fresh.process();
    expect(await s.sendsReached()).toBe(0);
    await s.clock.advance(item!.notBefore! - s.clock.now() + 1);
    await fresh.process();
    expect(await getOutboxItem(id)).toBeUndefined();
    expect(count(await s.stored(), 'after the limit')).toBe(1);
  });
});
