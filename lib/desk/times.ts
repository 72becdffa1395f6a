/**
 * When a snooze ends: the menu's choices (later today, tomorrow morning, next week) in the time
 * zone the person reads times in, the short form a row shows ("Tue 9:00 AM"), and the value of a
 * datetime-local input. Pure.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format } from 'date-fns';
import { dateLocale, datePatterns, timePattern } from '../format/locale';
import { isValidTime, validTimeZone } from '../format/time';
import { t, uiLocale } from '../i18n';

export type SnoozePresetId = 'later' | 'tomorrow' | 'next-week';

export interface SnoozePreset {
  id: SnoozePresetId;
  label: string;
  until: number;
}

/** Morning starts at this hour; "later today" is this evening hour while it is far enough away. */
export const MORNING_HOUR = 9;
export const EVENING_HOUR = 18;
/** Later today: at least this long from now (else three hours from now). */
const LATER_MIN_MS = 60 * 60 * 1000;
const LATER_MS = 3 * 60 * 60 * 1000;

function zoned(t: number, tz?: string): Date {
  const zone = validTimeZone(tz);
  return zone ? new TZDate(t, zone) : new Date(t);
}

function at(day: Date, hour: number): number {
  const copy = day instanceof TZDate && day.timeZone ? new TZDate(day.getTime(), day.timeZone) : new Date(day.getTime());
  copy.setHours(hour, 0, 0, 0);
  return copy.getTime();
}

/** The menu's choices, each with its time. */
export function snoozePresets(now: number, tz?: string): SnoozePreset[] {
  const today = zoned(now, tz);
  const evening = at(today, EVENING_HOUR);
  const later = evening - now >= LATER_MIN_MS ? evening : now + LATER_MS;
  const tomorrow = at(addDays(today, 1), MORNING_HOUR);
  // Next Monday (a week from today when today is Monday).
  const toMonday = (8 - today.getDay()) % 7 || 7;
  const nextWeek = at(addDays(today, toMonday), MORNING_HOUR);
  return [
    { id: 'later', label: t('desk.snoozeLaterToday'), until: later },
    { id: 'tomorrow', label: t('desk.snoozeTomorrow'), until: tomorrow },
    { id: 'next-week', label: t('desk.snoozeNextWeek'), until: nextWeek },
  ];
}

/**
 * "6:00 PM" today, "Tue 9:00 AM" within the week ahead, else "12 Jan 9:00 AM"; in the UI's
 * language and clock ("Di. 09:00", "12. Jan. 09:00" in German).
 */
export function shortWhen(t: number, now: number, tz?: string): string {
  if (!isValidTime(t) || !isValidTime(now)) return '';
  const tag = uiLocale();
  const patterns = datePatterns(tag);
  const then = zoned(t, tz);
  const days = differenceInCalendarDays(then, zoned(now, tz));
  const day = days === 0 ? '' : days > 0 && days < 7 ? `${patterns.weekday} ` : `${patterns.dayMonth} `;
  return format(then, day + timePattern(tag), { locale: dateLocale(tag) });
}

/** A time as a datetime-local input shows it ("2026-12-02T18:00"). */
export function toLocalInput(t: number, tz?: string): string {
  return isValidTime(t) ? format(zoned(t, tz), "yyyy-MM-dd'T'HH:mm") : '';
}

/** A datetime-local input's value as a time, or null when it is none. */
export function fromLocalInput(value: string, tz?: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const zone = validTimeZone(tz);
  const t = zone ? new TZDate(y, mo - 1, d, h, mi, zone).getTime() : new Date(y, mo - 1, d, h, mi).getTime();
  return isValidTime(t) ? t : null;
}
