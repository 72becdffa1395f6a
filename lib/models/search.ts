/**
 * The search box: as-you-type search over the local archive (this account or all accounts),
 * with the matching message, its conversation and date for each hit.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Account, Conversation, Message } from '../db/schema';
import type { SearchHit } from '../search';

export interface SearchDeps {
  query(q: string, opts: { accountId?: string; limit: number }): Promise<SearchHit[]>;
  getMessages(ids: string[]): Promise<Message[]>;
  getConversation(id: string): Promise<Conversation | undefined>;
  delayMs?: number;
}

export interface SearchResult {
  hit: SearchHit;
  message: Message;
  conversation: Conversation;
}

export type SearchModel = ReturnType<typeof createSearchModel>;

export const SEARCH_LIMIT = 50;

export function createSearchModel(deps: SearchDeps) {
  const text = signal('');
  const allAccounts = signal(false);
  const results = signal<SearchResult[] | null>(null);
  const busy = signal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;

  async function execute(accountId: string | null): Promise<void> {
    const q = text.value.trim();
    const id = ++run;
    if (q === '') {
      results.value = null;
      return;
    }
    busy.value = true;
    try {
      const hits = await deps.query(q, { accountId: allAccounts.value ? undefined : (accountId ?? undefined), limit: SEARCH_LIMIT });
      const messages = new Map((await deps.getMessages(hits.map((h) => h.messageId))).map((m) => [m.id, m]));
      const conversations = new Map<string, Conversation>();
      for (const h of hits) {
        if (!conversations.has(h.conversationId)) {
          const c = await deps.getConversation(h.conversationId);
          if (c) conversations.set(c.id, c);
        }
      }
      if (id !== run) return;
      results.value = hits.flatMap((hit) => {
        const message = messages.get(hit.messageId);
        const conversation = conversations.get(hit.conversationId);
        return message && conversation ? [{ hit, message, conversation }] : [];
      });
    } finally {
      if (id === run) busy.value = false;
    }
  }

  return {
    text: text as ReadonlySignal<string>,
    allAccounts: allAccounts as ReadonlySignal<boolean>,
    results: results as ReadonlySignal<SearchResult[] | null>,
    busy: busy as ReadonlySignal<boolean>,

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

    clear(): void {
      clearTimeout(timer);
      run++;
      batch(() => {
        text.value = '';
        results.value = null;
        busy.value = false;
      });
    },
  };
}
