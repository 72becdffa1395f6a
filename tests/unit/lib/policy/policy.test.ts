import { describe, expect, it } from 'vitest';
import { compactCount } from '@/lib/format/numbers';
import { MAX_IMAGE_BYTES, checkImages } from '@/lib/policy/attachments';
import { reactionBlocker, withOwnReaction } from '@/lib/policy/reactions';
import {
  HUMAN_AGENT_WINDOW_MS,
  STANDARD_WINDOW_MS,
  describeReplyWindow,
  formatRemaining,
  needsReply,
  replyWindow,
} from '@/lib/policy/reply-window';

const NOW = 10 * 24 * 3600_000;
const HOUR = 3600_000;

describe('replyWindow', () => {
  it('is open for 24 hours after the customer’s last message', () => {
    expect(replyWindow({ lastInboundTime: NOW - 19 * HOUR, windowClosedAt: null }, NOW, false)).toEqual({
      state: 'open',
      closesAt: NOW + 5 * HOUR,
    });
    expect(describeReplyWindow({ state: 'open', closesAt: NOW + 5 * HOUR }, NOW)).toBe('Reply window closes in 5 h');
  });

  it('closes after 24 hours, or after 7 days with Human Agent approval', () => {
    const conv = { lastInboundTime: NOW - 3 * 24 * HOUR, windowClosedAt: null };
    expect(replyWindow(conv, NOW, false)).toMatchObject({
      state: 'closed',
      reason: 'expired',
      closedAt: conv.lastInboundTime + STANDARD_WINDOW_MS,
    });
    expect(replyWindow(conv, NOW, true)).toEqual({ state: 'human-agent', closesAt: conv.lastInboundTime + HUMAN_AGENT_WINDOW_MS });
    expect(replyWindow({ lastInboundTime: NOW - 8 * 24 * HOUR, windowClosedAt: null }, NOW, true).state).toBe('closed');
  });

  it('stays closed after Meta refused a send, until the customer writes again', () => {
    expect(replyWindow({ lastInboundTime: NOW - HOUR, windowClosedAt: NOW - HOUR }, NOW, false)).toMatchObject({
      state: 'closed',
      reason: 'refused',
    });
    expect(replyWindow({ lastInboundTime: NOW - HOUR, windowClosedAt: NOW - 2 * HOUR }, NOW, false).state).toBe('open');
  });

  it('cannot reply to someone who never wrote', () => {
    expect(replyWindow({ lastInboundTime: null, windowClosedAt: null }, NOW, true)).toMatchObject({
      state: 'closed',
      reason: 'never-messaged',
    });
  });

  it('formats the time left', () => {
    expect(formatRemaining(42 * 60_000)).toBe('42 min');
    expect(formatRemaining(5 * HOUR)).toBe('5 h');
    expect(formatRemaining(51 * HOUR)).toBe('2 d 3 h');
    expect(formatRemaining(-5)).toBe('0 min');
  });
});

describe('needsReply', () => {
  it('is true while the customer’s last message is newer than the last reply', () => {
    expect(needsReply({ lastInboundTime: 20, lastReplyTime: 10 })).toBe(true);
    expect(needsReply({ lastInboundTime: 20, lastReplyTime: null })).toBe(true);
    expect(needsReply({ lastInboundTime: 20, lastReplyTime: 30 })).toBe(false);
    expect(needsReply({ lastInboundTime: null, lastReplyTime: null })).toBe(false);
  });
});

describe('checkImages', () => {
  const file = (name: string, type: string, size: number) => ({ name, type, size });
  it('accepts JPEG, PNG and GIF within the limits and explains every refusal', () => {
    const { accepted, errors } = checkImages(
      [],
      [
        file('a.jpg', 'image/jpeg', 10),
        file('b.webp', 'image/webp', 10),
        file('c.png', 'image/png', MAX_IMAGE_BYTES + 1),
        file('d.gif', 'image/gif', 5),
      ],
    );
    expect(accepted.map((f) => f.name)).toEqual(['a.jpg', 'd.gif']);
    expect(errors).toEqual(['“b.webp” is not a JPEG, PNG or GIF image.', '“c.png” is 8.0 MB; Instagram accepts images up to 8.0 MB.']);
  });

  it('stops at 10 images and at the total size', () => {
    const nine = Array.from({ length: 9 }, (_, i) => file(`${i}.png`, 'image/png', 1));
    const { accepted, errors } = checkImages(nine, [file('x.png', 'image/png', 1), file('y.png', 'image/png', 1)]);
    expect(accepted.map((f) => f.name)).toEqual(['x.png']);
    expect(errors[0]).toMatch(/at most 10 images/);
    const big = Array.from({ length: 3 }, (_, i) => file(`${i}.png`, 'image/png', 8 * 1024 * 1024));
    expect(checkImages(big, [file('z.png', 'image/png', 2 * 1024 * 1024)]).errors[0]).toMatch(/add up to 25 MB/);
  });
});

describe('reactions', () => {
  it('refuses story mentions, deleted, unsupported and own messages', () => {
    expect(reactionBlocker({ kind: 'story-mention', isOwn: false })).toMatch(/story mention/);
    expect(reactionBlocker({ kind: 'deleted', isOwn: false })).toMatch(/deleted/);
    expect(reactionBlocker({ kind: 'unsupported', isOwn: false })).toMatch(/Instagram app/);
    expect(reactionBlocker({ kind: 'text', isOwn: true })).not.toBeNull();
    expect(reactionBlocker({ kind: 'image', isOwn: false })).toBeNull();
  });

  it('replaces the account’s reaction and keeps the customer’s', () => {
    const start = [
      {
        emoji: '❤️',
        users: [
          { id: 'u1', username: 'maria' },
          { id: 'ig1', username: 'lumen' },
        ],
      },
    ];
    expect(withOwnReaction(start, 'ig1', 'lumen', '😂')).toEqual([
      { emoji: '❤️', users: [{ id: 'u1', username: 'maria' }] },
      { emoji: '😂', users: [{ id: 'ig1', username: 'lumen' }] },
    ]);
    expect(withOwnReaction(start, 'ig1', 'lumen', null)).toEqual([{ emoji: '❤️', users: [{ id: 'u1', username: 'maria' }] }]);
  });
});

describe('compactCount', () => {
  it('abbreviates follower counts', () => {
    expect(compactCount(950)).toBe('950');
    expect(compactCount(12_345)).toBe('12.3K');
    expect(compactCount(48_200)).toBe('48.2K');
    expect(compactCount(1_250_000)).toBe('1.3M');
  });
});
