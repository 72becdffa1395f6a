import { describe, expect, it } from 'vitest';
import { fromLocalInput, shortWhen, snoozePresets, toLocalInput } from '@/lib/desk/times';

// Wednesday 2 December 2026, 10:00 UTC.
const WED_10 = Date.UTC(2026, 11, 2, 10, 0);

describe('snoozePresets', () => {
  it('later today is this evening, tomorrow and next week are 9:00, in the chosen time zone', () => {
    const p = snoozePresets(WED_10, 'UTC');
    expect(p.map((x) => [x.id, new Date(x.until).toISOString()])).toEqual([
      ['later', '2026-12-02T18:00:00.000Z'],
      ['tomorrow', '2026-12-03T09:00:00.000Z'],
      ['next-week', '2026-12-07T09:00:00.000Z'],
    ]);
    expect(new Date(snoozePresets(WED_10, 'America/New_York')[1]!.until).toISOString()).toBe('2026-12-03T14:00:00.000Z');
  });

  it('late in the day, later today is three hours on', () => {
    const evening = Date.UTC(2026, 11, 2, 17, 30);
    expect(snoozePresets(evening, 'UTC')[0]!.until).toBe(evening + 3 * 3600_000);
  });

  it('on a Monday, next week is the Monday after', () => {
    const monday = Date.UTC(2026, 11, 7, 10, 0);
    expect(new Date(snoozePresets(monday, 'UTC')[2]!.until).toISOString()).toBe('2026-12-14T09:00:00.000Z');
  });
});

describe('times as a row shows them and as the input takes them', () => {
  it('shortWhen: the time today, the weekday within a week, else the date', () => {
    expect(shortWhen(Date.UTC(2026, 11, 2, 18, 0), WED_10, 'UTC')).toBe('6:00 PM');
    expect(shortWhen(Date.UTC(2026, 11, 8, 9, 0), WED_10, 'UTC')).toBe('Tue 9:00 AM');
    expect(shortWhen(Date.UTC(2027, 0, 12, 9, 0), WED_10, 'UTC')).toBe('12 Jan 9:00 AM');
    expect(shortWhen(Number.NaN, WED_10, 'UTC')).toBe('');
  });

  it('datetime-local values round-trip in the time zone, and junk is no time', () => {
    expect(toLocalInput(WED_10, 'Asia/Tokyo')).toBe('2026-12-02T19:00');
    expect(fromLocalInput('2026-12-02T19:00', 'Asia/Tokyo')).toBe(WED_10);
    expect(fromLocalInput('', 'UTC')).toBeNull();
    expect(fromLocalInput('2026-12-02', 'UTC')).toBeNull();
  });
});
