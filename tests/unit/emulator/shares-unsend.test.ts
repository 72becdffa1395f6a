// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LUMEN_PAGE, arr, dig, harness, str, type Harness } from './helpers';

let h: Harness;
let token = '';

beforeAll(async () => {
  h = await harness();
  token = (await h.login()).pages.get(LUMEN_PAGE) ?? '';
});
afterAll(async () => h.emu.close());

const FIELDS = 'id,created_time,from,message,attachments,shares{link,name,description,id}';

async function conversationOf(label: string): Promise<string> {
  const convs = arr((await h.admin('GET', 'messages?account=lumencoffee')).body);
  return str(
    dig(
      convs.find((c) => dig(c, 'label') === label),
      'id',
    ),
  );
}

async function messages(conversationId: string): Promise<unknown[]> {
  return arr(dig((await h.graph(`/${conversationId}/messages?fields=${FIELDS}&limit=20`, { token })).body, 'data'));
}

describe('shares the emulator can produce', () => {
  it('serves every reading: media-URL image, media-URL reel video, permalink post and reel, ig_reel attachment', async () => {
    const list = await messages(await conversationOf('shares'));
    const links = list.map((m) => str(dig(m, 'shares', 'data', 0, 'link'))).filter(Boolean);
    expect(links.some((l) => /\/cdn\/media\/\d+\.png$/.test(l))).toBe(true);
    expect(links.some((l) => l.includes('instagram.com/p/'))).toBe(true);
    expect(links.some((l) => l.includes('instagram.com/reel/'))).toBe(true);
    const video = links.find((l) => /\/cdn\/media\/\d+\.mp4$/.test(l)) ?? '';
    const reel = list.map((m) => dig(m, 'attachments', 'data', 0)).find((a) => dig(a, 'type') === 'ig_reel');
    expect(dig(reel, 'payload', 'title')).toBe('Cold brew in 30 seconds');

    const image = await fetch(links.find((l) => l.endsWith('.png')) ?? '');
    expect(image.headers.get('content-type')).toBe('image/png');
    for (const url of [video, str(dig(reel, 'payload', 'url'))]) {
      const res = await fetch(url);
      expect(res.headers.get('content-type')).toBe('video/mp4');
      const body = Buffer.from(await res.arrayBuffer());
      // A real MP4: its boxes start with ftyp and hold the sample tables and the frames.
      expect(body.subarray(4, 8).toString('ascii')).toBe('ftyp');
      expect(body.includes(Buffer.from('avcC'))).toBe(true);
      expect(body.includes(Buffer.from('mdat'))).toBe(true);
    }
  });

  it('admin inbound sends each share kind', async () => {
    for (const kind of ['share_post_link', 'share_reel_media', 'ig_reel']) {
      const r = await h.admin('POST', 'inbound', { account: 'lumencoffee', from: { username: `sharer.${kind}` }, kind });
      expect(r.status).toBe(200);
    }
  });
});

describe('unsending a message', () => {
  async function fresh(text: string): Promise<{ conversation: string; id: string }> {
    const r = await h.admin('POST', 'inbound', { account: 'lumencoffee', from: { username: 'unsender' }, text });
    return { conversation: str(dig(r.body, 'conversation_id')), id: str(dig(r.body, 'message_id')) };
  }

  it('vanish: the message is no longer returned and cannot be fetched', async () => {
    const m = await fresh('take this back');
    await fresh('a newer one');
    expect((await h.admin('POST', 'unsend', { account: 'lumencoffee', message_id: m.id, mode: 'vanish' })).status).toBe(200);
    const ids = (await messages(m.conversation)).map((x) => dig(x, 'id'));
    expect(ids).not.toContain(m.id);
    expect(ids.length).toBeGreaterThan(0);
    expect((await h.graph(`/${m.id}?fields=id,message`, { token })).status).toBe(400);
  });

  it('deleted: returned marked deleted without its text; fetched alone, 9000001', async () => {
    const m = await fresh('secret to unsend');
    expect((await h.admin('POST', 'unsend', { message_id: m.id, mode: 'deleted' })).status).toBe(200);
    const found = (await messages(m.conversation)).find((x) => dig(x, 'id') === m.id);
    expect(found).toMatchObject({ id: m.id, message: '', is_deleted: true });
    const alone = await h.graph(`/${m.id}?fields=id,message`, { token });
    expect(dig(alone.body, 'error', 'code')).toBe(9000001);
  });

  it('withheld: listed with its id and time only; fetched alone, 9000001', async () => {
    const m = await fresh('withhold me');
    expect((await h.admin('POST', 'unsend', { message_id: m.id, mode: 'withheld' })).status).toBe(200);
    const found = (await messages(m.conversation)).find((x) => dig(x, 'id') === m.id);
    expect(Object.keys(found as object).sort()).toEqual(['created_time', 'id']);
    expect(dig((await h.graph(`/${m.id}?fields=id,message`, { token })).body, 'error', 'code')).toBe(9000001);
  });

  it('refuses an unknown mode, message or account', async () => {
    const m = await fresh('x');
    expect((await h.admin('POST', 'unsend', { message_id: m.id, mode: 'shred' })).status).toBe(400);
    expect((await h.admin('POST', 'unsend', { message_id: 'nope' })).status).toBe(400);
    expect((await h.admin('POST', 'unsend', { message_id: m.id, account: 'ateliernord' })).status).toBe(400);
  });
});
