/**
 * Contacts' names for the list: read in Graph batches within the rate budget, cached for a day
 * (withheld ones too), written on the rows, and announced.
 */
import { describe, expect, it } from 'vitest';
import type { AuthService } from '@/lib/auth/service';
import { MAX_ATTEMPTS, MAX_SYNC_WAITING, NameResolver } from '@/lib/contacts/names';
import { PROFILE_REFRESH_MS } from '@/lib/contacts/profile';
import { getConversation, getDB, getProfile, putAccount, updateSyncState } from '@/lib/db';
import { GraphClient } from '@/lib/graph/client';
import { RateBudget, memoryBlockStore, type Clock } from '@/lib/graph/rate-budget';
import { account, conversation } from '../../support/factories';

type Answer = { code: number; body: unknown; headers?: Array<{ name: string; value: string }> };

const profileOf = (igsid: string): Answer => ({ code: 200, body: { id: igsid, name: `Name ${igsid}`, username: `user.${igsid}` } });
const graphError = (code: number): Answer => ({ code: 400, body: { error: { code, message: 'refused', type: 'OAuthException' } } });

function harness(
  opts: {
    perSecond?: number;
    share?: { perSecond: number; burst: number };
    answer?: (igsid: string) => Answer;
    nextSyncAt?: () => number | null;
  } = {},
) {
  const clock: Clock & { t: number } = {
    t: 1_000_000,
    now: () => clock.t,
    // Time moves on at once; a real turn of the event loop lets the test act in between.
    sleep: async (ms) => {
      clock.t += ms;
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  const budget = new RateBudget(opts.perSecond ?? 100, clock, { store: memoryBlockStore() });
  const batches: string[][] = [];
  /** The clock when each batch was sent. */
  const sentAt: number[] = [];
  const client = new GraphClient({
    baseUrl: async () => 'http://graph.test/v24.0',
    clock,
    budget,
    fetch: async (_input, init) => {
      const body = JSON.parse(String(init?.body)) as { batch: Array<{ relative_url: string }> };
      const ids = body.batch.map((p) => decodeURIComponent(p.relative_url.split('?')[0] ?? ''));
      batches.push(ids);
      sentAt.push(clock.t);
      const parts = ids.map((id) => {
        const a = (opts.answer ?? profileOf)(id);
        return { code: a.code, headers: a.headers ?? [], body: JSON.stringify(a.body) };
      });
      return new Response(JSON.stringify(parts), { status: 200 });
    },
  });
  const announced: string[] = [];
  const auth = { pageTokenFor: async () => ({ pageId: 'p1', token: 'page-token' }) } as unknown as AuthService;
  const resolver = new NameResolver({
    client,
    auth,
    onNamesChanged: async (_accountId, rows) => {
      announced.push(...rows.map((r) => r.id));
    },
    ...(opts.share ? { share: opts.share } : {}),
    ...(opts.nextSyncAt ? { nextSyncAt: opts.nextSyncAt } : {}),
    now: () => clock.t,
    sleep: (ms) => clock.sleep(ms),
  });
  return { clock, budget, batches, sentAt, announced, resolver, client };
}

/** A resolver on the harness's client whose whole pause between rounds never ends by itself (a shorter wait does). */
function withEndlessPause(h: ReturnType<typeof harness>): NameResolver {
  return new NameResolver({
    client: h.client,
    auth: { pageTokenFor: async () => ({ pageId: 'p1', token: 'page-token' }) } as unknown as AuthService,
    onNamesChanged: async () => undefined,
    now: () => h.clock.t,
    sleep: (ms) => (ms >= 1000 ? new Promise(() => undefined) : h.clock.sleep(ms)),
  });
}

/** `n` conversations c0…, with contacts u0… (no name read yet). */
async function seed(n: number): Promise<string[]> {
  await putAccount(account());
  const db = await getDB();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    await db.put(
      'conversations',
      conversation({ id: `c${i}`, participant: { id: `u${i}`, username: `user.u${i}` }, updatedTime: 1000 + i }),
    );
    ids.push(`c${i}`);
  }
  return ids;
}

describe('NameResolver', () => {
  it('reads names in batches of at most 50, writes them on the rows and announces them', async () => {
    const ids = await seed(55);
    const h = harness({ share: { perSecond: 100, burst: 100 } });
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches.map((b) => b.length)).toEqual([50, 5]);
    expect((await getConversation('c7'))?.participant).toEqual({ id: 'u7', username: 'user.u7', name: 'Name u7' });
    expect(h.announced.sort()).toEqual([...ids].sort());
    expect(await getProfile('u7')).toMatchObject({ name: 'Name u7', status: 'ok', accountId: 'ig1' });
  });

  it('spends at most half of an account’s reads (2 calls/s), only slots free now', async () => {
    const ids = await seed(7);
    const h = harness({ perSecond: 2 });
    const start = h.clock.t;
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches.flat().sort()).toEqual(ids.map((id) => id.replace('c', 'u')).sort());
    expect(Math.max(...h.batches.map((b) => b.length))).toBeLessThanOrEqual(2);
    // 7 reads at 1/s (2 at once at the start) take at least 5 s.
    expect(h.clock.t - start).toBeGreaterThanOrEqual(5000);
  });

  it('leaves the slots a sync or the contact panel is waiting for', async () => {
    const ids = await seed(4);
    const h = harness({ perSecond: 2, share: { perSecond: 100, burst: 100 } });
    // Someone else spent the account's slots: names do not wait in line for the next one.
    await h.budget.take('ig1', 0);
    await h.budget.take('ig1', 0);
    const start = h.clock.t;
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches[0]?.length ?? 0).toBeLessThanOrEqual(2);
    expect(h.clock.t - start).toBeGreaterThanOrEqual(1000);
  });

  it('leaves the account alone while it syncs', async () => {
    const ids = await seed(2);
    const h = harness();
    await updateSyncState('ig1', { running: true });
    await h.resolver.want('ig1', ids, 'view');
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(h.batches).toEqual([]);
    await updateSyncState('ig1', { running: false });
    await h.resolver.settled();
    expect(h.batches.flat()).toHaveLength(2);
  });

  it('asks for the names that waited on a sync as soon as it ends, not after the pause', async () => {
    const ids = await seed(1);
    const h = harness();
    const resolver = withEndlessPause(h);
    await updateSyncState('ig1', { running: true });
    await resolver.want('ig1', ids, 'view');
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(h.batches).toEqual([]);
    await updateSyncState('ig1', { running: false });
    resolver.resume();
    await resolver.settled();
    expect(h.batches.flat()).toEqual(['u0']);
  });

  it('a new customer’s notification gets the name as soon as a read slot frees, beyond the names’ share', async () => {
    const ids = await seed(4);
    const h = harness({ perSecond: 2 });
    const resolver = withEndlessPause(h);
    // Rows in view spent the names' share and both of the account's slots.
    await resolver.want('ig1', ids.slice(0, 2), 'view');
    await resolver.settled();
    const start = h.clock.t;
    // A sync found two new customers; it ends, and their notification waits for the names.
    await updateSyncState('ig1', { running: true });
    await resolver.want('ig1', ids.slice(2), 'notify');
    await updateSyncState('ig1', { running: false });
    resolver.resume();
    await Promise.race([resolver.settled(), new Promise((resolve) => setTimeout(resolve, 300))]);
    expect(h.batches).toEqual([['u0', 'u1'], ['u2'], ['u3']]);
    // The account reads 2 calls/s: a slot every 500 ms (the names' share alone would wait 1 s each).
    expect(h.sentAt.map((t) => t - start)).toEqual([0, 500, 1000]);
  });

  it('leaves the reads alone in the second before a sync is due; a notification’s name does not wait', async () => {
    const ids = await seed(3);
    let start = 0;
    // A sync due 600 ms from the start, the next one 10 s after it.
    const h = harness({
      share: { perSecond: 100, burst: 100 },
      nextSyncAt: () => (h.clock.t < start + 600 ? start + 600 : start + 10_600),
    });
    start = h.clock.t;
    await h.resolver.want('ig1', ids.slice(0, 2), 'view');
    await h.resolver.want('ig1', ids.slice(2), 'notify');
    await h.resolver.settled();
    expect(h.batches).toEqual([['u2'], ['u0', 'u1']]);
    expect(h.sentAt.map((t) => t - start)).toEqual([0, 1000]);
  });

  it('rows in view go before the names a sync asked for', async () => {
    const ids = await seed(4);
    const h = harness({ perSecond: 1 });
    // Both wait while the account syncs, so the round after it chooses between them.
    await updateSyncState('ig1', { running: true });
    await h.resolver.want('ig1', ids.slice(0, 2), 'sync');
    await h.resolver.want('ig1', ids.slice(2), 'view');
    await updateSyncState('ig1', { running: false });
    await h.resolver.settled();
    expect(h.batches.flat().slice(0, 2).sort()).toEqual(['u2', 'u3']);
  });

  it('uses a cached profile for a day without asking Meta, then asks again', async () => {
    const ids = await seed(1);
    const h = harness();
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    // The row lost its name (an old release): the cache puts it back without a call.
    await (await getDB()).put('conversations', conversation({ id: 'c0', participant: { id: 'u0', username: 'user.u0' } }));
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches).toHaveLength(1);
    expect((await getConversation('c0'))?.participant.name).toBe('Name u0');
    h.clock.t += PROFILE_REFRESH_MS;
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches).toHaveLength(2);
  });

  it('a sync asks only for rows whose name was never read', async () => {
    await seed(2);
    const db = await getDB();
    await db.put('conversations', conversation({ id: 'c1', participant: { id: 'u1', username: 'user.u1', name: null } }));
    const h = harness();
    await h.resolver.want('ig1', ['c0', 'c1'], 'sync');
    await h.resolver.settled();
    expect(h.batches).toEqual([['u0']]);
  });

  it('a first sync of many conversations asks only for the newest names; the rest wait until seen', async () => {
    const ids = await seed(MAX_SYNC_WAITING + 20);
    const h = harness({ share: { perSecond: 1000, burst: 1000 }, perSecond: 1000 });
    await h.resolver.want('ig1', ids, 'sync');
    await h.resolver.settled();
    expect(h.batches.flat()).toHaveLength(MAX_SYNC_WAITING);
    expect(h.batches.flat()).toContain('u0');
    await h.resolver.want('ig1', ids.slice(-3), 'view');
    await h.resolver.settled();
    expect(h.batches.flat()).toHaveLength(MAX_SYNC_WAITING + 3);
  });

  it('caches consent (230) and no match (9010) as withheld: the row keeps the username, no call for a day', async () => {
    const ids = await seed(3);
    const h = harness({ answer: (id) => (id === 'u0' ? graphError(230) : id === 'u1' ? graphError(9010) : profileOf(id)) });
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(await getProfile('u0')).toMatchObject({ status: 'consent-required', name: null, username: 'user.u0' });
    expect(await getProfile('u1')).toMatchObject({ status: 'unavailable', name: null });
    expect((await getConversation('c0'))?.participant).toEqual({ id: 'u0', username: 'user.u0', name: null });
    expect((await getConversation('c1'))?.participant.name).toBeNull();
    const calls = h.batches.flat().length;
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches.flat()).toHaveLength(calls);
  });

  it('a withheld answer keeps a name the row already had', async () => {
    await seed(1);
    await (
      await getDB()
    ).put('conversations', conversation({ id: 'c0', participant: { id: 'u0', username: 'user.u0', name: 'Known Name' } }));
    const h = harness({ answer: () => graphError(230) });
    await h.resolver.want('ig1', ['c0'], 'view');
    await h.resolver.settled();
    expect((await getConversation('c0'))?.participant.name).toBe('Known Name');
  });

  it('asks again after a failure Meta may not repeat, a few times at most', async () => {
    const ids = await seed(1);
    const h = harness({ answer: () => graphError(2) });
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches).toHaveLength(MAX_ATTEMPTS);
    expect(await getProfile('u0')).toBeUndefined();
    expect((await getConversation('c0'))?.participant.name).toBeUndefined();
  });

  it('a notification’s name waits for a block Meta set too, in whole pauses (no busy loop)', async () => {
    const ids = await seed(1);
    const h = harness();
    h.budget.block('ig1', h.clock.t + 5_000);
    const start = h.clock.t;
    let sleeps = 0;
    const resolver = new NameResolver({
      client: h.client,
      auth: { pageTokenFor: async () => ({ pageId: 'p1', token: 'page-token' }) } as unknown as AuthService,
      onNamesChanged: async () => undefined,
      now: () => h.clock.t,
      sleep: (ms) => {
        sleeps += 1;
        return h.clock.sleep(ms);
      },
    });
    await resolver.want('ig1', ids, 'notify');
    await resolver.settled();
    expect(h.sentAt.map((t) => t - start)).toEqual([5000]);
    expect(sleeps).toBeLessThanOrEqual(6);
  });

  it('stops asking when Meta rate-limits the account, and asks again once the wait is over', async () => {
    const ids = await seed(1);
    let limited = true;
    const h = harness({
      answer: (id) => {
        if (!limited) return profileOf(id);
        limited = false;
        return graphError(80002);
      },
    });
    const start = h.clock.t;
    await h.resolver.want('ig1', ids, 'view');
    await h.resolver.settled();
    expect(h.batches).toHaveLength(2);
    // The second call waited for the block Meta's answer set (a minute without its own estimate).
    expect(h.clock.t - start).toBeGreaterThanOrEqual(60_000);
    expect((await getConversation('c0'))?.participant.name).toBe('Name u0');
  });

  it('writes nothing for an account disconnected meanwhile, and skips rows of unknown contacts', async () => {
    await seed(1);
    await (await getDB()).put('conversations', conversation({ id: 'cx', participant: { id: 'unknown:cx', username: null } }));
    const h = harness();
    await h.resolver.want('ig1', ['cx'], 'view');
    await h.resolver.settled();
    expect(h.batches).toEqual([]);
    await (await getDB()).delete('accounts', 'ig1');
    await h.resolver.want('ig1', ['c0'], 'view');
    await h.resolver.settled();
    expect(h.batches).toEqual([]);
    expect(await getProfile('u0')).toBeUndefined();
  });
});
