/** Every date a person reads goes through here (date-fns, in the chosen time zone). */
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, differenceInHours, differenceInMinutes, format } from 'date-fns';

/** A time zone the browser knows, or undefined for the browser's own. */
export function validTimeZone(tz: string | null | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    // Intl refusing the name is the answer (an unknown zone), not a failure to report.
    return undefined;
  }
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

/** "now", "5m", "2h", "3d", then "26 Mar" (with the year when it is not this year). */
export function relativeTime(t: number, now: number, tz?: string): string {
  if (!isValidTime(t) || !isValidTime(now)) return NO_TIME;
  const minutes = differenceInMinutes(now, t);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  const hours = differenceInHours(now, t);
  if (hours < 24) return `${hours}h`;
  const then = inZone(t, tz);
  const today = inZone(now, tz);
  const days = differenceInCalendarDays(today, then);
  if (days < 7) return `${Math.max(1, days)}d`;
  return then.getFullYear() === today.getFullYear() ? format(then, 'd MMM') : format(then, 'd MMM yyyy');
}

/** 12-hour clock time, e.g. "2:34 PM". */
export function clockTime(t: number, tz?: string): string {
  if (!isValidTime(t)) return NO_TIME;
  return format(inZone(t, tz), 'h:mm a');
}

/** Full date and time for tooltips, e.g. "Sat 21 Nov 2026, 2:34 PM". */
export function fullDateTime(t: number, tz?: string): string {
  if (!isValidTime(t)) return NO_TIME;
  return format(inZone(t, tz), 'EEE d MMM yyyy, h:mm a');
}

/** Day separator in a thread, e.g. "Saturday, 21 November". */
export function dayLabel(t: number, now: number, tz?: string): string {
  if (!isValidTime(t) || !isValidTime(now)) return 'Unknown date';
  const then = inZone(t, tz);
  const days = differenceInCalendarDays(inZone(now, tz), then);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return then.getFullYear() === inZone(now, tz).getFullYear() ? format(then, 'EEEE, d MMMM') : format(then, 'EEEE, d MMMM yyyy');
}

/** A stable key for grouping messages by calendar day in the zone. */
export function dayKey(t: number, tz?: string): string {
  if (!isValidTime(t)) return 'unknown';
  return format(inZone(t, tz), 'yyyy-MM-dd');
}
