// @vitest-environment node
// The faults real networks and Meta produce: lost answers after processing, held requests, stuck
// cursors, code 1 above a data size, per-account 190, rate-limit codes with regain times, timeouts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATELIER_PAGE, LUMEN_PAGE, arr, dig, harness, str, type Harness } from './helpers';

let h: Harness;
let lumen: string;
let atelier: string;
let newest: { id: string; customer: string };

async function storedCount(convId: string): Promise<number> {
  return arr((await h.admin('GET', `messages?account=lumencoffee&conversation=${convId}`)).body).length;
}

function sendUrl(): string {
  return `${h.emu.graphBase}/me/messages?access_token=${lumen}`;
}

function sendBody(text: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ recipient: { id: newest.customer }, message: { text } }),
  };
}

async function fault(body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  return h.admin('POST', 'faults', body);
}

async function lastLogged(): Promise<unknown> {
  const log = arr((await h.admin('GET', 'requests')).body);
  return log[log.length - 1];
}

beforeAll(async () => {
  h = await harness();
  const s = await h.login();
  lumen = s.pages.get(LUMEN_PAGE) ?? '';
  atelier = s.pages.get(ATELIER_PAGE) ?? '';
  const c = arr((await h.admin('GET', 'messages?account=lumencoffee')).body).find((x) => dig(x, 'label') === 'newest');
  newest = { id: str(dig(c, 'id')), customer: str(dig(c, 'customer', 'id')) };
});
afterAll(async () => h.emu.close());
beforeEach(async () => {
  await h.admin('DELETE', 'faults');
  h.tick(5_000);
});

describe('processed, then the answer is lost', () => {
  it('processed_cut: the message is stored, the 200 body is cut mid-JSON', async () => {
    const before = await storedCount(newest.id);
    await fault({ match: '/messages', method: 'POST', kind: 'processed_cut' });
    const res = await fetch(sendUrl(), sendBody('cut answer'));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(text.startsWith('{')).toBe(true);
    expect(await storedCount(newest.id)).toBe(before + 1);
    expect(await lastLogged()).toMatchObject({ method: 'POST', status: 200, fault: 'processed_cut' });
  });

  it('processed_drop: the message is stored, the answer starts and the connection dies before the body', async () => {
    const before = await storedCount(newest.id);
    await fault({ match: '/messages', method: 'POST', kind: 'processed_drop' });
    const res = await fetch(sendUrl(), sendBody('dropped answer')).catch(() => null);
    if (res) await expect(res.text()).rejects.toThrow();
    expect(await storedCount(newest.id)).toBe(before + 1);
    expect(await lastLogged()).toMatchObject({ method: 'POST', status: 0, fault: 'processed_drop' });
    // The next call is answered normally.
    expect((await fetch(sendUrl(), sendBody('after the drop'))).status).toBe(200);
  });

  it('processed_reset: the message is stored, the connection closes before any byte', async () => {
    const before = await storedCount(newest.id);
    await fault({ match: '/messages', method: 'POST', kind: 'processed_reset' });
    await expect(fetch(sendUrl(), sendBody('reset answer'))).rejects.toThrow();
    expect(await storedCount(newest.id)).toBe(before + 1);
    expect(await lastLogged()).toMatchObject({ method: 'POST', status: 0, fault: 'processed_reset' });
  });

  it('a lost answer can be an error answer too', async () => {
    await fault({ match: '/me/accounts', kind: 'processed_cut' });
    const res = await fetch(`${h.emu.graphBase}/me/accounts`);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('processed_status: stored, then 500 code 2, or code 1 / 1357046', async () => {
    const before = await storedCount(newest.id);
    await fault({ match: '/messages', method: 'POST', kind: 'processed_status', status: 502 });
    const r1 = await fetch(sendUrl(), sendBody('5xx after store'));
    expect(r1.status).toBe(502);
    expect(dig(await r1.json(), 'error', 'code')).toBe(2);
    await fault({ match: '/messages', method: 'POST', kind: 'processed_status', code: 1 });
    const r2 = await fetch(sendUrl(), sendBody('invalid JSON reply'));
    expect(r2.status).toBe(500);
    expect(dig(await r2.json(), 'error')).toMatchObject({ code: 1, error_subcode: 1357046 });
    expect(await storedCount(newest.id)).toBe(before + 2);
  });

  it('status (before processing) stores nothing', async () => {
    const before = await storedCount(newest.id);
    await fault({ match: '/messages', method: 'POST', kind: 'status', status: 503 });
    expect((await fetch(sendUrl(), sendBody('never stored'))).status).toBe(503);
    expect(await storedCount(newest.id)).toBe(before);
  });
});

describe('held and hung requests', () => {
  it('hold: the client gives up, the message is still stored when the hold ends', async () => {
    const before = await storedCount(newest.id);
    await fault({ match: '/messages', method: 'POST', kind: 'hold', latencyMs: 300 });
    await expect(fetch(sendUrl(), { ...sendBody('held'), signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(await storedCount(newest.id)).toBe(before);
    await new Promise((r) => setTimeout(r, 400));
    expect(await storedCount(newest.id)).toBe(before + 1);
  });

  it('hold defaults to 25 s (longer than the client’s 15 s send timeout)', async () => {
    await fault({ match: '/messages', kind: 'hold' });
    const st = await h.admin('GET', 'state');
    expect(arr(dig(st.body, 'faults'))).toHaveLength(1);
    const f = h.emu.state.faults[0];
    expect(f?.latencyMs).toBe(25_000);
  });

  it('timeout: never answers until the client aborts, and nothing is processed', async () => {
    const before = await storedCount(newest.id);
    await fault({ match: '/messages', method: 'POST', kind: 'timeout' });
    const t0 = Date.now();
    await expect(fetch(sendUrl(), { ...sendBody('hung'), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(await storedCount(newest.id)).toBe(before);
    expect(await lastLogged()).toMatchObject({ status: 0, fault: 'timeout' });
  });

  it('timeout works on reads and inside a batch', async () => {
    await fault({ match: '/conversations', kind: 'timeout' });
    const batch = new URLSearchParams({
      access_token: lumen,
      batch: JSON.stringify([{ method: 'GET', relative_url: `${LUMEN_PAGE}/conversations?platform=instagram&limit=2` }]),
    });
    await expect(fetch(`${h.emu.graphBase}/`, { method: 'POST', body: batch, signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });
});

describe('paging', () => {
  it('cursor_stuck: a page asked with `after` names the same cursor as next', async () => {
    await fault({ match: '/conversations', kind: 'cursor_stuck', times: 0 });
    const first = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=5`, { token: lumen });
    const next = str(dig(first.body, 'paging', 'next'));
    expect(next).toContain('after=');
    const second = await h.graph(next);
    const again = str(dig(second.body, 'paging', 'next'));
    const after = new URL(next).searchParams.get('after');
    expect(new URL(again).searchParams.get('after')).toBe(after);
    expect(dig(second.body, 'paging', 'cursors', 'after')).toBe(after);
    const third = await h.graph(again);
    expect(dig(third.body, 'data')).toEqual(dig(second.body, 'data'));
    expect(new URL(str(dig(third.body, 'paging', 'next'))).searchParams.get('after')).toBe(after);
  });

  it('data_size: code 1 when limit × messages.limit(n) is above maxData, answered below it', async () => {
    await fault({ match: '/conversations', kind: 'data_size', maxData: 100, times: 0 });
    const big = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=25&fields=id,messages.limit(20){id,message}`, {
      token: lumen,
    });
    expect(big.status).toBe(500);
    expect(dig(big.body, 'error')).toMatchObject({
      code: 1,
      message: "Please reduce the amount of data you're asking for, then retry your request",
    });
    const small = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=5&fields=id,messages.limit(20){id}`, {
      token: lumen,
    });
    expect(small.status).toBe(200);
    expect(arr(dig(small.body, 'data'))).toHaveLength(5);
    // Without a messages sub-field the size is the limit alone.
    expect((await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=50`, { token: lumen })).status).toBe(200);
    await fault({ match: '/messages', kind: 'data_size', maxData: 10 });
    expect((await h.graph(`/${newest.id}/messages?fields=id&limit=11`, { token: lumen })).status).toBe(500);
  });
});

describe('per-account faults', () => {
  it('token_expired with account: only that account’s calls get 190', async () => {
    await fault({ match: '/', kind: 'token_expired', account: 'ateliernord', times: 0 });
    const a = await h.graph(`/${ATELIER_PAGE}/conversations?platform=instagram`, { token: atelier });
    expect(dig(a.body, 'error')).toMatchObject({ code: 190, error_subcode: 463 });
    const l = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram`, { token: lumen });
    expect(l.status).toBe(200);
    // A fresh Page token for the same account still fails: the fault follows the account.
    const again = await h.login();
    const fresh = await h.graph(`/${ATELIER_PAGE}/conversations?platform=instagram`, { token: again.pages.get(ATELIER_PAGE) ?? '' });
    expect(dig(fresh.body, 'error', 'code')).toBe(190);
  });

  it('rejects an unknown account', async () => {
    expect((await fault({ match: '/', kind: 'token_expired', account: 'nobody' })).status).toBe(400);
  });
});

describe('rate limits', () => {
  it.each([4, 17, 32, 613, 80002])('code %i with its usage headers', async (code) => {
    await fault({ match: '/conversations', kind: 'rate_limit', code, regainMinutes: 7, account: 'lumencoffee' });
    const r = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram`, { token: lumen });
    expect(r.status).toBe(400);
    expect(dig(r.body, 'error', 'code')).toBe(code);
    const buc = JSON.parse(r.headers.get('x-business-use-case-usage') ?? '{}') as unknown;
    expect(dig(buc, LUMEN_PAGE, 0)).toMatchObject({ call_count: 100, estimated_time_to_regain_access: 7 });
    const app = JSON.parse(r.headers.get('x-app-usage') ?? '{}') as unknown;
    if (code === 4 || code === 17) expect(app).toEqual({ call_count: 100, total_cputime: 100, total_time: 100 });
    else expect(dig(app, 'call_count')).toBeLessThan(100);
  });

  it('rejects codes that are not rate limits', async () => {
    expect((await fault({ match: '/', kind: 'rate_limit', code: 100 })).status).toBe(400);
  });

  it('with regainMinutes and times 0 it applies until that time passes in emulated time, counting down', async () => {
    await fault({ match: '/conversations', kind: 'rate_limit', code: 80002, regainMinutes: 5, account: 'lumencoffee', times: 0 });
    const url = `/${LUMEN_PAGE}/conversations?platform=instagram`;
    expect(dig((await h.graph(url, { token: lumen })).body, 'error', 'code')).toBe(80002);
    // Other accounts are not throttled.
    expect((await h.graph(`/${ATELIER_PAGE}/conversations?platform=instagram`, { token: atelier })).status).toBe(200);
    h.tick(3 * 60_000);
    const mid = await h.graph(url, { token: lumen });
    expect(dig(mid.body, 'error', 'code')).toBe(80002);
    const buc = JSON.parse(mid.headers.get('x-business-use-case-usage') ?? '{}') as unknown;
    expect(dig(buc, LUMEN_PAGE, 0, 'estimated_time_to_regain_access')).toBe(2);
    h.tick(2 * 60_000);
    expect((await h.graph(url, { token: lumen })).status).toBe(200);
    expect(h.emu.state.faults).toHaveLength(0);
  });

  it('a rate-limited batch part answers inside the batch', async () => {
    await fault({ match: '/conversations', kind: 'rate_limit', code: 613 });
    const batch = new URLSearchParams({
      access_token: lumen,
      batch: JSON.stringify([{ method: 'GET', relative_url: `${LUMEN_PAGE}/conversations?platform=instagram&limit=2` }]),
    });
    const res = await fetch(`${h.emu.graphBase}/`, { method: 'POST', body: batch });
    const parts = (await res.json()) as unknown;
    expect(dig(parts, 0, 'code')).toBe(400);
    expect(dig(JSON.parse(str(dig(parts, 0, 'body'))), 'error', 'code')).toBe(613);
  });
});

describe('matching', () => {
  it('status works on any path and method; times counts uses; the older kinds still parse', async () => {
    await fault({ match: '/me/accounts', kind: 'status', status: 502, times: 2 });
    const sess = await h.login();
    expect(sess.pages.size).toBe(0);
    expect((await h.login()).pages.size).toBe(0);
    expect((await h.login()).pages.size).toBeGreaterThan(0);
    for (const kind of ['latency', 'malformed', 'permission', 'rate_limit', 'token_expired']) {
      expect((await fault({ match: '/nothing', kind })).status).toBe(200);
    }
    expect((await fault({ match: '/nothing', kind: 'bogus' })).status).toBe(400);
  });
});
