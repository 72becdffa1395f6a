/**
 * The search box's filters, read out of what the person typed: `label:vip`, `label:"Wholesale EU"`
 * (quotes for names with spaces), `is:done`, `is:snoozed`, `is:pinned`, `is:unread`. Filters are
 * AND-ed with each other and with the words left over; a filter alone lists the conversations it
 * matches. Pure, so the side panel's model and its tests share one reading.
 */
import { t } from '../i18n';
import { normalizeForSearch } from './text';

export const STATUS_FILTERS = ['done', 'snoozed', 'pinned', 'unread'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * What the search box's help says about filters: the syntax as typed (`label:` and `is:` stay the
 * same in every language) and what it finds, in the person's language.
 */
export function filterHelp(): Array<[syntax: string, what: string]> {
  return [
    ['label:vip', t('search.helpLabel')],
    ['is:done · is:snoozed', t('search.helpDoneSnoozed')],
    ['is:pinned · is:unread', t('search.helpPinnedUnread')],
    [t('search.helpExample'), t('search.helpTogether')],
  ];
}

export interface ParsedSearch {
  /** The words left for the text search (may be empty: then the filters alone list conversations). */
  words: string;
  /** Label names asked for, as typed (all must be on a conversation). */
  labels: string[];
  status: StatusFilter[];
  /** `is:` values DM Desk does not know, as typed. */
  unknownStatus: string[];
  /**
   * A `label:` still being typed at the end of the box (no space after it yet): the part typed so
   * far, for suggestions. Already in `labels` when it is a whole word; not when a quote is open.
   */
  typingLabel: string | null;
}

/** `key:` then a quoted value (maybe not closed yet) or a bare one. */
const FILTER = /(^|\s)(label|is):(?:"([^"]*)("?)|(\S*))/giu;

export function parseSearchInput(input: string): ParsedSearch {
  const labels: string[] = [];
  const status: StatusFilter[] = [];
  const unknownStatus: string[] = [];
  let typingLabel: string | null = null;
  const words = input.replace(
    FILTER,
    (whole, lead: string, key: string, quoted?: string, closing?: string, bare?: string, offset?: number) => {
      const atEnd = (offset ?? 0) + whole.length === input.length;
      const value = (quoted ?? bare ?? '').trim().replace(/\s+/g, ' ');
      if (key.toLowerCase() === 'label') {
        const open = quoted !== undefined && closing === '';
        if (atEnd) typingLabel = quoted ?? bare ?? '';
        if (value !== '' && !open) labels.push(value);
      } else {
        const v = value.toLowerCase();
        if ((STATUS_FILTERS as readonly string[]).includes(v)) status.push(v as StatusFilter);
        else if (v !== '') unknownStatus.push(value);
      }
      return lead;
    },
  );
  return {
    words: words.trim().replace(/\s+/g, ' '),
    labels: [...new Set(labels)],
    status: [...new Set(status)],
    unknownStatus,
    typingLabel,
  };
}

export function hasFilters(p: ParsedSearch): boolean {
  return p.labels.length > 0 || p.status.length > 0;
}

/** Label names compare without case, accents or extra spaces. */
export function sameLabelName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

function foldName(s: string): string {
  return normalizeForSearch(s).trim().replace(/\s+/g, ' ');
}

/** Labels that start with (then contain) what is typed after `label:`, best first. */
export function labelSuggestions<L extends { name: string }>(labels: readonly L[], typed: string, max = 8): L[] {
  const t = foldName(typed);
  const starts = labels.filter((l) => foldName(l.name).startsWith(t));
  const contains = labels.filter((l) => !starts.includes(l) && foldName(l.name).includes(t));
  return [...starts, ...contains].slice(0, max);
}

/** The box's text with the `label:` being typed replaced by a whole one (quoted when it has a space). */
export function completeLabel(input: string, name: string): string {
  const token = /\s/.test(name) ? `label:"${name}"` : `label:${name}`;
  const at = input.search(/(?:^|\s)label:(?:"[^"]*|\S*)$/iu);
  if (at < 0) return `${input}${input === '' || /\s$/.test(input) ? '' : ' '}${token} `;
  const lead = /\s/.test(input[at] ?? '') ? at + 1 : at;
  return `${input.slice(0, lead)}${token} `;
}
