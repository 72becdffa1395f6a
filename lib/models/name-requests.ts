/**
 * The list asks the background for the names of the rows a person sees: rows coming into view are
 * gathered for a moment and asked for together, each once while the list lives (the background
 * keeps names for a day and asks Meta again after that).
 */
import type { Conversation } from '../db/schema';
import { logDiagnostic } from '../diagnostics';

/** Rows that come into view within this long are asked for in one request. */
export const NAME_REQUEST_DEBOUNCE_MS = 250;

export interface NameRequests {
  /** A row is in view. */
  inView(conversation: Conversation): void;
  dispose(): void;
}

export function createNameRequests(
  accountId: string,
  resolve: (accountId: string, conversationIds: string[]) => Promise<unknown>,
  debounceMs = NAME_REQUEST_DEBOUNCE_MS,
): NameRequests {
  const asked = new Set<string>();
  let waiting: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = (): void => {
    timer = null;
    const ids = waiting;
    waiting = [];
    if (ids.length === 0) return;
    resolve(accountId, ids).catch((e: unknown) => {
      // Asked again when next in view.
      ids.forEach((id) => asked.delete(id));
      logDiagnostic('contacts', 'Could not ask for contacts’ names', e);
    });
  };

  return {
    inView(conversation) {
      if (conversation.accountId !== accountId || conversation.participant.id.startsWith('unknown:')) return;
      if (asked.has(conversation.id)) return;
      asked.add(conversation.id);
      waiting.push(conversation.id);
      timer ??= setTimeout(flush, debounceMs);
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = [];
    },
  };
}
