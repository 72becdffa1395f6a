/**
 * Every date a person reads goes through here: date-fns in the chosen time zone, written in the
 * UI's language (its date-fns locale and patterns, lib/format/locale) with the chosen clock.
 */
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, differenceInHours, differenceInMinutes, format } from 'date-fns';
import { t, uiLocale } from '../i18n';
import { capitalize, dateLocale, datePatterns, timePattern } from './locale';
import { formatNumber } from './numbers';

/**
 * Zone names already checked: making an Intl.DateTimeFormat costs far more than the date it helps
 * write, and every time a list row shows (two per row) asked again.
 */
const checkedZones = new Map<string, string | undefined>();

/** A time zone the browser knows, or undefined for the browser's own. */
export function validTimeZone(tz: string | null | undefined): string | undefined {
  if (!tz) return undefined;
  if (checkedZones.has(tz)) return checkedZones.get(tz);
  let known: string | undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    known = tz;
  } catch {
    // Intl refusing the name is the answer (an unknown zone), not a failure to report.
    known = undefined;
  }
  checkedZones.set(tz, known);
  return known;
}

/** JavaScript dates end at ±8.64e15 ms; anything else (NaN, 1e16, a string) is no time at all. */
export function isValidTime(t: unknown): t is number {
  return typeof t === 'number' && Number.isFinite(t) && Math.abs(t) <= 8.64e15;
}

/** What a formatter shows for a time that is not one (bad stored data never throws). */
export const NO_TIME = '';

/** ISO form for `<time dateTime>`, or undefined for an impossible time. */
export function isoTime(t: unknown): string | undefined {
  return isValidTime(t) ? new Date(t).toISOString() : undefined;
}

function inZone(t: number, tz?: string): Date {
  const zone = validTimeZone(tz);
  return zone ? new TZDate(t, zone) : new Date(t);
}

/** date-fns `format` in the UI's language. */
function write(date: Date, pattern: string, tag: string): string {
  return format(date, pattern, { locale: dateLocale(tag) });
}

/** "Today", "Yesterday", "now" in the UI's language (Intl's own words for them). */
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeWord(value: number, unit: Intl.RelativeTimeFormatUnit, tag: string): string {
  let format = relativeFormats.get(tag);
  if (!format) relativeFormats.set(tag, (format = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })));
  return format.format(value, unit);
}

/**
 * A list row's time: "now", "5m", "2h", "3d", then "26 Mar" (with the year when it is not this
 * year); in German "jetzt", "5 Min.", "2 Std.", "3 T.", "26. März".
 */
export function relativeTime(at: number, now: number, tz?: string): string {
  if (!isValidTime(at) || !isValidTime(now)) return NO_TIME;
  const tag = uiLocale();
  const minutes = differenceInMinutes(now, at);
  if (minutes < 1) return relativeWord(0, 'second', tag);
  if (minutes < 60) return t('time.minutesShort', { count: formatNumber(minutes) });
  const hours = differenceInHours(now, at);
  if (hours < 24) return t('time.hoursShort', { count: formatNumber(hours) });
  const then = inZone(at, tz);
  const today = inZone(now, tz);
  const days = differenceInCalendarDays(today, then);
  if (days < 7) return t('time.daysShort', { count: formatNumber(Math.max(1, days)) });
  const patterns = datePatterns(tag);
  return write(then, then.getFullYear() === today.getFullYear() ? patterns.dayMonth : patterns.dayMonthYear, tag);
}

/** A clock time in the chosen clock: "2:34 PM" in English, "14:34" in German. */
export function clockTime(t: number, tz?: string): string {
  if (!isValidTime(t)) return NO_TIME;
  const tag = uiLocale();
  return write(inZone(t, tz), timePattern(tag), tag);
}

/** Full date and time for tooltips: "Sat 21 Nov 2026, 2:34 PM", "Sa., 21. Nov. 2026, 14:34". */
export function fullDateTime(t: number, tz?: string): string {
  if (!isValidTime(t)) return NO_TIME;
  const tag = uiLocale();
  return write(inZone(t, tz), `${datePatterns(tag).weekdayDate}, ${timePattern(tag)}`, tag);
}

/** Day separator in a thread: "Today", "Yesterday", "Saturday, 21 November" ("Samstag, 21. November"). */
export function dayLabel(at: number, now: number, tz?: string): string {
  if (!isValidTime(at) || !isValidTime(now)) return t('time.unknownDate');
  const tag = uiLocale();
  const then = inZone(at, tz);
  const today = inZone(now, tz);
  const days = differenceInCalendarDays(today, then);
  if (days === 0 || days === 1) return capitalize(relativeWord(days === 0 ? 0 : -1, 'day', tag), tag);
  const patterns = datePatterns(tag);
  return capitalize(write(then, then.getFullYear() === today.getFullYear() ? patterns.dayHeading : patterns.yearHeading, tag), tag);
}

/** A stable key for grouping messages by calendar day in the zone. */
export function dayKey(t: number, tz?: string): string {
  if (!isValidTime(t)) return 'unknown';
  // i18n-exempt: a key, never shown
  return format(inZone(t, tz), 'yyyy-MM-dd');
}

/** 2:34 PM (or 14:34) written with a 12- or 24-hour clock in the UI's language: the options page's examples. */
export function sampleTime(twelveHour: boolean): string {
  const tag = uiLocale();
  const patterns = datePatterns(tag);
  return write(new Date(2026, 0, 1, 14, 34), twelveHour ? patterns.time12 : patterns.time24, tag);
}
