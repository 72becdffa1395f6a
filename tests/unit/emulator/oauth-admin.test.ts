// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LUMEN_PAGE, REDIRECT, SCOPES, arr, dig, harness, str, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
beforeEach(async () => {
  await h.admin('POST', 'reset');
});
afterAll(async () => h.emu.close());

const dialogUrl = (extra: Record<string, string> = {}): string =>
  `${h.emu.dialogUrl}?${new URLSearchParams({ client_id: '1234567890', redirect_uri: REDIRECT, response_type: 'token', state: 'a b&c', scope: SCOPES, ...extra })}`;

describe('OAuth dialog', () => {
  it('shows a consent page, Continue redirects with a token fragment, then consent is remembered', async () => {
    const page = await fetch(dialogUrl(), { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Log in with Facebook</title>');
    expect(html).toContain('Alex Rivera');
    expect(html).toContain('instagram_manage_messages');
    expect(html).not.toMatch(/<(script|link)\b/);
    const form = new URLSearchParams({
      client_id: '1234567890',
      redirect_uri: REDIRECT,
      state: 'a b&c',
      scope: SCOPES,
      action: 'continue',
    });
    const res = await fetch(`${h.emu.dialogUrl}/confirm`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = res.headers.get('location') ?? '';
    expect(loc.startsWith(`${REDIRECT}#access_token=EAA`)).toBe(true);
    const frag = new URLSearchParams(loc.split('#')[1]);
    expect(frag.get('state')).toBe('a b&c');
    expect(frag.get('expires_in')).toBe('5183944');
    expect(Number(frag.get('data_access_expiration_time'))).toBeGreaterThan(0);
    const again = await fetch(dialogUrl(), { redirect: 'manual' });
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toMatch(/#access_token=EAA/);
    const forced = await fetch(dialogUrl({ auth_type: 'rerequest' }), { redirect: 'manual' });
    expect(forced.status).toBe(200);
  });

  it('Cancel redirects with user_denied in the query', async () => {
    const form = new URLSearchParams({ client_id: '1234567890', redirect_uri: REDIRECT, state: 'xyz', scope: SCOPES, action: 'cancel' });
    const res = await fetch(`${h.emu.dialogUrl}/confirm`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.headers.get('location')).toBe(
      `${REDIRECT}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=xyz#_=_`,
    );
  });

  it('rejects bad client_id and redirect_uri with an HTML error page', async () => {
    const bads: Record<string, string>[] = [{ client_id: '' }, { client_id: 'abc' }, { redirect_uri: 'http://evil.example/' }];
    for (const bad of bads) {
      const res = await fetch(dialogUrl(bad), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });
});

describe('admin API', () => {
  it('declined permissions: reported, missing from new tokens, and enforced', async () => {
    const before = await h.login();
    await h.admin('POST', 'permissions', { permission: 'instagram_manage_messages', status: 'declined' });
    const perms = await h.graph('/me/permissions', { token: before.user });
    expect(arr(dig(perms.body, 'data'))).toContainEqual({ permission: 'instagram_manage_messages', status: 'declined' });
    const conv = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram`, { token: before.pages.get(LUMEN_PAGE) ?? '' });
    expect(dig(conv.body, 'error', 'code')).toBe(200);
    const after = await h.login();
    const p2 = await h.graph('/me/permissions', { token: after.user });
    expect(
      arr(dig(p2.body, 'data'))
        .filter((p) => dig(p, 'status') === 'granted')
        .map((p) => dig(p, 'permission')),
    ).not.toContain('instagram_manage_messages');
  });

  it('expire-tokens gives 190/463; a silent dialog call then issues a fresh token', async () => {
    const s = await h.login();
    await h.admin('POST', 'expire-tokens');
    const r = await h.graph('/me', { token: s.user });
    expect(dig(r.body, 'error')).toMatchObject({ code: 190, error_subcode: 463 });
    const again = await fetch(dialogUrl(), { redirect: 'manual' });
    expect(again.status).toBe(302);
    const token = new URLSearchParams((again.headers.get('location') ?? '').split('#')[1]).get('access_token') ?? '';
    expect((await h.graph('/me', { token })).status).toBe(200);
  });

  it('DELETE /me/permissions revokes tokens (190/460) and forgets consent', async () => {
    const s = await h.login();
    expect((await h.graph('/me/permissions', { method: 'DELETE', token: s.user })).body).toEqual({ success: true });
    expect(dig((await h.graph('/me', { token: s.user })).body, 'error')).toMatchObject({ code: 190, error_subcode: 460 });
    expect((await fetch(dialogUrl(), { redirect: 'manual' })).status).toBe(200);
  });

  it('inbound creates a message now that moves the conversation to the top; new participant → new conversation', async () => {
    const s = await h.login();
    const token = s.pages.get(LUMEN_PAGE) ?? '';
    const convs = arr((await h.admin('GET', 'messages?account=lumencoffee')).body);
    const old = convs[convs.length - 1];
    const r = await h.admin('POST', 'inbound', { account: 'lumencoffee', from: str(dig(old, 'customer', 'id')), text: 'still there?' });
    expect(dig(r.body, 'conversation_id')).toBe(dig(old, 'id'));
    const top = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=1&fields=id,messages.limit(1){id,message}`, { token });
    expect(dig(top.body, 'data', 0, 'id')).toBe(dig(old, 'id'));
    expect(dig(top.body, 'data', 0, 'messages', 'data', 0)).toEqual({ id: dig(r.body, 'message_id'), message: 'still there?' });
    const fresh = await h.admin('POST', 'inbound', { account: 'lumencoffee', from: { username: 'brand.new' }, kind: 'image' });
    expect(fresh.status).toBe(200);
    expect(arr((await h.admin('GET', 'messages?account=lumencoffee')).body)).toHaveLength(65);
  });

  it('faults: status, malformed, latency, rate_limit; admin is not under /v24.0', async () => {
    const s = await h.login();
    const token = s.pages.get(LUMEN_PAGE) ?? '';
    const url = `/${LUMEN_PAGE}/conversations?platform=instagram`;
    await h.admin('POST', 'faults', { match: '/conversations', kind: 'status', status: 503 });
    const f1 = await h.graph(url, { token });
    expect(f1.status).toBe(503);
    expect(dig(f1.body, 'error')).toMatchObject({ code: 2, is_transient: true });
    expect((await h.graph(url, { token })).status).toBe(200);
    await h.admin('POST', 'faults', { match: '/conversations', kind: 'malformed' });
    const raw = await fetch(`${h.emu.graphBase}${url}&access_token=${token}`);
    h.tick(600);
    expect(raw.status).toBe(200);
    await expect(raw.clone().json()).rejects.toThrow();
    await h.admin('POST', 'faults', { match: '/conversations', kind: 'latency', latencyMs: 150 });
    const t0 = Date.now();
    expect((await h.graph(url, { token })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    await h.admin('POST', 'faults', { match: '/conversations', kind: 'rate_limit', times: 0 });
    expect(dig((await h.graph(url, { token })).body, 'error', 'code')).toBe(80002);
    expect(dig((await h.graph(url, { token })).body, 'error', 'code')).toBe(80002);
    await h.admin('DELETE', 'faults');
    expect((await h.graph(url, { token })).status).toBe(200);
    expect((await fetch(`${h.emu.graphBase}/__admin/state`)).status).toBe(400);
  });

  it('request log records Graph calls with page ids', async () => {
    const s = await h.login();
    await h.admin('DELETE', 'requests');
    await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram`, { token: s.pages.get(LUMEN_PAGE) ?? '' });
    const log = arr((await h.admin('GET', 'requests')).body);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      method: 'GET',
      path: `/v24.0/${LUMEN_PAGE}/conversations`,
      status: 200,
      pageId: LUMEN_PAGE,
      query: { platform: 'instagram' },
    });
  });
});

describe('rate limiting and batch', () => {
  it('allows a burst of 4 then 80002 with a usage header at 100; refills at 2/s', async () => {
    const s = await h.login();
    const token = s.pages.get(LUMEN_PAGE) ?? '';
    const url = `/${LUMEN_PAGE}/conversations?platform=instagram&limit=1`;
    h.tick(5000);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<Harness['graph']>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await h.graph(url, { token, noTick: true });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 400]);
    expect(dig(last?.body, 'error')).toMatchObject({ code: 80002, type: 'OAuthException' });
    const buc = JSON.parse(last?.headers.get('x-business-use-case-usage') ?? '{}') as unknown;
    expect(dig(buc, LUMEN_PAGE, 0)).toMatchObject({ type: 'pages', call_count: 100 });
    expect(JSON.parse(last?.headers.get('x-app-usage') ?? '{}')).toHaveProperty('call_count');
    h.tick(500);
    expect((await h.graph(url, { token, noTick: true })).status).toBe(200);
  });

  it('batch runs sub-requests, counts each toward the budget and caps at 50', async () => {
    const s = await h.login();
    h.tick(5000);
    const batch = [
      { method: 'GET', relative_url: 'me?fields=id,name' },
      {
        method: 'GET',
        relative_url: `${LUMEN_PAGE}/conversations?platform=instagram&limit=1&access_token=${s.pages.get(LUMEN_PAGE) ?? ''}`,
      },
    ];
    const r = await h.graph('/', { method: 'POST', body: new URLSearchParams({ access_token: s.user, batch: JSON.stringify(batch) }) });
    expect(r.status).toBe(200);
    const parts = arr(r.body);
    expect(parts.map((p) => dig(p, 'code'))).toEqual([200, 200]);
    expect(JSON.parse(str(dig(parts[0], 'body')))).toEqual({ id: expect.any(String) as unknown, name: 'Alex Rivera' });
    expect(arr(dig(parts[1], 'headers')).some((x) => dig(x, 'name') === 'X-Business-Use-Case-Usage')).toBe(true);

    const many = Array.from({ length: 6 }, () => batch[1]);
    const burst = await h.graph('/', {
      method: 'POST',
      noTick: true,
      body: new URLSearchParams({ access_token: s.user, batch: JSON.stringify(many) }),
    });
    expect(arr(burst.body).map((p) => dig(p, 'code'))).toContain(400);

    const tooMany = Array.from({ length: 51 }, () => batch[0]);
    const big = await h.graph('/', { method: 'POST', body: new URLSearchParams({ access_token: s.user, batch: JSON.stringify(tooMany) }) });
    expect(dig(big.body, 'error', 'code')).toBe(100);
  });

  it('answers CORS preflight with 204', async () => {
    const res = await fetch(`${h.emu.graphBase}/me`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});
