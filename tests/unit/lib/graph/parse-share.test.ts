import { describe, expect, it } from 'vitest';
import { previewOf } from '@/lib/format/text';
import { isInstagramPermalink, isShareMediaUrl, linkSaysReel } from '@/lib/format/shares';
import { parseConversation, parseMessage } from '@/lib/graph/parse';
import type { Json } from '@/lib/graph/read';
import { messageKind } from '@/lib/sync/merge';

const base = { id: 'm1', created_time: '2026-11-21T14:34:00+0000', from: { id: 'u1', username: 'maria' }, message: '' };

function shareOf(extra: Json) {
  const m = parseMessage({ ...base, ...(extra as object) });
  if (!m) throw new Error('not parsed');
  const share = m.attachments[0];
  const kind = messageKind(m);
  return { share, kind, preview: previewOf({ text: m.text, kind, isOwn: false, createdTime: m.createdTime }) };
}

describe('every reading of a shared post or reel', () => {
  it.each<[string, Json, { url: string; isReel: boolean }]>([
    [
      'a media-URL image share (shares edge)',
      { shares: { data: [{ link: 'https://scontent.cdninstagram.com/v/t51/123_n.jpg?stp=dst', name: 'Pour-over' }] } },
      { url: 'https://scontent.cdninstagram.com/v/t51/123_n.jpg?stp=dst', isReel: false },
    ],
    [
      'a media-URL reel (a video file)',
      { shares: { data: [{ link: 'https://scontent.cdninstagram.com/o1/v/t16/clip.mp4?efg=1' }] } },
      { url: 'https://scontent.cdninstagram.com/o1/v/t16/clip.mp4?efg=1', isReel: true },
    ],
    [
      'a media URL with a video content type',
      { shares: { data: [{ link: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=9', mime_type: 'video/mp4' }] } },
      { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=9', isReel: true },
    ],
    [
      'a permalink post',
      { shares: { data: [{ link: 'https://www.instagram.com/p/Cabc123/' }] } },
      { url: 'https://www.instagram.com/p/Cabc123/', isReel: false },
    ],
    [
      'a permalink reel',
      { shares: { data: [{ link: 'https://www.instagram.com/reel/Cxyz/' }] } },
      { url: 'https://www.instagram.com/reel/Cxyz/', isReel: true },
    ],
    [
      'a /reels/ permalink under a username',
      { shares: { data: [{ link: 'https://instagram.com/baristadaily/reels/Cxyz/' }] } },
      { url: 'https://instagram.com/baristadaily/reels/Cxyz/', isReel: true },
    ],
    [
      'an ig_reel attachment',
      {
        attachments: {
          data: [{ type: 'ig_reel', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=7', title: 'Latte art' } }],
        },
      },
      { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=7', isReel: true },
    ],
    [
      'a reel attachment',
      { attachments: { data: [{ type: 'reel', payload: { url: 'https://cdn.example/r' } }] } },
      { url: 'https://cdn.example/r', isReel: true },
    ],
    [
      'a share attachment',
      { attachments: { data: [{ type: 'share', payload: { url: 'https://cdn.example/post.jpg' } }] } },
      { url: 'https://cdn.example/post.jpg', isReel: false },
    ],
  ])('reads %s', (_name, extra, expected) => {
    const { share, kind, preview } = shareOf(extra);
    expect(share).toMatchObject({ type: 'share', ...expected });
    expect(kind).toBe(expected.isReel ? 'reel' : 'share');
    expect(preview).toBe(expected.isReel ? 'Shared a reel' : 'Shared a post');
  });

  it('keeps the title of an ig_reel attachment as the share name', () => {
    const { share } = shareOf({
      attachments: { data: [{ type: 'ig_reel', payload: { url: 'https://cdn.example/r', title: 'Latte art' } }] },
    });
    expect(share).toMatchObject({ name: 'Latte art' });
  });

  it('never keeps a URL that is not http(s)', () => {
    const { share } = shareOf({ attachments: { data: [{ type: 'ig_reel', payload: { url: 'javascript:alert(1)', title: 'x' } }] } });
    expect(share).toMatchObject({ url: null, isReel: true });
    expect(shareOf({ shares: { data: [{ link: 'data:text/html,<b>x</b>', name: 'n' }] } }).share).toMatchObject({ url: null });
  });

  it('tells permalinks from media URLs', () => {
    expect(isInstagramPermalink('https://www.instagram.com/p/x/')).toBe(true);
    expect(isShareMediaUrl('https://www.instagram.com/p/x/')).toBe(false);
    expect(isShareMediaUrl('https://scontent.cdninstagram.com/x.jpg')).toBe(true);
    expect(isShareMediaUrl('javascript:alert(1)')).toBe(false);
    expect(isShareMediaUrl(null)).toBe(false);
    // A reel's path on a CDN says nothing; only its file does.
    expect(linkSaysReel('https://cdn.example/reel/x.jpg')).toBe(false);
    expect(linkSaysReel('https://cdn.example/x.MOV')).toBe(true);
  });
});

describe('whether an answer is the whole thread', () => {
  const conv = { id: 'c1', updated_time: '2026-11-21T14:34:00+0000' };
  it('is when the messages edge has no next page', () => {
    expect(parseConversation({ ...conv, messages: { data: [base] } })?.messagesComplete).toBe(true);
    expect(parseConversation({ ...conv, messages: { data: [base], paging: { cursors: { after: 'x' } } } })?.messagesComplete).toBe(true);
  });
  it('is not when Meta has more, or sent no messages edge', () => {
    expect(parseConversation({ ...conv, messages: { data: [base], paging: { next: 'https://graph/next' } } })?.messagesComplete).toBe(
      false,
    );
    expect(parseConversation(conv)?.messagesComplete).toBe(false);
  });
});
