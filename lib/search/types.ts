/** One message as the search sees it: its text and who the conversation is with. */
export interface SearchDoc {
  messageId: string;
  conversationId: string;
  accountId: string;
  createdTime: number;
  text: string;
  participantName: string | null;
  participantUsername: string | null;
}

export interface SearchHit {
  messageId: string;
  conversationId: string;
  accountId: string;
  createdTime: number;
  score: number;
}

export interface SearchIndex {
  /** Adds or replaces docs (idempotent by messageId). Called by the background sync after each merge. */
  upsert(docs: SearchDoc[]): Promise<void>;
  /** Drops every doc of an account (disconnect). */
  removeAccount(accountId: string): Promise<void>;
  /** Best matches first (then newest first); terms AND-ed; the last term may be a prefix. */
  query(q: string, opts?: { accountId?: string; limit?: number }): Promise<SearchHit[]>;
}
