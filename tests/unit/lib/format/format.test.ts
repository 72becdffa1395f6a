import { describe, expect, it } from 'vitest';
import { linkify } from '@/lib/format/links';
import { participantName, previewOf, truncate, utf8Length, initialOf } from '@/lib/format/text';
import { clockTime, relativeTime } from '@/lib/format/time';

const NOW = Date.UTC(2026, 10, 21, 15, 0);

describe('relativeTime', () => {
  it.each([
    [NOW - 20_000, 'now'],
    [NOW - 5 * 60_000, '5m'],
    [NOW - 2 * 3600_000, '2h'],
    [NOW - 3 * 86400_000, '3d'],
    [Date.UTC(2026, 2, 26, 12), '26 Mar'],
    [Date.UTC(2025, 2, 26, 12), '26 Mar 2025'],
  ])('%s → %s', (t, expected) => {
    expect(relativeTime(t, NOW, 'UTC')).toBe(expected);
  });
});

describe('clockTime', () => {
  it('is a 12-hour time in the chosen zone', () => {
    const t = Date.UTC(2026, 10, 21, 14, 34);
    expect(clockTime(t, 'UTC')).toBe('2:34 PM');
    expect(clockTime(t, 'America/New_York')).toBe('9:34 AM');
    expect(clockTime(t, 'Asia/Tokyo')).toBe('11:34 PM');
  });

  it('falls back to the browser zone for an unknown zone', () => {
    const t = Date.UTC(2026, 10, 21, 14, 34);
    expect(clockTime(t, 'Not/AZone')).toBe(clockTime(t));
  });
});

describe('previewOf', () => {
  const last = { kind: 'text' as const, isOwn: false, createdTime: 0 };
  it('cuts to 60 characters on one line', () => {
    const text = 'a'.repeat(59) + ' second\nline';
    const preview = previewOf({ ...last, text });
    expect(Array.from(preview.replace('…', '')).length).toBeLessThanOrEqual(60);
    expect(preview.endsWith('…')).toBe(true);
    expect(previewOf({ ...last, text: 'short\nreply' })).toBe('short reply');
  });

  it('prefixes the account’s own messages with "You:"', () => {
    expect(previewOf({ ...last, isOwn: true, text: 'Thanks!' })).toBe('You: Thanks!');
  });

  it('never splits an emoji', () => {
    const preview = previewOf({ ...last, text: '😀'.repeat(70) });
    expect(preview).toBe('😀'.repeat(60) + '…');
  });

  it('describes messages without text', () => {
    expect(previewOf({ ...last, kind: 'image', text: '' })).toBe('Sent a photo');
    expect(previewOf({ ...last, kind: 'story-mention', text: '' })).toBe('Mentioned you in their story');
    expect(previewOf(null)).toBe('');
  });
});

describe('text helpers', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('😀')).toBe(4);
  });
  it('names unknown participants "Instagram User"', () => {
    expect(participantName({ username: null })).toBe('Instagram User');
    expect(participantName({ username: '  ' })).toBe('Instagram User');
    expect(participantName({ username: 'maria' })).toBe('maria');
  });
  it('takes the first letter, emoji included', () => {
    expect(initialOf('maria')).toBe('M');
    expect(initialOf('😀 fan')).toBe('😀');
  });
  it('truncates by code points', () => {
    expect(truncate('hello world', 5)).toBe('hello…');
  });
});

describe('linkify', () => {
  it('links only http(s) URLs and keeps trailing punctuation outside', () => {
    expect(linkify('see https://example.com/menu. or javascript:alert(1)')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', text: 'https://example.com/menu', href: 'https://example.com/menu' },
      { type: 'text', text: '. or javascript:alert(1)' },
    ]);
  });
  it('returns plain text untouched', () => {
    expect(linkify('<b>hi</b>')).toEqual([{ type: 'text', text: '<b>hi</b>' }]);
  });
});
