import { useEffect, useState } from 'preact/hooks';
import { AccountPills } from '@/components/AccountPills';
import { Avatar } from '@/components/Avatar';
import { RefreshIcon } from '@/components/Icons';
import { QuickReply } from '@/components/QuickReply';
import { isUnread } from '@/lib/attention';
import { getOpenedStates, getSyncState, listAccounts, listAllConversations, listOutbox } from '@/lib/db';
import { describeOutbox } from '@/lib/outbox/status';
import type { Account, Conversation, OpenedState, SyncState } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import { participantName, previewOf } from '@/lib/format/text';
import { clockTime, relativeTime } from '@/lib/format/time';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { openInbox } from '@/lib/platform';
import { openRequestItem, popupLastLookItem } from '@/lib/settings';
import { logDiagnostic } from '@/lib/diagnostics';

interface Snapshot {
  accounts: Account[];
  conversations: Conversation[];
  opened: OpenedState[];
  sync: Record<string, SyncState | undefined>;
}

const RECENT_UNREAD = 5;

/** Toolbar popup: accounts with unread counts, refresh, recent unread conversations, quick reply. */
export function PopupApp() {
  const [data, setData] = useState<Snapshot | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [status, setStatus] = useState<Record<string, string>>({});
  const [lastLook, setLastLook] = useState<number | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (): Promise<void> => {
    const [accounts, conversations, opened] = await Promise.all([listAccounts(), listAllConversations(), getOpenedStates()]);
    const states = await Promise.all(accounts.map((a) => getSyncState(a.id)));
    setData({ accounts, conversations, opened, sync: Object.fromEntries(accounts.map((a, i) => [a.id, states[i]])) });
    setSelected((s) => s ?? accounts[0]?.id ?? null);
  };

  const refresh = async (): Promise<void> => {
    setRefreshing(true);
    // A failed sync is recorded in its sync state, which the popup shows with the reason.
    await sendRequest('sync', {}).catch((e: unknown) => logDiagnostic('popup', 'Refresh from the popup failed', e));
    setRefreshing(false);
    await load();
  };

  useEffect(() => {
    // The count of new messages is "since the last look": read it, then this look becomes the last.
    void popupLastLookItem.getValue().then((t) => {
      setLastLook(t);
      void popupLastLookItem.setValue(Date.now());
    });
    void load().then(refresh);
    return onNotice((n) => {
      if (n.type !== 'upload-progress') void load();
      if (n.type === 'outbox-changed') {
        void listOutbox(n.conversationId).then((items) => {
          setStatus((s) => ({ ...s, [n.conversationId]: describeOutbox(items, Date.now()) }));
        });
      }
    });
  }, []);

  if (!data) return <main class="popup-main" aria-busy="true" />;
  const { accounts, conversations, opened } = data;
  const openedAt = new Map(opened.map((o) => [o.conversationId, o.openedAt]));
  const byAccount = new Map(accounts.map((a) => [a.id, a]));
  const unreadOf = (c: Conversation): boolean => isUnread(c, openedAt.get(c.id), byAccount.get(c.accountId)?.connectedAt ?? 0);
  const unreadCounts: Record<string, number> = {};
  for (const c of conversations) if (unreadOf(c)) unreadCounts[c.accountId] = (unreadCounts[c.accountId] ?? 0) + 1;
  const newSinceLook = lastLook === null ? 0 : conversations.filter((c) => (c.lastInboundTime ?? 0) > lastLook && lastLook > 0).length;
  const syncing = refreshing || Object.values(data.sync).some((s) => s?.running);
  const lastSynced = Math.max(0, ...Object.values(data.sync).map((s) => s?.lastSyncedAt ?? 0));
  const recent = conversations
    .filter((c) => c.accountId === selected && unreadOf(c))
    .sort((a, b) => b.updatedTime - a.updatedTime)
    .slice(0, RECENT_UNREAD);
  const now = Date.now();

  const openAt = (accountId: string, conversationId: string | null): void => {
    void openRequestItem.setValue({ accountId, conversationId, at: Date.now() });
    // Called in the click itself: the browser opens the panel only from a user gesture.
    openInbox().then(
      () => window.close(),
      () => setError('The side panel could not open here. Open DM Desk from the browser’s side panel menu.'),
    );
  };

  return (
    <main class="popup-main">
      <header class="popup-header">
        <h1 class="popup-title">DM Desk</h1>
        {lastSynced > 0 ? <span class="muted sync-status">Synced {clockTime(lastSynced)}</span> : null}
        <span class="refresh-control">
          <button
            type="button"
            class={`icon-button${syncing ? ' spinning' : ''}`}
            aria-label="Refresh"
            title="Check for new messages"
            disabled={syncing}
            onClick={() => void refresh()}
          >
            <RefreshIcon />
          </button>
          {newSinceLook > 0 ? (
            <span class="refresh-badge" aria-label={`${newSinceLook} new since your last look`}>
              {newSinceLook}
            </span>
          ) : null}
        </span>
      </header>
      {accounts.length > 0 ? (
        <AccountPills accounts={accounts} selectedId={selected} onSelect={setSelected} unread={unreadCounts} />
      ) : (
        <p class="muted">No Instagram accounts connected yet.</p>
      )}
      {accounts.length > 0 ? (
        recent.length === 0 ? (
          <p class="muted">No unread conversations. You’re all caught up.</p>
        ) : (
          <ul class="popup-list" aria-label="Unread conversations">
            {recent.map((c) => {
              const name = participantName(c.participant);
              const open = expanded === c.id;
              return (
                <li key={c.id} class={`popup-item${open ? ' expanded' : ''}`}>
                  <button
                    type="button"
                    class="conversation-row unread"
                    aria-expanded={open}
                    onClick={() => setExpanded(open ? null : c.id)}
                  >
                    <Avatar name={name} seed={c.participant.id} size={32} />
                    <span class="row-main">
                      <span class="row-top">
                        <span class="row-name">{name}</span>
                        <span class="row-time">{relativeTime(c.updatedTime, now)}</span>
                      </span>
                      <span class="row-preview">{previewOf(c.lastMessage)}</span>
                    </span>
                  </button>
                  {open ? (
                    <QuickReply
                      name={name}
                      status={status[c.id] ?? null}
                      onOpenInPanel={() => openAt(c.accountId, c.id)}
                      onSend={async (text) => {
                        try {
                          await sendRequest('send', { accountId: c.accountId, conversationId: c.id, text });
                          setStatus((s) => ({ ...s, [c.id]: 'Sending…' }));
                          return true;
                        } catch (e) {
                          setStatus((s) => ({ ...s, [c.id]: `Not sent — ${e instanceof DeskError ? e.message : 'try again'}` }));
                          return false;
                        }
                      }}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      <button type="button" class="button primary" onClick={() => openAt(selected ?? '', null)}>
        Open inbox
      </button>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}
