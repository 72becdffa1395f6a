/**
 * One message as the search sees it: its text and who the conversation is with. A note on a contact
 * is a doc too, under a `note:` id (see notes.ts).
 */
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

/** The index as the background keeps it: writes only (pages query it). */
export interface SearchIndexWriter {
  /** Adds or replaces docs (idempotent by messageId). Called by the background sync after each merge. */
  upsert(docs: SearchDoc[]): Promise<void>;
  /** Drops single docs by id (a deleted note). */
  remove(ids: string[]): Promise<void>;
  /** Drops every doc of an account (disconnect). */
  removeAccount(accountId: string): Promise<void>;
}

export interface SearchIndex extends SearchIndexWriter {
  /** Best matches first (then newest first); terms AND-ed; the last term may be a prefix. */
  query(q: string, opts?: QueryOptions): Promise<SearchHit[]>;
  /**
   * Puts every term's postings in time order again, after a large build (a backfill, an import),
   * so that queries read the newest first. Answers how many terms it rewrote.
   */
  compact(): Promise<number>;
}

export interface QueryOptions {
  accountId?: string;
  limit?: number;
  /** Only docs of these conversations (the search box's `label:` and `is:` filters). */
  conversationIds?: ReadonlySet<string>;
}
