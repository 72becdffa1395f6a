import { describe, expect, it } from 'vitest';
import { GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import { RateBudget, readUsageHeaders, type Clock } from '@/lib/graph/rate-budget';

function fakeClock(): Clock & { t: number } {
  const c = {
    t: 1_000_000,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

function clientReturning(status: number, body: string, headers: Record<string, string> = {}, seen: Request[] = []) {
  const clock = fakeClock();
  const client = new GraphClient({
    baseUrl: async () => 'http://graph.test/v24.0',
    clock,
    fetch: async (input, init) => {
      seen.push(new Request(input as string, init));
      return new Response(body, { status, headers });
    },
  });
  return { client, clock };
}

describe('GraphClient', () => {
  it('sends the token as a header, never in the URL', async () => {
    const seen: Request[] = [];
    const { client } = clientReturning(200, '{"data":[]}', {}, seen);
    await client.request({ path: '/me/accounts', token: 'SECRET', params: { fields: 'id' } });
    expect(seen[0]?.url).toBe('http://graph.test/v24.0/me/accounts?fields=id');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer SECRET');
  });

  it('classifies Graph error bodies without leaking their text', async () => {
    const { client } = clientReturning(400, JSON.stringify({ error: { message: 'token SECRET expired', code: 190, error_subcode: 463 } }));
    const err = await client.request({ path: '/me', token: 'SECRET' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).kind).toBe('auth');
    expect((err as GraphError).subcode).toBe(463);
    expect((err as GraphError).message).not.toContain('SECRET');
  });

  it('reports a malformed body', async () => {
    const { client } = clientReturning(200, '{"data": [');
    await expect(client.request({ path: '/me', token: 't' })).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('reports a 5xx without a Graph body as transient', async () => {
    const { client } = clientReturning(502, '<html>bad gateway</html>');
    await expect(client.request({ path: '/me', token: 't' })).rejects.toMatchObject({ kind: 'transient' });
  });

  it('reports a network failure', async () => {
    const client = new GraphClient({
      baseUrl: async () => 'http://graph.test/v24.0',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.request({ path: '/me', token: 't' })).rejects.toMatchObject({ kind: 'network' });
  });

  it('backs off an account after a rate-limit error', async () => {
    const headers = {
      'x-business-use-case-usage': JSON.stringify({ p1: [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 2 }] }),
    };
    const { client, clock } = clientReturning(400, JSON.stringify({ error: { code: 80002, message: 'slow down' } }), headers);
    await expect(client.request({ path: '/p1/conversations', token: 't', budgetKey: 'ig1' })).rejects.toMatchObject({ kind: 'rate-limit' });
    expect(client.budget.blockedUntil('ig1')).toBe(clock.t + 120_000);
    // The next call is refused locally instead of hammering Meta.
    await expect(client.request({ path: '/p1/conversations', token: 't', budgetKey: 'ig1' })).rejects.toMatchObject({ kind: 'rate-limit' });
  });
});

describe('RateBudget', () => {
  it('allows 2 calls per second per account', async () => {
    const clock = fakeClock();
    const budget = new RateBudget(2, clock);
    const start = clock.t;
    for (let i = 0; i < 6; i++) await budget.take('a');
    // 2 immediately, then one every 500 ms.
    expect(clock.t - start).toBe(2000);
    const other = clock.t;
    await budget.take('b');
    expect(clock.t).toBe(other);
  });
});

describe('readUsageHeaders', () => {
  it('takes the highest percentage of both headers', () => {
    const h = new Headers({
      'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 3, total_time: 40 }),
      'x-business-use-case-usage': JSON.stringify({
        p: [{ type: 'pages', call_count: 85, total_time: 2, estimated_time_to_regain_access: 0 }],
      }),
    });
    expect(readUsageHeaders(h)).toEqual({ percent: 85, appPercent: 40, businessPercent: 85, regainMs: 0 });
    expect(readUsageHeaders(new Headers({ 'x-app-usage': 'not json' }))).toMatchObject({ percent: 0, regainMs: 0 });
  });
});
