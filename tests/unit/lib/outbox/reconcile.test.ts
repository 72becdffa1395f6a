/**
 * Reconciling a send whose outcome is unknown, on its own: the thread read is handed in directly
 * (no Graph API), the outbox and cache are fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuthService } from '@/lib/auth/service';
import { getMessages, getOutboxItem, putAccount, putOutboxItem, resetDBHandle } from '@/lib/db';
import { withCacheWrite } from '@/lib/db/cache-writes';
import type { OutboxItem } from '@/lib/db/schema';
import { GraphError } from '@/lib/graph/errors';
import type { GraphClient } from '@/lib/graph/client';
import type { GraphMessage } from '@/lib/graph/types';
import { OutboxContext } from '@/lib/outbox/context';
import { matchesPart, newerThan, reconcile } from '@/lib/outbox/reconcile';
import { account, conversation, graphMessage, outboxItem } from '../../support/factories';

const T0 = Date.UTC(2026, 0, 10, 12);
const GRACE = 90_000;
const RECHECK = 15_000;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
  await putAccount(account());
  await withCacheWrite((cache) => cache.putConversation(conversation({ lastInboundTime: T0 - 60_000 })));
});

const unknownItem = (over: Partial<OutboxItem> = {}): OutboxItem =>
  outboxItem({
    text: 'On its way',
    state: 'unknown',
    createdAt: T0,
    attemptedAt: T0,
    attempts: 1,
    notBefore: T0,
    stage: 'text',
    baseline: ['old1'],
    ...over,
  });

/** Own message (from the account), newest first as Meta serves them. */
const own = (id: string, text: string, at: number): GraphMessage =>
  graphMessage({ id, text, createdTime: at, from: { id: 'ig1', username: 'lumencoffee' }, to: [{ id: 'u1', username: 'maria' }] });

interface Setup {
  ctx: OutboxContext;
  clock: { now: number };
  requeued: number;
}

/** A context whose thread read answers `read` (or throws it when it is an error). */
function setup(read: GraphMessage[] | Error): Setup {
  const clock = { now: T0 + 20_000 };
  const auth = {
    withPageToken: async () => {
      if (read instanceof Error) throw read;
      return read;
    },
  } as unknown as AuthService;
  const state: Setup = { ctx: undefined as unknown as OutboxContext, clock, requeued: 0 };
  state.ctx = new OutboxContext(
    {
      client: {} as GraphClient,
      auth,
      humanAgent: async () => false,
      notify: () => undefined,
      now: () => clock.now,
      unknownGraceMs: GRACE,
      recheckMs: RECHECK,
    },
    () => {
      state.requeued += 1;
    },
  );
  return state;
}

async function stored(item: OutboxItem): Promise<OutboxItem> {
  await putOutboxItem(item);
  return item;
}

describe('newerThan', () => {
  it('takes what lies above the newest baseline id, and a read that reaches the baseline is complete', () => {
    const read = [own('n2', 'b', 30), own('n1', 'a', 20), own('old1', 'x', 10)];
    const { candidates, complete } = newerThan(read, ['old1']);
    expect(candidates.map((m) => m.id)).toEqual(['n2', 'n1']);
    expect(complete).toBe(true);
  });

  it('turns a read served oldest first round', () => {
    const read = [own('old1', 'x', 10), own('n1', 'a', 20), own('n2', 'b', 30)];
    expect(newerThan(read, ['old1']).candidates.map((m) => m.id)).toEqual(['n2', 'n1']);
  });

  it('a full page without the baseline cannot prove anything absent; a short one is the whole thread', () => {
    const full = Array.from({ length: 20 }, (_, i) => own(`n${i}`, 't', 100 - i));
    expect(newerThan(full, ['old1']).complete).toBe(false);
    expect(newerThan(full.slice(0, 3), ['old1']).complete).toBe(true);
  });
});

describe('matchesPart', () => {
  const item = unknownItem({ text: 'Line one\nline two' });
  it('matches text with other line ends and outer spaces, never text with an attachment', () => {
    expect(matchesPart(own('a', ' Line one\r\nline two ', 1), item, 'text')).toBe(true);
    expect(matchesPart(own('a', 'Line one line two', 1), item, 'text')).toBe(false);
    const withImage = {
      ...own('a', 'Line one\nline two', 1),
      attachments: [{ type: 'image' as const, url: 'https://x/y.jpg', previewUrl: null, width: null, height: null }],
    };
    expect(matchesPart(withImage, item, 'text')).toBe(false);
    expect(matchesPart({ ...withImage, text: '' }, item, 'images')).toBe(true);
  });
});

describe('reconcile', () => {
  it('finds the reply in the thread: the item goes and the message is cached as sent from DM Desk', async () => {
    const s = setup([own('meta-9', 'On its way', T0 + 1000), own('old1', 'earlier', T0 - 5000)]);
    const after = await reconcile(s.ctx, await stored(unknownItem()));
    expect(after).toBeNull();
    expect(await getOutboxItem('o1')).toBeUndefined();
    const [cached] = await getMessages(['meta-9']);
    expect(cached?.sentVia).toBe('dmdesk');
  });

  it('a message another outbox item already claimed is not taken, even with the same text', async () => {
    await putOutboxItem(unknownItem({ id: 'o0', state: 'sent', messageIds: ['meta-9'], sentParts: ['text'], createdAt: T0 - 1 }));
    const s = setup([own('meta-9', 'On its way', T0 + 1000), own('old1', 'earlier', T0 - 5000)]);
    const after = await reconcile(s.ctx, await stored(unknownItem()));
    expect(after?.state).toBe('unknown');
    expect(after?.messageIds).toEqual([]);
  });

  it('not in the thread yet: it stays unknown and is checked again within the grace period', async () => {
    const s = setup([own('old1', 'earlier', T0 - 5000)]);
    const after = await reconcile(s.ctx, await stored(unknownItem()));
    expect(after?.state).toBe('unknown');
    expect(after?.notBefore).toBe(s.clock.now + RECHECK);
    s.clock.now = T0 + GRACE - 1000;
    expect((await reconcile(s.ctx, after!))?.notBefore).toBe(T0 + GRACE);
  });

  it('proven absent after the grace period: failed, for the person to Retry', async () => {
    const s = setup([own('old1', 'earlier', T0 - 5000)]);
    s.clock.now = T0 + GRACE;
    const after = await reconcile(s.ctx, await stored(unknownItem()));
    expect(after?.state).toBe('failed');
    expect(after?.error?.message).toMatch(/not in the conversation/);
  });

  it('too many messages since the attempt to tell: failed with a reason to look first', async () => {
    const s = setup(Array.from({ length: 20 }, (_, i) => graphMessage({ id: `in${i}`, createdTime: T0 + 1000 - i })));
    s.clock.now = T0 + GRACE;
    const after = await reconcile(s.ctx, await stored(unknownItem()));
    expect(after?.state).toBe('failed');
    expect(after?.error?.message).toMatch(/many messages arrived/);
  });

  it('a thread that cannot be read proves nothing: unknown, checked again later (as late as Meta asks)', async () => {
    const s = setup(new GraphError({ kind: 'network', message: 'offline' }));
    const after = await reconcile(s.ctx, await stored(unknownItem()));
    expect(after?.state).toBe('unknown');
    expect(after?.error?.kind).toBe('check-failed');
    expect(after?.notBefore).toBe(s.clock.now + RECHECK);

    const limited = setup(new GraphError({ kind: 'rate-limit', message: 'slow down', retryAfterMs: 120_000 }));
    const later = await reconcile(limited.ctx, after!);
    expect(later?.notBefore).toBe(limited.clock.now + 120_000);
  });

  it('stopped while uploading, nothing can have been sent: queued again at once', async () => {
    const s = setup(new Error('the thread must not be read'));
    const after = await reconcile(s.ctx, await stored(unknownItem({ stage: 'upload', uploadIds: ['u1'] })));
    expect(after?.state).toBe('queued');
    expect(s.requeued).toBe(1);
  });
});
