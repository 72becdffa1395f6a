import type { Account, Conversation, Draft, Message, OpenedState, OutboxItem, PendingUpload, SyncState } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import type { Notice, RequestName, Requests } from '@/lib/messaging/protocol';
import type { InboxDeps } from '@/lib/models/inbox';

/** An in-memory cache and background for the inbox model. */
export interface FakeWorld {
  accounts: Account[];
  conversations: Record<string, Conversation[]>;
  messages: Record<string, Message[]>;
  sync: Record<string, SyncState>;
  requests: Array<{ name: RequestName; payload: unknown }>;
  failNext: Partial<Record<RequestName, DeskError>>;
  uploads: PendingUpload[];
  outbox: OutboxItem[];
  drafts: Draft[];
  opened: OpenedState[];
  notify(n: Notice): void;
}

export function fakeInboxDeps(init: Partial<FakeWorld> = {}): { deps: InboxDeps; world: FakeWorld } {
  const listeners = new Set<(n: Notice) => void>();
  const world: FakeWorld = {
    accounts: [],
    conversations: {},
    messages: {},
    sync: {},
    requests: [],
    failNext: {},
    uploads: [],
    outbox: [],
    drafts: [],
    opened: [],
    notify: (n) => listeners.forEach((l) => l(n)),
    ...init,
  };
  const deps: InboxDeps = {
    listAccounts: async () => world.accounts,
    listConversations: async (id) => world.conversations[id] ?? [],
    listMessagesPage: async (id, { before, limit }) =>
      [...(world.messages[id] ?? [])]
        .filter((m) => before === undefined || m.createdTime <= before)
        .sort((a, b) => b.createdTime - a.createdTime)
        .slice(0, limit),
    listMessagesSince: async (id, since, limit) =>
      (world.messages[id] ?? [])
        .filter((m) => m.createdTime >= since)
        .sort((a, b) => a.createdTime - b.createdTime)
        .slice(0, limit),
    getSyncState: async (id) => world.sync[id],
    getConversations: async (ids) =>
      Object.values(world.conversations)
        .flat()
        .filter((c) => ids.includes(c.id)),
    listUploads: async (id) => world.uploads.filter((u) => u.conversationId === id),
    putUpload: async (u) => {
      world.uploads.push(u);
    },
    deleteUploads: async (ids) => {
      world.uploads = world.uploads.filter((u) => !ids.includes(u.id));
    },
    listOutbox: async (id) => world.outbox.filter((o) => o.conversationId === id),
    getDraft: async (id) => world.drafts.find((d) => d.conversationId === id),
    saveDraft: async (d) => {
      world.drafts = [...world.drafts.filter((x) => x.conversationId !== d.conversationId), ...(d.text.trim() ? [d] : [])];
    },
    getOpenedStates: async () => world.opened,
    draftDelayMs: 0,
    createObjectURL: (b) => `blob:fake/${b.size}`,
    revokeObjectURL: () => undefined,
    request: async <N extends RequestName>(name: N, payload: Requests[N]['request']) => {
      world.requests.push({ name, payload });
      const failure = world.failNext[name];
      if (failure) {
        delete world.failNext[name];
        throw failure;
      }
      return (name === 'send' ? { outboxId: 'o-1' } : name === 'connect' ? { accounts: 1 } : null) as Requests[N]['response'];
    },
    onNotice: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    now: () => Date.UTC(2026, 10, 21, 15, 0),
  };
  return { deps, world };
}

export function synced(accountId: string, over: Partial<SyncState> = {}): SyncState {
  return { accountId, watermark: 0, lastSyncedAt: Date.UTC(2026, 10, 21, 14, 30), running: false, error: null, ...over };
}
