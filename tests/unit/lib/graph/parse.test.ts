import { describe, expect, it } from 'vitest';
import { GraphError } from '@/lib/graph/errors';
import { parseConversation, parseMessage, parsePage, parsePaged, parseSendResult } from '@/lib/graph/parse';
import type { Json } from '@/lib/graph/read';

const base = { id: 'm1', created_time: '2026-11-21T14:34:00+0000', from: { id: 'u1', username: 'maria' } };

describe('parseMessage', () => {
  it('reads a text message and Graph dates with +0000 offsets', () => {
    const m = parseMessage({ ...base, message: 'Hi', to: { data: [{ id: 'biz', username: 'lumen' }] } });
    expect(m).toMatchObject({ id: 'm1', text: 'Hi', from: { id: 'u1', username: 'maria' }, to: [{ id: 'biz' }], hasDetails: true });
    expect(m?.createdTime).toBe(Date.UTC(2026, 10, 21, 14, 34));
  });

  it.each<[string, Json, string]>([
    ['image', { attachments: { data: [{ image_data: { url: 'https://cdn.example/a.jpg', width: 10, height: 5 } }] } }, 'image'],
    ['gif', { attachments: { data: [{ image_data: { url: 'https://cdn/x.png', animated_gif_url: 'https://cdn/x.gif' } }] } }, 'gif'],
    ['sticker', { attachments: { data: [{ image_data: { url: 'https://cdn/s.png', render_as_sticker: true } }] } }, 'sticker'],
    ['video', { attachments: { data: [{ video_data: { url: 'https://cdn/v.mp4' } }] } }, 'video'],
    ['audio', { attachments: { data: [{ file_url: 'https://cdn/a.mp4', mime_type: 'audio/mpeg' }] } }, 'audio'],
    ['file', { attachments: { data: [{ file_url: 'https://cdn/f.pdf', name: 'menu.pdf', mime_type: 'application/pdf' }] } }, 'file'],
    ['share', { shares: { data: [{ link: 'https://www.instagram.com/p/abc/' }] } }, 'share'],
  ])('reads a %s attachment', (_name, extra, type) => {
    const m = parseMessage({ ...base, ...(extra as object) });
    expect(m?.attachments[0]?.type).toBe(type);
  });

  it('reads story mentions, story replies, inline replies and reactions', () => {
    const m = parseMessage({
      ...base,
      story: { mention: { link: 'https://cdn/story.jpg', id: 's1' } },
      reply_to: { mid: 'm0' },
      reactions: { data: [{ reaction: '😂', users: [{ id: 'biz', username: 'lumen' }] }] },
    });
    expect(m?.storyMention).toEqual({ id: 's1', url: 'https://cdn/story.jpg' });
    expect(m?.replyToId).toBe('m0');
    expect(m?.reactions).toEqual([{ emoji: '😂', users: [{ id: 'biz', username: 'lumen' }] }]);
    const reply = parseMessage({ ...base, story: { reply_to: { link: 'https://cdn/s2.jpg', id: 's2' } } });
    expect(reply?.storyReply?.id).toBe('s2');
  });

  it('drops unsafe URLs but keeps the message', () => {
    const m = parseMessage({ ...base, attachments: { data: [{ image_data: { url: 'javascript:alert(1)' } }] }, message: 'x' });
    expect(m?.attachments).toEqual([]);
    expect(m?.text).toBe('x');
  });

  it('marks deleted and unsupported messages, and messages served without details', () => {
    expect(parseMessage({ ...base, is_deleted: true, message: '' })?.isDeleted).toBe(true);
    expect(parseMessage({ ...base, is_unsupported: true })?.isUnsupported).toBe(true);
    expect(parseMessage({ id: 'old', created_time: '2026-01-01T00:00:00+0000' })?.hasDetails).toBe(false);
  });

  it.each<[string, Json]>([
    ['missing id', { created_time: '2026-11-21T14:34:00+0000' }],
    ['bad date', { id: 'x', created_time: 'yesterday' }],
    ['not an object', 'hello'],
    ['null', null],
  ])('returns null for %s', (_name, raw) => {
    expect(parseMessage(raw)).toBeNull();
  });

  it('survives null names and wrong types', () => {
    const m = parseMessage({ ...base, from: { id: 'u2', username: null }, message: 42, reactions: 'nope', to: { data: 'x' } });
    expect(m).toMatchObject({ from: { id: 'u2', username: null }, text: '42', reactions: [], to: [] });
  });
});

describe('parsePaged', () => {
  it('returns the after cursor only when there is a next page', () => {
    const withNext = parsePaged({ data: [], paging: { cursors: { after: 'A' }, next: 'https://x' } }, () => null, 'conversations');
    expect(withNext.after).toBe('A');
    const last = parsePaged({ data: [], paging: { cursors: { after: 'A' } } }, () => null, 'conversations');
    expect(last.after).toBeNull();
  });

  it('raises a malformed error for a wrong envelope', () => {
    expect(() => parsePaged({ nope: true }, () => null, 'conversations')).toThrow(GraphError);
  });

  it('skips unreadable items', () => {
    const page = parsePaged(
      { data: [{ id: 'c1', updated_time: '2026-11-21T10:00:00+0000' }, { id: 'c2' }] },
      parseConversation,
      'conversations',
    );
    expect(page.items.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('parsePage and parseSendResult', () => {
  it('reads a Page with its Instagram account', () => {
    expect(parsePage({ id: 'p1', name: 'Lumen', access_token: 'T', instagram_business_account: { id: 'ig1', username: 'lumen' } })).toEqual(
      { pageId: 'p1', pageName: 'Lumen', pageToken: 'T', instagram: { id: 'ig1', username: 'lumen', name: null, pictureUrl: null } },
    );
    expect(parsePage({ id: 'p2', name: 'Blog', access_token: 'T' })?.instagram).toBeNull();
  });

  it('requires a message id in a send answer', () => {
    expect(parseSendResult({ recipient_id: 'u', message_id: 'm' })).toEqual({ recipientId: 'u', messageId: 'm' });
    expect(() => parseSendResult({ recipient_id: 'u' })).toThrow(GraphError);
  });
});
