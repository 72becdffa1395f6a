/**
 * Rate limits that outlive the worker: blocks persist until the time Meta gives, app- and
 * user-wide codes stop every account, batch parts and sends go through the same budget.
 */
import { describe, expect, it } from 'vitest';
import { batchGet, sendText } from '@/lib/graph/api';
import { GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import { RateBudget, memoryBlockStore, type Clock } from '@/lib/graph/rate-budget';

function fakeClock(start = 1_000_000): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

const rateLimited = (code: number, regainMinutes = 0) => ({
  status: 400,
  body: JSON.stringify({ error: { code, message: 'slow down' } }),
  headers: {
    'x-business-use-case-usage': JSON.stringify({
      p1: [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: regainMinutes }],
    }),
  },
});
const fine = { status: 200, body: '{"data":[]}', headers: {} as Record<string, string> };

type Answer = { status: number; body: string; headers: Record<string, string> };

/** A client (with its own fresh budget, as a new worker has) whose fetch answers from `script`. */
function client(clock: Clock, script: (url: string, n: number) => Answer, budget?: RateBudget) {
  const calls: string[] = [];
  const c = new GraphClient({
    baseUrl: async () => 'http://graph.test/v24.0',
    clock,
    budget: budget ?? new RateBudget(2, clock),
    fetch: async (input) => {
      const url = String(input);
      calls.push(url);
      const a = script(url, calls.length);
      return new Response(a.body, { status: a.status, headers: a.headers });
    },
  });
  return { client: c, calls };
}

const read = (c: GraphClient, key?: string) => c.request({ path: '/p1/conversations', token: 't', ...(key ? { budgetKey: key } : {}) });

describe('rate-limit blocks', () => {
  it('a block survives the worker: a new budget and client do not ask before Meta says', async () => {
    const clock = fakeClock();
    const first = client(clock, () => rateLimited(80002, 3));
    await expect(read(first.client, 'ig1')).rejects.toMatchObject({ kind: 'rate-limit', retryAfterMs: 180_000 });
    await first.client.budget.flush();

    // The worker stopped; a new one starts with a new client and budget.
    clock.t += 60_000;
    const second = client(clock, () => fine);
    const err = await read(second.client, 'ig1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).kind).toBe('rate-limit');
    expect((err as GraphError).retryAfterMs).toBe(120_000);
    expect(second.calls).toHaveLength(0);

    clock.t += 120_000;
    await expect(read(second.client, 'ig1')).resolves.toEqual({ data: [] });
    expect(second.calls).toHaveLength(1);
  });

  it('code 4 (the app) and 17 (the user) block every account; 80002 only the one', async () => {
    for (const code of [4, 17]) {
      const clock = fakeClock();
      const budget = new RateBudget(2, clock, { store: memoryBlockStore() });
      const c = client(clock, (_url, n) => (n === 1 ? rateLimited(code, 5) : fine), budget);
      await expect(read(c.client, 'ig1')).rejects.toMatchObject({ kind: 'rate-limit' });
      await expect(read(c.client, 'ig2')).rejects.toMatchObject({ kind: 'rate-limit' });
      await expect(read(c.client)).rejects.toMatchObject({ kind: 'rate-limit' });
      expect(c.calls).toHaveLength(1);
      clock.t += 5 * 60_000;
      await expect(read(c.client, 'ig2')).resolves.toBeDefined();
    }

    const clock = fakeClock();
    const budget = new RateBudget(2, clock, { store: memoryBlockStore() });
    const c = client(clock, (_url, n) => (n === 1 ? rateLimited(80002, 5) : fine), budget);
    await expect(read(c.client, 'ig1')).rejects.toMatchObject({ kind: 'rate-limit' });
    await expect(read(c.client, 'ig2')).resolves.toBeDefined();
    await expect(read(c.client, 'ig1')).rejects.toMatchObject({ kind: 'rate-limit' });
    expect(c.calls).toHaveLength(2);
  });

  it('X-App-Usage measures user- and app-token calls: it slows those, not the accounts', async () => {
    const clock = fakeClock();
    const budget = new RateBudget(2, clock, { store: memoryBlockStore() });
    const full = { status: 200, body: '{"data":[]}', headers: { 'x-app-usage': JSON.stringify({ call_count: 100 }) } };
    const c = client(clock, () => full, budget);
    await read(c.client, 'ig1');
    expect(budget.blockedUntil('ig1')).toBe(0);
    await read(c.client);
    expect(budget.blockedUntil(null)).toBe(clock.t + 10_000);
    expect(budget.blockedUntil('ig1')).toBe(0);
  });

  it('a batch part feeds its own account: its rate-limit error and its usage headers block it', async () => {
    const clock = fakeClock();
    const budget = new RateBudget(2, clock, { store: memoryBlockStore() });
    const part = (code: number, body: unknown, headers: Record<string, string>) => ({
      code,
      headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
      body: JSON.stringify(body),
    });
    const c = client(
      clock,
      () => ({
        status: 200,
        headers: {},
        body: JSON.stringify([
          part(400, { error: { code: 80002, message: 'slow down' } }, rateLimited(80002, 4).headers),
          part(
            200,
            { data: [] },
            { 'x-business-use-case-usage': JSON.stringify({ p3: [{ call_count: 100, estimated_time_to_regain_access: 2 }] }) },
          ),
          part(200, { data: [] }, {}),
        ]),
      }),
      budget,
    );
    const answers = await batchGet(c.client, 'outer', [
      { path: '/p1/conversations', token: 'a', params: {}, budgetKey: 'ig1' },
      { path: '/p3/conversations', token: 'b', params: {}, budgetKey: 'ig3' },
      { path: '/p4/conversations', token: 'c', params: {}, budgetKey: 'ig4' },
    ]);
    expect(answers[0]?.error).toMatchObject({ kind: 'rate-limit', code: 80002, retryAfterMs: 240_000 });
    expect(answers[1]?.error).toBeNull();
    expect(budget.blockedUntil('ig1')).toBe(clock.t + 240_000);
    expect(budget.blockedUntil('ig3')).toBe(clock.t + 120_000);
    expect(budget.blockedUntil('ig4')).toBe(0);
  });

  it('sends spend the account budget and wait for its blocks, queued rather than dropped', async () => {
    const clock = fakeClock();
    const budget = new RateBudget(2, clock, { store: memoryBlockStore(), sendPerSecond: 3 });
    const sent = { status: 200, headers: {}, body: JSON.stringify({ recipient_id: 'c1', message_id: 'm1' }) };
    const c = client(clock, () => sent, budget);
    const send = () => sendText(c.client, { pageId: 'p1', pageToken: 't', budgetKey: 'ig1', recipientId: 'c1', text: 'hi' });
    const start = clock.t;
    for (let i = 0; i < 6; i++) await send();
    // 3 at once, then one every third of a second.
    expect(clock.t - start).toBe(1000);

    budget.block('ig1', clock.t + 60_000);
    const err = await send().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate-limit', retryAfterMs: 60_000 });
    expect(c.calls).toHaveLength(6);
  });
});
