/**
 * The part of an open thread that is loaded: a window of its messages (paged in at either end,
 * the far end let go past THREAD_WINDOW) and the replies waiting in the outbox. Part of the
 * ThreadModel, which hands it `write`: every result lands through it, so nothing lands once the
 * thread is closed.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { whileForeground } from '../db/foreground';
import type { Message, OutboxItem } from '../db/schema';
import { THREAD_PAGE, THREAD_WINDOW } from './thread-window';

export interface ThreadMessagesDeps {
  /** Newest first: the `limit` messages at or before `before`. */
  listMessagesPage(conversationId: string, opts: { before?: number; limit: number }): Promise<Message[]>;
  /** Oldest first: every message from `since` on (the oldest `limit` of them when given). */
  listMessagesSince(conversationId: string, since: number, limit?: number): Promise<Message[]>;
  listOutbox(conversationId: string): Promise<OutboxItem[]>;
}

/**
 * The outbox as a thread shows it. A reply whose outcome is being checked while the thread already
 * holds an own message with its text, sent since the reply was queued, is that message: a sync can
 * bring it a moment before the check says so, and the reply must not show twice meanwhile.
 */
export function outboxShown(items: OutboxItem[], messages: readonly Message[] | null): OutboxItem[] {
  if (!items.some((o) => o.state === 'unknown')) return items;
  const own = (messages ?? []).filter((m) => m.isOwn);
  // Graph times are whole seconds.
  const arrived = (o: OutboxItem) =>
    o.text !== '' && own.some((m) => m.text === o.text && m.createdTime >= Math.floor(o.createdAt / 1000) * 1000 - 1000);
  return items.filter((o) => o.state !== 'unknown' || !arrived(o));
}

/** Messages kept before a search hit, to show what led to it. */
const CONTEXT_BEFORE = 10;

export type ThreadMessages = ReturnType<typeof createThreadMessages>;

export function createThreadMessages(threadDeps: ThreadMessagesDeps, conversationId: string, write: (fn: () => void) => void) {
  // A person waits for these: the page's big background reads make way for them.
  const deps: ThreadMessagesDeps = {
    listMessagesPage: (id, opts) => whileForeground(() => threadDeps.listMessagesPage(id, opts)),
    listMessagesSince: (id, since, limit) => whileForeground(() => threadDeps.listMessagesSince(id, since, limit)),
    listOutbox: (id) => threadDeps.listOutbox(id),
  };
  const messages = signal<Message[] | null>(null);
  const outbox = signal<OutboxItem[]>([]);
  /** More cached history exists above the loaded window. */
  const hasOlder = signal(false);
  /** Newer messages exist below the loaded window (the person scrolled far back in history). */
  const hasNewer = signal(false);
  let loadingOlder = false;
  let loadingNewer = false;

  /** The newest page of the thread, and what is queued to send. */
  async function loadNewest(): Promise<void> {
    const [page, queued] = await Promise.all([
      deps.listMessagesPage(conversationId, { limit: THREAD_PAGE }),
      deps.listOutbox(conversationId),
    ]);
    write(() => {
      messages.value = page.reverse();
      outbox.value = queued;
      hasOlder.value = page.length >= THREAD_PAGE;
      hasNewer.value = false;
    });
  }

  /**
   * (Re)reads the thread: the newest page the first time; afterwards the loaded window again from
   * its oldest message, so scrolled-in history stays and new messages appear (unless the person
   * is reading far back, where the window stays as it is).
   */
  async function reload(): Promise<void> {
    const current = messages.value;
    const oldest = current?.[0]?.createdTime;
    if (oldest === undefined) return loadNewest();
    const inHistory = hasNewer.value;
    const [read, queued] = await Promise.all([
      deps.listMessagesSince(conversationId, oldest, inHistory ? current?.length : undefined),
      deps.listOutbox(conversationId),
    ]);
    // Many new messages at once: let go of the oldest rather than grow without end.
    const trim = !inHistory && read.length > THREAD_WINDOW + THREAD_PAGE;
    write(() => {
      messages.value = trim ? read.slice(-THREAD_WINDOW) : read;
      outbox.value = queued;
      if (trim) hasOlder.value = true;
    });
  }

  /** The thread around `time` (to show a search hit): a little before it, a page from it. */
  async function loadAround(time: number): Promise<void> {
    const [before, after, queued] = await Promise.all([
      deps.listMessagesPage(conversationId, { before: time, limit: CONTEXT_BEFORE + 1 }),
      deps.listMessagesSince(conversationId, time, THREAD_PAGE + 1),
      deps.listOutbox(conversationId),
    ]);
    const known = new Set(after.map((m) => m.id));
    const context = before.filter((m) => !known.has(m.id)).reverse();
    write(() => {
      messages.value = [...context, ...after];
      outbox.value = queued;
      hasOlder.value = before.length > CONTEXT_BEFORE;
      hasNewer.value = after.length > THREAD_PAGE;
    });
  }

  /** The page before the loaded window; past the window's size the newest messages are let go. */
  async function loadOlder(): Promise<void> {
    const current = messages.value;
    const oldest = current?.[0];
    if (!current || !oldest || !hasOlder.value || loadingOlder) return;
    loadingOlder = true;
    try {
      const known = new Set(current.map((m) => m.id));
      let page = await deps.listMessagesPage(conversationId, { before: oldest.createdTime, limit: THREAD_PAGE + 1 });
      // A page holds every message of its oldest time, so a full page of loaded ones is a run of
      // messages of one time longer than a page: the history goes on below that time (whole ms).
      const edge = page[page.length - 1];
      if (edge && page.length > THREAD_PAGE && page.every((m) => known.has(m.id))) {
        page = await deps.listMessagesPage(conversationId, { before: edge.createdTime - 1, limit: THREAD_PAGE + 1 });
      }
      write(() => {
        // The window changed meanwhile (a re-read): this page no longer joins it.
        if (messages.value !== current) return;
        const older = page.filter((m) => !known.has(m.id)).reverse();
        const next = [...older, ...current];
        messages.value = next.slice(0, THREAD_WINDOW);
        hasOlder.value = page.length > THREAD_PAGE && older.length > 0;
        if (next.length > THREAD_WINDOW) hasNewer.value = true;
      });
    } finally {
      loadingOlder = false;
    }
  }

  /** The page after the loaded window (reading back down from history); the oldest are let go. */
  async function loadNewer(): Promise<void> {
    const current = messages.value;
    const newest = current?.[current.length - 1];
    if (!current || !newest || !hasNewer.value || loadingNewer) return;
    loadingNewer = true;
    try {
      const known = new Set(current.map((m) => m.id));
      let page = await deps.listMessagesSince(conversationId, newest.createdTime, THREAD_PAGE + 1);
      // A full page of loaded ones is a run of messages of one time longer than a page: the rest
      // of that run (a page back from that time holds all of it) and the page after it.
      if (page.length > THREAD_PAGE && page.every((m) => known.has(m.id))) {
        const time = newest.createdTime;
        const [run, after] = await Promise.all([
          deps.listMessagesPage(conversationId, { before: time, limit: 1 }),
          deps.listMessagesSince(conversationId, time + 1, THREAD_PAGE + 1),
        ]);
        page = [...run.filter((m) => m.createdTime === time).reverse(), ...after];
      }
      write(() => {
        if (messages.value !== current) return;
        const newer = page.filter((m) => !known.has(m.id));
        const next = [...current, ...newer];
        const trimmed = Math.max(0, next.length - THREAD_WINDOW);
        messages.value = next.slice(trimmed);
        hasNewer.value = page.length > THREAD_PAGE && newer.length > 0;
        if (trimmed > 0) hasOlder.value = true;
      });
    } finally {
      loadingNewer = false;
    }
  }

  async function loadOutbox(): Promise<void> {
    const queued = await deps.listOutbox(conversationId);
    write(() => (outbox.value = queued));
  }

  return {
    messages: messages as ReadonlySignal<Message[] | null>,
    outbox: computed(() => outboxShown(outbox.value, messages.value)),
    hasOlder: hasOlder as ReadonlySignal<boolean>,
    hasNewer: hasNewer as ReadonlySignal<boolean>,
    loadNewest,
    reload,
    loadAround,
    loadOlder,
    loadNewer,
    loadOutbox,
    /** Changes loaded messages in place (a reaction shown before Instagram confirms it). */
    update(change: (current: Message[]) => Message[]): void {
      write(() => {
        if (messages.value) messages.value = change(messages.value);
      });
    },
  };
}
