// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORNER_PAGE, LUMEN_IG, LUMEN_PAGE, PINE_PAGE, arr, dig, harness, str, type Harness } from './helpers';

let h: Harness;
let user: string;
let pages: Map<string, string>;
const lumen = (): string => pages.get(LUMEN_PAGE) ?? '';

beforeAll(async () => {
  h = await harness();
  ({ user, pages } = await h.login());
});
afterAll(async () => h.emu.close());

describe('user and pages', () => {
  it('GET /me returns only requested fields', async () => {
    const r = await h.graph('/me?fields=name', { token: user });
    expect(r.body).toEqual({ name: 'Alex Rivera' });
    expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('x-fb-trace-id')).toMatch(/^.{11}$/);
  });

  it('/me/accounts lists five pages, only linked ones with instagram_business_account', async () => {
    const r = await h.graph('/me/accounts?fields=id,name,instagram_business_account{id,username}', { token: user });
    const data = arr(dig(r.body, 'data'));
    expect(data.map((p) => dig(p, 'name'))).toEqual([
      'Lumen Coffee Roasters',
      'Atelier Nord',
      'Quiet Studio',
      'Pine & Pixel',
      'Corner Bakery Blog',
    ]);
    expect(dig(data[0], 'instagram_business_account')).toEqual({ id: LUMEN_IG, username: 'lumencoffee' });
    expect(dig(data[4], 'instagram_business_account')).toBeUndefined();
    expect(dig(data[0], 'access_token')).toBeUndefined();
    expect(dig(r.body, 'paging', 'cursors', 'after')).toBeTypeOf('string');
  });

  it('/me/permissions lists granted permissions', async () => {
    const r = await h.graph('/me/permissions', { token: user });
    expect(arr(dig(r.body, 'data'))).toContainEqual({ permission: 'instagram_manage_messages', status: 'granted' });
  });
});

describe('conversations', () => {
  it('pages with cursors until next disappears, newest first, no duplicates', async () => {
    const seen: string[] = [];
    const times: string[] = [];
    let url: string | undefined = `/${LUMEN_PAGE}/conversations?platform=instagram&fields=id,updated_time&limit=25`;
    let first = true;
    let pagesRead = 0;
    while (url) {
      const r = await h.graph(url, first ? { token: lumen() } : {});
      first = false;
      pagesRead++;
      expect(r.status).toBe(200);
      for (const c of arr(dig(r.body, 'data'))) {
        seen.push(str(dig(c, 'id')));
        times.push(str(dig(c, 'updated_time')));
      }
      const next = dig(r.body, 'paging', 'next');
      url = typeof next === 'string' ? next : undefined;
      if (url) expect(url.startsWith(h.emu.graphBase)).toBe(true);
    }
    expect(pagesRead).toBe(3);
    expect(seen).toHaveLength(64);
    expect(new Set(seen).size).toBe(64);
    expect([...times].sort().reverse()).toEqual(times);
    expect(times[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
  });

  it('caps limit at 100 and supports before cursors', async () => {
    const all = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=500`, { token: lumen() });
    expect(arr(dig(all.body, 'data'))).toHaveLength(64);
    expect(dig(all.body, 'paging', 'next')).toBeUndefined();
    const p2 = await h.graph(
      `/${LUMEN_PAGE}/conversations?platform=instagram&limit=10&after=${str(dig((await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=10`, { token: lumen() })).body, 'paging', 'cursors', 'after'))}`,
      { token: lumen() },
    );
    const back = await h.graph(str(dig(p2.body, 'paging', 'previous')));
    expect(arr(dig(back.body, 'data')).map((c) => dig(c, 'id'))).toEqual(
      arr(dig(all.body, 'data'))
        .slice(0, 10)
        .map((c) => dig(c, 'id')),
    );
  });

  it('filters by user_id and requires platform', async () => {
    const msgs = await h.admin('GET', 'messages?account=lumencoffee');
    const media = arr(msgs.body).find((c) => dig(c, 'label') === 'media');
    const igsid = str(dig(media, 'customer', 'id'));
    const r = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&user_id=${igsid}`, { token: lumen() });
    expect(arr(dig(r.body, 'data'))).toEqual([{ id: dig(media, 'id'), updated_time: expect.any(String) as unknown }]);
    const missing = await h.graph(`/${LUMEN_PAGE}/conversations`, { token: lumen() });
    expect(missing.status).toBe(400);
    expect(dig(missing.body, 'error', 'code')).toBe(100);
  });

  it('rejects unknown fields, foreign page tokens, user tokens and unlinked/unpermitted pages', async () => {
    const unknown = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&fields=id,foo`, { token: lumen() });
    expect(dig(unknown.body, 'error', 'message')).toBe('(#100) Tried accessing nonexisting field (foo) on node type (Conversation)');
    const foreign = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram`, { token: pages.get(PINE_PAGE) ?? '' });
    expect(dig(foreign.body, 'error')).toMatchObject({ code: 100, error_subcode: 33, fbtrace_id: expect.any(String) as unknown });
    const pine = await h.graph(`/${PINE_PAGE}/conversations?platform=instagram`, { token: pages.get(PINE_PAGE) ?? '' });
    expect(dig(pine.body, 'error')).toMatchObject({
      code: 200,
      type: 'OAuthException',
      message: '(#200) Requires instagram_manage_messages permission to manage the object',
    });
    expect(dig(pine.body, 'error', 'error_subcode')).toBeUndefined();
    const corner = await h.graph(`/${CORNER_PAGE}/conversations?platform=instagram`, { token: pages.get(CORNER_PAGE) ?? '' });
    expect(dig(corner.body, 'error', 'code')).toBe(100);
    const asUser = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram`, { token: user });
    expect(dig(asUser.body, 'error', 'code')).toBe(190);
  });
});

describe('the 20-message rule', () => {
  it('only the newest 20 messages carry details', async () => {
    const convs = await h.admin('GET', 'messages?account=lumencoffee');
    const long = arr(convs.body).find((c) => dig(c, 'label') === 'long_thread');
    expect(dig(long, 'message_count')).toBe(40);
    const r = await h.graph(`/${str(dig(long, 'id'))}/messages?fields=id,created_time,from,message&limit=100`, { token: lumen() });
    const data = arr(dig(r.body, 'data'));
    expect(data).toHaveLength(40);
    expect(data.slice(0, 20).every((m) => typeof dig(m, 'message') === 'string' && dig(m, 'from') !== undefined)).toBe(true);
    expect(
      data.slice(20).every(
        (m) =>
          Object.keys(m as object)
            .sort()
            .join() === 'created_time,id',
      ),
    ).toBe(true);

    const newest = await h.graph(`/${str(dig(data[19], 'id'))}?fields=id,message`, { token: lumen() });
    expect(newest.status).toBe(200);
    expect(dig(newest.body, 'message')).toBeTypeOf('string');
    const old = await h.graph(`/${str(dig(data[20], 'id'))}?fields=id,message`, { token: lumen() });
    expect(old.status).toBe(400);
    expect(dig(old.body, 'error', 'code')).toBe(100);
  });

  it('nested messages.limit(n) pages with a next URL', async () => {
    const r = await h.graph(`/${LUMEN_PAGE}/conversations?platform=instagram&limit=1&fields=messages.limit(5){id,message}`, {
      token: lumen(),
    });
    const edge = dig(r.body, 'data', 0, 'messages');
    expect(arr(dig(edge, 'data'))).toHaveLength(5);
    const next = await h.graph(str(dig(edge, 'paging', 'next')));
    expect(arr(dig(next.body, 'data'))).toHaveLength(5);
    expect(dig(next.body, 'data', 0, 'message')).toBeTypeOf('string');
  });
});

describe('message shapes and profiles', () => {
  it('renders every seeded kind', async () => {
    const fields = 'id,created_time,from,to,message,attachments,shares{link,name,description,id},story,reactions,is_unsupported,reply_to';
    const convs = arr((await h.admin('GET', 'messages?account=lumencoffee')).body);
    const byLabel = async (conv: string): Promise<unknown[]> => {
      const c = convs.find((x) => dig(x, 'label') === conv);
      return arr(dig((await h.graph(`/${str(dig(c, 'id'))}/messages?fields=${fields}`, { token: lumen() })).body, 'data'));
    };
    const media = await byLabel('media');
    const atts = media.map((m) => dig(m, 'attachments', 'data', 0)).filter(Boolean);
    expect(atts.some((a) => str(dig(a, 'image_data', 'animated_gif_url')).endsWith('.gif'))).toBe(true);
    expect(atts.some((a) => dig(a, 'image_data', 'render_as_sticker') === true)).toBe(true);
    expect(atts.some((a) => dig(a, 'video_data', 'url') !== undefined)).toBe(true);
    expect(atts.some((a) => dig(a, 'mime_type') === 'application/pdf')).toBe(true);
    const imageUrl = str(atts.map((a) => dig(a, 'image_data', 'url')).find(Boolean));
    const img = await fetch(imageUrl);
    expect(img.headers.get('content-type')).toBe('image/png');

    const rr = await byLabel('reactions_reply');
    expect(rr.some((m) => dig(m, 'is_unsupported') === true)).toBe(true);
    expect(rr.some((m) => dig(m, 'reply_to', 'mid') !== undefined)).toBe(true);
    expect(rr.some((m) => dig(m, 'is_deleted') === true && dig(m, 'message') === '')).toBe(true);
    expect(rr.flatMap((m) => arr(dig(m, 'reactions', 'data')).map((x) => dig(x, 'reaction')))).toEqual(
      expect.arrayContaining(['❤️', '😂', '👍']),
    );

    const stories = await byLabel('stories_expired');
    const link = str(stories.map((m) => dig(m, 'story', 'mention', 'link')).find(Boolean));
    expect((await fetch(link)).status).toBe(404);
    const live = await byLabel('stories_live');
    const liveLink = str(live.map((m) => dig(m, 'story', 'mention', 'link')).find(Boolean));
    expect((await fetch(liveLink)).status).toBe(200);
    const shares = await byLabel('shares');
    expect(shares.some((m) => str(dig(m, 'shares', 'data', 0, 'link')).includes('instagram.com/reel/'))).toBe(true);
  });

  it('User Profile API and consent error 230', async () => {
    const convs = arr((await h.admin('GET', 'messages?account=lumencoffee')).body);
    const berlin = convs.find((c) => dig(c, 'label') === 'long_thread');
    const r = await h.graph(`/${str(dig(berlin, 'customer', 'id'))}?fields=name,username,profile_pic,is_verified_user`, { token: lumen() });
    expect(r.body).toMatchObject({ name: 'Kiez Kaffee Berlin', username: 'wholesale.berlin', is_verified_user: true });
    const pic = await fetch(str(dig(r.body, 'profile_pic')));
    expect(pic.status).toBe(200);
    const ghost = convs.find((c) => dig(c, 'label') === 'no_consent');
    const g = await h.graph(`/${str(dig(ghost, 'customer', 'id'))}?fields=name`, { token: lumen() });
    expect(dig(g.body, 'error', 'code')).toBe(230);
    const anon = convs.find((c) => dig(c, 'label') === 'no_username');
    const a = await h.graph(`/${str(dig(anon, 'customer', 'id'))}?fields=name,username`, { token: lumen() });
    expect(dig(a.body, 'error', 'code')).toBe(9010);
  });
});

describe('tokens', () => {
  it('expire after 2 h (user) with 190/463 and unknown tokens give 190', async () => {
    const local = await harness();
    const s = await local.login();
    local.tick(2 * 60 * 60 * 1000 + 1);
    const r = await local.graph('/me', { token: s.user });
    expect(dig(r.body, 'error')).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    const bad = await local.graph('/me', { token: 'EAAnonsense' });
    expect(dig(bad.body, 'error', 'code')).toBe(190);
    expect(dig(bad.body, 'error', 'error_subcode')).toBeUndefined();
    const none = await local.graph('/me');
    expect(r.status).toBe(400);
    expect(dig(none.body, 'error', 'code')).toBe(2500);
    await local.emu.close();
  });

  it('accepts Authorization: Bearer', async () => {
    const r = await h.graph('/me?fields=id', { headers: { Authorization: `Bearer ${user}` } });
    expect(r.status).toBe(200);
  });
});
