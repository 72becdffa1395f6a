// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LUMEN_PAGE, arr, dig, harness, str, type Harness } from './helpers';
import { png } from '../../emulator/media';

let h: Harness;
let token: string;
let convs: unknown[];

const conv = (label: string): unknown => convs.find((c) => dig(c, 'label') === label);
const igsid = (label: string): string => str(dig(conv(label), 'customer', 'id'));

async function send(body: unknown, path = '/me/messages'): Promise<{ status: number; body: unknown }> {
  return h.graph(path, { method: 'POST', token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  h = await harness();
  token = (await h.login()).pages.get(LUMEN_PAGE) ?? '';
  convs = arr((await h.admin('GET', 'messages?account=lumencoffee')).body);
});
afterAll(async () => h.emu.close());

describe('Send API', () => {
  it('sends text inside the window and the message shows up first in reads', async () => {
    const r = await send({ recipient: { id: igsid('newest') }, message: { text: 'Added! ☕' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      recipient_id: igsid('newest'),
      message_id: expect.stringMatching(/^aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj/) as unknown,
    });
    const read = await h.graph(`/${str(dig(conv('newest'), 'id'))}/messages?fields=id,message,from&limit=1`, { token });
    expect(dig(read.body, 'data', 0)).toMatchObject({
      id: dig(r.body, 'message_id'),
      message: 'Added! ☕',
      from: { username: 'lumencoffee' },
    });
    const stored = arr((await h.admin('GET', `messages?account=lumencoffee&conversation=${str(dig(conv('newest'), 'id'))}`)).body);
    expect(stored.filter((m) => dig(m, 'id') === dig(r.body, 'message_id'))).toHaveLength(1);
  });

  it('accepts form-encoded JSON strings on /{page-id}/messages', async () => {
    const form = new URLSearchParams({
      recipient: JSON.stringify({ id: igsid('media') }),
      message: JSON.stringify({ text: 'hi' }),
      access_token: token,
    });
    const r = await h.graph(`/${LUMEN_PAGE}/messages`, { method: 'POST', body: form });
    expect(r.status).toBe(200);
  });

  it('limits text to 1000 UTF-8 bytes', async () => {
    const ok = await send({ recipient: { id: igsid('newest') }, message: { text: 'a'.repeat(1000) } });
    expect(ok.status).toBe(200);
    const tooLong = await send({ recipient: { id: igsid('newest') }, message: { text: '€'.repeat(334) } });
    expect(dig(tooLong.body, 'error')).toMatchObject({
      code: 100,
      message: '(#100) Length of param message[text] must be less than or equal to 1000',
    });
    expect(dig(tooLong.body, 'error', 'error_subcode')).toBeUndefined();
  });

  it('rejects unknown recipients with 100/2534014', async () => {
    const r = await send({ recipient: { id: '123' }, message: { text: 'hi' } });
    expect(dig(r.body, 'error')).toMatchObject({ code: 100, error_subcode: 2534014 });
  });

  it('enforces the 24 h window and the HUMAN_AGENT 7-day extension', async () => {
    const closed = await send({ recipient: { id: igsid('window_closed') }, message: { text: 'hello' } });
    expect(closed.status).toBe(400);
    expect(dig(closed.body, 'error')).toMatchObject({
      code: 10,
      error_subcode: 2534022,
      message: 'This message is sent outside of allowed window.',
    });
    const tagged = {
      recipient: { id: igsid('window_closed') },
      message: { text: 'hello' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
    };
    expect((await send(tagged)).status).toBe(200);
    await h.admin('POST', 'human-agent', { enabled: false });
    expect(dig((await send(tagged)).body, 'error', 'error_subcode')).toBe(2534022);
    await h.admin('POST', 'human-agent', { enabled: true });
    const expired = await send({ ...tagged, recipient: { id: igsid('window_expired') } });
    expect(dig(expired.body, 'error', 'error_subcode')).toBe(2534022);
  });

  it('reacts and unreacts; refuses deleted messages', async () => {
    const c = str(dig(conv('maria_twin'), 'id'));
    const list = arr((await h.admin('GET', `messages?account=lumencoffee&conversation=${c}`)).body);
    const target = str(dig(list[list.length - 1], 'id'));
    const r = await send({
      recipient: { id: igsid('maria_twin') },
      sender_action: 'react',
      payload: { message_id: target, reaction: '😂' },
    });
    expect(r.body).toEqual({ recipient_id: igsid('maria_twin') });
    const read = await h.graph(`/${target}?fields=reactions`, { token });
    expect(dig(read.body, 'reactions', 'data', 0, 'reaction')).toBe('😂');
    await send({ recipient: { id: igsid('maria_twin') }, sender_action: 'unreact', payload: { message_id: target } });
    expect(dig((await h.graph(`/${target}?fields=reactions`, { token })).body, 'reactions')).toBeUndefined();

    const rr = arr((await h.admin('GET', `messages?account=lumencoffee&conversation=${str(dig(conv('reactions_reply'), 'id'))}`)).body);
    const deleted = str(
      dig(
        rr.find((m) => dig(m, 'deleted') === true),
        'id',
      ),
    );
    const bad = await send({
      recipient: { id: igsid('reactions_reply') },
      sender_action: 'react',
      payload: { message_id: deleted, reaction: 'love' },
    });
    expect(dig(bad.body, 'error')).toMatchObject({ code: 100, error_subcode: 2534015 });
  });

  it('uploads an image via multipart and sends it by attachment_id', async () => {
    const fd = new FormData();
    fd.set('message', JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: true } } }));
    fd.set('platform', 'instagram');
    fd.set('filedata', new Blob([new Uint8Array(png(4, 4, [200, 10, 10]))], { type: 'image/png' }), 'red.png');
    const up = await h.graph(`/${LUMEN_PAGE}/message_attachments`, { method: 'POST', token, body: fd });
    expect(up.status).toBe(200);
    const id = str(dig(up.body, 'attachment_id'));
    expect(id).toMatch(/^\d+$/);
    const r = await send({
      recipient: { id: igsid('newest') },
      message: { attachment: { type: 'image', payload: { attachment_id: id } } },
    });
    expect(r.status).toBe(200);
    const read = await h.graph(`/${str(dig(r.body, 'message_id'))}?fields=attachments`, { token });
    const url = str(dig(read.body, 'attachments', 'data', 0, 'image_data', 'url'));
    const img = await fetch(url);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(png(4, 4, [200, 10, 10]))).toBe(true);
  });

  it('rejects non-images (2018047) and files over 8 MB (2018109)', async () => {
    const fd = new FormData();
    fd.set('message', JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: true } } }));
    fd.set('filedata', new Blob(['%PDF-1.4 nope'], { type: 'application/pdf' }), 'x.pdf');
    const notImage = await h.graph(`/${LUMEN_PAGE}/message_attachments`, { method: 'POST', token, body: fd });
    expect(dig(notImage.body, 'error')).toMatchObject({ code: 100, error_subcode: 2018047 });
    const big = Buffer.concat([png(2, 2, [1, 2, 3]), Buffer.alloc(8 * 1024 * 1024)]);
    fd.set('filedata', new Blob([new Uint8Array(big)], { type: 'image/png' }), 'big.png');
    const tooBig = await h.graph(`/${LUMEN_PAGE}/message_attachments`, { method: 'POST', token, body: fd });
    expect(dig(tooBig.body, 'error')).toMatchObject({ code: 100, error_subcode: 2018109 });
  });
});
