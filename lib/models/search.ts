/**
 * The search box: as-you-type search over the local archive (this account or all accounts): the
 * matching messages and notes, each with its conversation and date. Filters in the box
 * (`label:vip`, `is:done`, …; see lib/search/filters.ts) narrow it to some conversations, and on
 * their own list those conversations.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Account, ContactNote, Conversation, ConversationDesk, Label, Message } from '../db/schema';
import {
  completeLabel,
  hasFilters,
  labelSuggestions,
  noteIdOf,
  parseSearchInput,
  STATUS_FILTERS,
  type QueryOptions,
  type SearchHit,
} from '../search';
import { filterConversations, filterScope, type FilterReads } from './search-filters';
import { t } from '../i18n';

export interface SearchDeps {
  query(q: string, opts: QueryOptions & { limit: number }): Promise<SearchHit[]>;
  getMessages(ids: string[]): Promise<Message[]>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /** Notes found by the search (a note is a doc of the same index). */
  getNotes?(ids: string[]): Promise<ContactNote[]>;
  /** The desk's records and the cache, for `label:` and `is:` filters. */
  filters?: FilterReads;
  now?(): number;
  delayMs?: number;
}

export type SearchResult =
  | { kind: 'message'; key: string; hit: SearchHit; message: Message; conversation: Conversation }
  | { kind: 'note'; key: string; hit: SearchHit; note: ContactNote; conversation: Conversation }
  /** A conversation a filter matched (filters with no words). */
  | { kind: 'conversation'; key: string; conversation: Conversation; desk: ConversationDesk | undefined };

export type SearchModel = ReturnType<typeof createSearchModel>;

export const SEARCH_LIMIT = 50;
/** Filters alone list at most this many conversations (newest first). */
export const FILTER_LIST_LIMIT = 200;

export function createSearchModel(deps: SearchDeps) {
  const text = signal('');
  const allAccounts = signal(false);
  const results = signal<SearchResult[] | null>(null);
  const busy = signal(false);
  /** Why the results are empty when it is not "nothing matches" (an unknown label or filter). */
  const notice = signal<string | null>(null);
  /** Conversations the filters matched in all (the list shows at most FILTER_LIST_LIMIT). */
  const total = signal<number | null>(null);
  const suggestions = signal<Label[]>([]);
  const labelsById = signal<ReadonlyMap<string, Label>>(new Map());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;

  async function joinHits(hits: SearchHit[]): Promise<SearchResult[]> {
    const noteIds = new Map(hits.map((h) => [h.messageId, noteIdOf(h.messageId)]));
    const messageIds = hits.filter((h) => noteIds.get(h.messageId) === null).map((h) => h.messageId);
    const wantedNotes = hits.flatMap((h) => noteIds.get(h.messageId) ?? []);
    const [messages, notes] = await Promise.all([
      deps.getMessages(messageIds).then((list) => new Map(list.map((m) => [m.id, m]))),
      wantedNotes.length > 0 && deps.getNotes
        ? deps.getNotes(wantedNotes).then((list) => new Map(list.map((n) => [n.id, n])))
        : new Map<string, ContactNote>(),
    ]);
    const conversations = new Map<string, Conversation>();
    for (const h of hits) {
      if (!conversations.has(h.conversationId)) {
        const c = await deps.getConversation(h.conversationId);
        if (c) conversations.set(c.id, c);
      }
    }
    return hits.flatMap((hit): SearchResult[] => {
      const conversation = conversations.get(hit.conversationId);
      if (!conversation) return [];
      const noteId = noteIds.get(hit.messageId);
      if (noteId) {
        const note = notes.get(noteId);
        return note ? [{ kind: 'note', key: hit.messageId, hit, note, conversation }] : [];
      }
      const message = messages.get(hit.messageId);
      return message ? [{ kind: 'message', key: hit.messageId, hit, message, conversation }] : [];
    });
  }

  async function execute(accountId: string | null): Promise<void> {
    const input = text.value.trim();
    const id = ++run;
    if (input === '') {
      batch(() => {
        results.value = null;
        notice.value = null;
        total.value = null;
        suggestions.value = [];
      });
      return;
    }
    const parsed = parseSearchInput(input);
    const scope = allAccounts.value ? undefined : (accountId ?? undefined);
    busy.value = true;
    try {
      const labels = deps.filters && (hasFilters(parsed) || parsed.typingLabel !== null) ? await deps.filters.listLabels() : [];
      const suggested = parsed.typingLabel !== null ? labelSuggestions(labels, parsed.typingLabel) : [];
      const show = (next: SearchResult[] | null, message: string | null, count: number | null): void => {
        if (id !== run) return;
        batch(() => {
          results.value = next;
          notice.value = message;
          total.value = count;
          suggestions.value = suggested;
          if (labels.length > 0) labelsById.value = new Map(labels.map((l) => [l.id, l]));
        });
      };
      if (parsed.unknownStatus.length > 0) {
        const known = STATUS_FILTERS.map((s) => `is:${s}`).join(', ');
        return show([], t('search.unknownFilter', { value: parsed.unknownStatus[0] ?? '', known }), null);
      }
      if (!hasFilters(parsed) || !deps.filters) {
        if (parsed.words === '') return show(parsed.typingLabel !== null ? null : [], null, null);
        const hits = await deps.query(parsed.words, { accountId: scope, limit: SEARCH_LIMIT });
        return show(await joinHits(hits), null, null);
      }
      const at = deps.now?.() ?? Date.now();
      const outcome =
        parsed.words === ''
          ? await filterConversations(parsed, labels, scope, deps.filters, at)
          : await filterScope(parsed, labels, scope, deps.filters, at);
      if (outcome.kind === 'unknown-label') {
        // Still typing a label that some label's name starts with: suggest, do not scold.
        if (parsed.typingLabel !== null && suggested.length > 0) return show(null, null, null);
        return show([], t('search.unknownLabel', { name: outcome.name }), null);
      }
      if (outcome.kind === 'matches') {
        const listed = outcome.conversations.slice(0, FILTER_LIST_LIMIT);
        const rows = listed.map((c): SearchResult => ({ kind: 'conversation', key: c.id, conversation: c, desk: outcome.desk.get(c.id) }));
        return show(rows, null, outcome.conversations.length);
      }
      const hits = await deps.query(parsed.words, { accountId: scope, limit: SEARCH_LIMIT, conversationIds: outcome.conversationIds });
      return show(await joinHits(hits), null, null);
    } finally {
      if (id === run) busy.value = false;
    }
  }

  return {
    text: text as ReadonlySignal<string>,
    allAccounts: allAccounts as ReadonlySignal<boolean>,
    results: results as ReadonlySignal<SearchResult[] | null>,
    busy: busy as ReadonlySignal<boolean>,
    notice: notice as ReadonlySignal<string | null>,
    total: total as ReadonlySignal<number | null>,
    /** Labels to offer while `label:` is being typed. */
    suggestions: suggestions as ReadonlySignal<Label[]>,
    /** The labels the last search read (to show on listed conversations). */
    labelsById: labelsById as ReadonlySignal<ReadonlyMap<string, Label>>,

    /** Updates as you type (a short pause batches keystrokes). */
    setText(next: string, account: Account | null): void {
      text.value = next;
      clearTimeout(timer);
      timer = setTimeout(() => void execute(account?.id ?? null), deps.delayMs ?? 60);
    },

    setAllAccounts(all: boolean, account: Account | null): void {
      allAccounts.value = all;
      void execute(account?.id ?? null);
    },

    /** Completes the `label:` being typed with a label's name. */
    pickLabel(name: string, account: Account | null): void {
      text.value = completeLabel(text.value, name);
      clearTimeout(timer);
      void execute(account?.id ?? null);
    },

    /** Runs the same search again (the desk or the labels changed while it is shown). */
    refresh(account: Account | null): void {
      if (text.value.trim() !== '') void execute(account?.id ?? null);
    },

    clear(): void {
      clearTimeout(timer);
      run++;
      batch(() => {
        text.value = '';
        results.value = null;
        busy.value = false;
        notice.value = null;
        total.value = null;
        suggestions.value = [];
      });
    },
  };
}
