import { describe, expect, it } from 'vitest';
import type { LastMessage, MessageKind } from '@/lib/db/schema';
import { initialOf, kindLabel, participantName, previewOf } from '@/lib/format/text';
import { clockTime, dayKey, dayLabel, fullDateTime, isoTime, relativeTime } from '@/lib/format/time';

const NOW = Date.UTC(2026, 10, 21, 15, 0);
const impossible = [1e16, -1e16, Number.NaN, Number.POSITIVE_INFINITY, undefined, null, '2026-11-21'] as unknown as number[];

describe('formatters never throw on bad stored data', () => {
  it.each(impossible)('times: %s', (t) => {
    expect(relativeTime(t, NOW, 'UTC')).toBe('');
    expect(clockTime(t, 'UTC')).toBe('');
    expect(fullDateTime(t, 'UTC')).toBe('');
    expect(dayLabel(t, NOW, 'UTC')).toBe('Unknown date');
    expect(dayKey(t, 'UTC')).toBe('unknown');
    expect(isoTime(t)).toBeUndefined();
  });

  it('a valid time still formats', () => {
    expect(isoTime(NOW)).toBe('2026-11-21T15:00:00.000Z');
    expect(relativeTime(NOW - 5 * 60_000, NOW, 'UTC')).toBe('5m');
  });

  it('names, initials, kinds and previews', () => {
    expect(participantName({} as { username: string | null })).toBe('Instagram User');
    expect(participantName({ username: 42 } as unknown as { username: string | null })).toBe('Instagram User');
    expect(initialOf(undefined as unknown as string)).toBe('?');
    expect(kindLabel('nonsense' as MessageKind, false)).toBe('Message only visible in Instagram');
    expect(kindLabel('toString' as MessageKind, false)).toBe('Message only visible in Instagram');
    expect(previewOf({ text: 5, kind: 'nonsense', isOwn: false, createdTime: 1e16 } as unknown as LastMessage)).toBe(
      'Message only visible in Instagram',
    );
    expect(previewOf('oops' as unknown as LastMessage)).toBe('');
  });
});
