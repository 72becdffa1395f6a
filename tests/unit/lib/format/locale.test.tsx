import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { shortWhen } from '@/lib/desk/times';
import { setClockChoice, uses12Hour } from '@/lib/format/locale';
import { compactCount, formatKilobytes, formatMegabytes, formatNumber, formatSize } from '@/lib/format/numbers';
import { clockTime, dayLabel, fullDateTime, relativeTime } from '@/lib/format/time';
import { followClockSetting } from '@/lib/models/environment';
import { clockSetting } from '@/lib/settings';
import { useLanguage } from '../../support/i18n';

// Saturday 21 November 2026, 14:34 UTC; "now" is a little later the same day.
const AT = Date.UTC(2026, 10, 21, 14, 34);
const NOW = Date.UTC(2026, 10, 21, 17, 0);

afterEach(() => {
  setClockChoice('auto');
  cleanup();
});

/** The same moment, each way DM Desk writes it, in the language in use. */
function written() {
  return {
    clock: clockTime(AT, 'UTC'),
    tooltip: fullDateTime(AT, 'UTC'),
    minutes: relativeTime(NOW - 5 * 60_000, NOW, 'UTC'),
    hours: relativeTime(AT, NOW, 'UTC'),
    days: relativeTime(AT, NOW + 3 * 86_400_000, 'UTC'),
    now: relativeTime(NOW - 10_000, NOW, 'UTC'),
    lastYear: relativeTime(Date.UTC(2025, 2, 26, 12), NOW, 'UTC'),
    today: dayLabel(AT, NOW, 'UTC'),
    yesterday: dayLabel(AT, NOW + 86_400_000, 'UTC'),
    heading: dayLabel(AT, NOW + 5 * 86_400_000, 'UTC'),
    snoozeNextWeek: shortWhen(Date.UTC(2026, 10, 24, 9, 0), NOW, 'UTC'),
    snoozeLater: shortWhen(Date.UTC(2027, 0, 12, 9, 0), NOW, 'UTC'),
  };
}

describe('times in the UI language', () => {
  it('English: 12-hour clock, day before month, short ages', () => {
    useLanguage('en');
    expect(written()).toEqual({
      clock: '2:34 PM',
      tooltip: 'Sat 21 Nov 2026, 2:34 PM',
      minutes: '5m',
      hours: '2h',
      days: '3d',
      now: 'now',
      lastYear: '26 Mar 2025',
      today: 'Today',
      yesterday: 'Yesterday',
      heading: 'Saturday, 21 November',
      snoozeNextWeek: 'Tue 9:00 AM',
      snoozeLater: '12 Jan 9:00 AM',
    });
  });

  it('German: 24-hour clock, "21. Nov.", Instagram’s short ages', () => {
    useLanguage('de');
    expect(written()).toEqual({
      clock: '14:34',
      tooltip: 'Sa., 21. Nov. 2026, 14:34',
      minutes: '5 Min.',
      hours: '2 Std.',
      days: '3 T.',
      now: 'jetzt',
      lastYear: '26. März 2025',
      today: 'Heute',
      yesterday: 'Gestern',
      heading: 'Samstag, 21. November',
      snoozeNextWeek: 'Di. 09:00',
      snoozeLater: '12. Jan. 09:00',
    });
  });

  it('Spanish: 24-hour clock, lower-case months, a capital on headings', () => {
    useLanguage('es');
    expect(written()).toEqual({
      clock: '14:34',
      tooltip: 'sáb, 21 nov 2026, 14:34',
      minutes: '5 min',
      hours: '2 h',
      days: '3 d',
      now: 'ahora',
      lastYear: '26 mar 2025',
      today: 'Hoy',
      yesterday: 'Ayer',
      heading: 'Sábado, 21 de noviembre',
      snoozeNextWeek: 'mar 9:00',
      snoozeLater: '12 ene 9:00',
    });
  });

  it('Brazilian Portuguese: 24-hour clock, "21 de nov"', () => {
    useLanguage('pt_BR');
    expect(written()).toEqual({
      clock: '14:34',
      tooltip: 'sábado, 21 de nov de 2026, 14:34',
      minutes: '5 min',
      hours: '2 h',
      days: '3 d',
      now: 'agora',
      lastYear: '26 de mar de 2025',
      today: 'Hoje',
      yesterday: 'Ontem',
      heading: 'Sábado, 21 de novembro',
      snoozeNextWeek: 'terça 09:00',
      snoozeLater: '12 de jan 09:00',
    });
  });

  it('follows the browser’s region within a language: British English reads a 24-hour clock', () => {
    useLanguage('en', 'en-GB');
    expect(clockTime(AT, 'UTC')).toBe('14:34');
    useLanguage('en', 'en-US');
    expect(clockTime(AT, 'UTC')).toBe('2:34 PM');
  });
});

describe('the 12/24-hour choice', () => {
  it('24 hours in English, 12 hours in German, and back to each language’s own', () => {
    useLanguage('en');
    setClockChoice('24');
    expect(clockTime(AT, 'UTC')).toBe('14:34');
    expect(fullDateTime(AT, 'UTC')).toBe('Sat 21 Nov 2026, 14:34');
    expect(shortWhen(Date.UTC(2026, 10, 24, 9, 0), NOW, 'UTC')).toBe('Tue 09:00');
    useLanguage('de');
    setClockChoice('12');
    expect(uses12Hour()).toBe(true);
    expect(clockTime(AT, 'UTC')).toMatch(/^2:34 \S+$/);
    setClockChoice('auto');
    expect(clockTime(AT, 'UTC')).toBe('14:34');
    useLanguage('en');
    expect(clockTime(AT, 'UTC')).toBe('2:34 PM');
  });

  it('reads anything it does not know as the language’s own clock', () => {
    setClockChoice('25');
    expect(clockTime(AT, 'UTC')).toBe('2:34 PM');
  });

  it('a time on screen changes when the setting is changed elsewhere (another page, the options page)', async () => {
    const stop = followClockSetting();
    const Shown = () => <time>{clockTime(AT, 'UTC')}</time>;
    render(<Shown />);
    await waitFor(() => expect(screen.getByText('2:34 PM')).toBeTruthy());
    await clockSetting.setValue('24');
    await waitFor(() => expect(screen.getByText('14:34')).toBeTruthy());
    await clockSetting.setValue('auto');
    await waitFor(() => expect(screen.getByText('2:34 PM')).toBeTruthy());
    stop();
  });
});

describe('numbers and sizes in the UI language', () => {
  it('counts, follower counts and sizes', () => {
    // Spaces compared as spaces: Intl puts a no-break space in some ("48,2 mil").
    const all = () =>
      [
        formatNumber(1234),
        compactCount(48_213),
        formatKilobytes(99_738),
        formatMegabytes(8 * 1024 * 1024),
        formatSize(3_355_443),
        formatSize(300),
      ].map((s) => s.replace(/\s/g, ' '));
    useLanguage('en');
    expect(all()).toEqual(['1,234', '48.2K', '97.4 KB', '8.0 MB', '3.2 MB', '1 KB']);
    useLanguage('de');
    expect(all()).toEqual(['1.234', '48.213', '97,4 KB', '8,0 MB', '3,2 MB', '1 KB']);
    useLanguage('es');
    expect(all()).toEqual(['1234', '48,2 mil', '97,4 KB', '8,0 MB', '3,2 MB', '1 KB']);
    useLanguage('pt_BR');
    expect(all()).toEqual(['1.234', '48,2 mil', '97,4 KB', '8,0 MB', '3,2 MB', '1 KB']);
  });
});
