/**
 * How dates and times are written in the UI's language (`uiLocale()`): its date-fns locale, its
 * date patterns, and its clock (12 or 24 hours, or what the person chose on the options page).
 *
 * The clock choice is a signal: a component that shows a time re-renders when it changes, and a
 * page sets it from the stored setting (lib/models/environment: `followClockSetting`).
 */
import { signal } from '@preact/signals-core';
import type { Locale } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { logDiagnostic } from '../diagnostics';
import { uiLocale } from '../i18n';

/** The clock times are shown in: the language's usual one, or always 12 or always 24 hours. */
export type ClockChoice = 'auto' | '12' | '24';
export const CLOCK_CHOICES: readonly ClockChoice[] = ['auto', '12', '24'];

export function isClockChoice(value: unknown): value is ClockChoice {
  return CLOCK_CHOICES.includes(value as ClockChoice);
}

const clock = signal<ClockChoice>('auto');

/** Sets the clock every time on this page is shown in (anything unknown reads as 'auto'). */
export function setClockChoice(choice: unknown): void {
  clock.value = isClockChoice(choice) ? choice : 'auto';
}

type Language = 'en' | 'de' | 'es' | 'pt';

/**
 * date-fns patterns (https://date-fns.org/docs/format), one line per use with each language's
 * form. Nobody reads a pattern itself, so none is a word for the locale files.
 */
const PATTERNS = {
  /** i18n-exempt: patterns. A list row older than a week: "26 Mar". */
  dayMonth: { en: 'd MMM', de: 'd. MMM', es: 'd MMM', pt: "d 'de' MMM" },
  /** i18n-exempt: patterns. The same in another year: "26 Mar 2025". */
  dayMonthYear: { en: 'd MMM yyyy', de: 'd. MMM yyyy', es: 'd MMM yyyy', pt: "d 'de' MMM 'de' yyyy" },
  /** i18n-exempt: patterns. A weekday within the week ahead: "Tue". */
  weekday: { en: 'EEE', de: 'EEE', es: 'EEE', pt: 'EEE' },
  /** i18n-exempt: patterns. The date part of a tooltip: "Sat 21 Nov 2026". */
  weekdayDate: { en: 'EEE d MMM yyyy', de: 'EEE, d. MMM yyyy', es: 'EEE, d MMM yyyy', pt: "EEE, d 'de' MMM 'de' yyyy" },
  /** i18n-exempt: patterns. A day separator in a thread: "Saturday, 21 November". */
  dayHeading: { en: 'EEEE, d MMMM', de: 'EEEE, d. MMMM', es: "EEEE, d 'de' MMMM", pt: "EEEE, d 'de' MMMM" },
  /** i18n-exempt: patterns. The same in another year. */
  yearHeading: { en: 'EEEE, d MMMM yyyy', de: 'EEEE, d. MMMM yyyy', es: "EEEE, d 'de' MMMM 'de' yyyy", pt: "EEEE, d 'de' MMMM 'de' yyyy" },
  /** i18n-exempt: patterns. A time with a 12-hour clock: "2:34 PM". */
  time12: { en: 'h:mm a', de: 'h:mm a', es: 'h:mm a', pt: 'h:mm a' },
  /** i18n-exempt: patterns. A time with a 24-hour clock: "14:34". */
  time24: { en: 'HH:mm', de: 'HH:mm', es: 'H:mm', pt: 'HH:mm' },
} satisfies Record<string, Record<Language, string>>;

/** The date-fns patterns of one language, by use (see PATTERNS). */
export type DatePatterns = Record<keyof typeof PATTERNS, string>;

/**
 * The date-fns locales loaded so far. English is always there; another shipped language is loaded
 * once by `loadDateLocale` before a page first renders (each is its own small file, so a page
 * carries only the language it shows).
 */
const LOCALES: Partial<Record<Language, Locale>> = { en: enUS };

/** Loads the date-fns locale of the UI's language (nothing to load for English). */
export async function loadDateLocale(tag = uiLocale()): Promise<void> {
  const lang = language(tag);
  if (LOCALES[lang]) return;
  try {
    LOCALES[lang] =
      lang === 'de'
        ? (await import('date-fns/locale/de')).de
        : lang === 'es'
          ? (await import('date-fns/locale/es')).es
          : (await import('date-fns/locale/pt-BR')).ptBR;
  } catch (e) {
    // Dates then read in English, with the language's own patterns and clock.
    logDiagnostic('ui', 'Could not load the date names of the UI language', e);
  }
}

function language(tag: string): Language {
  const base = tag.split('-')[0]?.toLowerCase();
  return base === 'de' || base === 'es' || base === 'pt' ? base : 'en';
}

/** The date-fns locale of the UI's language (English for a language DM Desk does not ship). */
export function dateLocale(tag = uiLocale()): Locale {
  return LOCALES[language(tag)] ?? enUS;
}

/** The date patterns of the UI's language. */
export function datePatterns(tag = uiLocale()): DatePatterns {
  const lang = language(tag);
  const patterns = {} as DatePatterns;
  for (const use of Object.keys(PATTERNS) as (keyof DatePatterns)[]) patterns[use] = PATTERNS[use][lang];
  return patterns;
}

const languageClock = new Map<string, boolean>();

/** Whether the language (with its region: en-US, not en-GB) writes times with a 12-hour clock. */
export function languageUses12Hour(tag: string): boolean {
  let twelve = languageClock.get(tag);
  if (twelve === undefined) {
    try {
      const cycle = new Intl.DateTimeFormat(tag, { hour: 'numeric' }).resolvedOptions().hourCycle;
      twelve = cycle === 'h12' || cycle === 'h11';
    } catch {
      // An unknown tag: Intl refusing it is the answer; English's default clock stands.
      twelve = true;
    }
    languageClock.set(tag, twelve);
  }
  return twelve;
}

/** Times are shown with a 12-hour clock: the choice on the options page, else the language's. */
export function uses12Hour(tag = uiLocale()): boolean {
  const choice = clock.value;
  return choice === 'auto' ? languageUses12Hour(tag) : choice === '12';
}

/** The pattern of a clock time ("2:34 PM" or "14:34") in the UI's language and the chosen clock. */
export function timePattern(tag = uiLocale()): string {
  const patterns = datePatterns(tag);
  return uses12Hour(tag) ? patterns.time12 : patterns.time24;
}

/** "sábado, 21 de noviembre" → "Sábado, 21 de noviembre": a heading starts with a capital. */
export function capitalize(text: string, tag = uiLocale()): string {
  const first = text.charAt(0);
  return first ? first.toLocaleUpperCase(tag) + text.slice(1) : text;
}
