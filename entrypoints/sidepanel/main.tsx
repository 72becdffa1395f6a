// First, before the rest of the page's code is evaluated: the first rows wait for the database.
import '@/lib/db/open-early';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { loadDateLocale } from '@/lib/format/locale';
import './style.css';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { DatabaseNotice } from '@/components/DatabaseNotice';
import { Inbox } from '@/components/Inbox';
import { KeyboardShortcuts } from '@/components/KeyboardShortcuts';
import { FocusKeeper } from '@/components/FocusKeeper';
import { LiveAnnouncer } from '@/components/LiveAnnouncer';
import { lazyComponent, preloadLazyComponents } from '@/components/lazy';
import { LazyThread } from '@/components/LazyThread';
import { PageFallback } from '@/components/PageFallback';
import { SavedRepliesContext, type SavedRepliesSource } from '@/components/SavedReplyPicker';
import {
  getAllDeskStates,
  getConversation,
  getConversations,
  getDeskStates,
  getDraft,
  getMessages,
  getNote,
  getOpenedStates,
  getSyncState,
  listAccounts,
  listAllConversations,
  listConversations,
  listConversationsPage,
  listLabels,
  listMessagesPage,
  listMessagesSince,
  listNotes,
  listOutbox,
  listUploads,
} from '@/lib/db';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { reportPresence } from '@/lib/messaging/presence';
import { replyBoxRequests } from '@/lib/messaging/reply-box-requests';
import {
  createClockSignal,
  createHumanAgentSignal,
  createTimeZoneSignal,
  createWideSignal,
  followClockSetting,
} from '@/lib/models/environment';
import { createContactNotesModel } from '@/lib/models/contact-notes';
import { createInboxModel } from '@/lib/models/inbox';
import { createLabelsModel, pruneLabelFilter } from '@/lib/models/labels';
import { clearFirstPaint, readFirstPaint, writeFirstPaint } from '@/lib/models/first-paint';
import { createSavedRepliesModel } from '@/lib/models/saved-replies';
import { cachedFilterReads } from '@/lib/models/filter-reads';
import { createSearchModel } from '@/lib/models/search';
import { browserSyncArea } from '@/lib/saved-replies/store';
import { logDiagnostic } from '@/lib/diagnostics';
import type { SearchIndex } from '@/lib/search';
import { formatRoute, parseRoute } from '@/lib/route';
import { openConnections } from '@/lib/platform';
import { lastOpenItem, openRequestItem, type OpenRequest } from '@/lib/settings';
import { storedSignal } from '@/lib/models/stored-signal';
import { t, uiDirection, uiLocale } from '@/lib/i18n';

// index.html cannot read messages: the page's title and language come from here.
document.title = t('ext.name');
document.documentElement.lang = uiLocale();
document.documentElement.dir = uiDirection();

// Shown only after "Save as reply": its code (and the editor's) loads on first use or when idle.
const SaveAsReplyDialog = lazyComponent(
  // i18n-exempt: a module path, not words
  () => import('@/components/SaveAsReplyDialog').then((m) => m.SaveAsReplyDialog),
  'SaveAsReplyDialog',
  ({ model }) => model.composing.value !== null,
);

/** The conversation last open in each account, and what the popup or a notification asks to show. */
const lastOpen = storedSignal(lastOpenItem);
const openRequest = storedSignal(openRequestItem);
/** A request to show a conversation counts only while it is fresh (not one left from long ago). */
const isFresh = (request: OpenRequest | null): request is OpenRequest => request !== null && Date.now() - request.at < 15_000;

// The clock ends snoozes on screen; times (and the snooze menu's choices) are in the chosen time zone.
const now = createClockSignal();
const timeZone = createTimeZoneSignal();
// Times show in the clock chosen on the options page (12 or 24 hours, or the language's).
followClockSetting();
const model = createInboxModel({
  listAccounts,
  listConversations,
  listMessagesPage,
  listMessagesSince,
  listConversationsPage,
  getSyncState,
  getConversations,
  listUploads,
  listOutbox,
  getDraft,
  getOpenedStates,
  // Done, snoozed, pinned and labelled conversations (the list's views).
  getDeskStates,
  clock: now,
  timeZone,
  // The thread's code loads apart from the list's: a conversation opens once it is in.
  prepareThread: LazyThread.preload,
  // The reply box's draft and images are written by the background, asked for here.
  ...replyBoxRequests(sendRequest),
  request: sendRequest,
  resolveNames: (accountId, conversationIds) => sendRequest('resolveNames', { accountId, conversationIds }),
  onNotice,
  rememberOpen: (accountId, conversationId) => {
    // After the first read: an update before it would start from the empty fallback.
    void lastOpen.ready.then(() =>
      lastOpen.update((all) => {
        const next = { ...all };
        if (conversationId) next[accountId] = conversationId;
        else delete next[accountId];
        return next;
      }),
    );
  },
});
// The index's code comes after the first rows are painted (or with a query typed before that).
let searchIndex: Promise<SearchIndex> | null = null;
const searchEngine = (): Promise<SearchIndex> =>
  (searchIndex ??= import('@/lib/search/engine').then(
    (engine) => {
      // After a backfill or an import, the index is put in time order (queries read the newest first).
      const compact = () =>
        engine.compactInWorker((what) =>
          logDiagnostic('search', 'Could not put the search index in time order', Object.assign(new Error(), { name: what })),
        );
      compact();
      onNotice((notice) => notice.type === 'search-index-progress' && notice.done >= notice.total && compact());
      return engine.openSearchIndex();
    },
    (e: unknown) => {
      searchIndex = null;
      throw e;
    },
  ));
const search = createSearchModel({
  query: async (q, opts) => (await searchEngine()).query(q, opts),
  getMessages,
  getConversation,
  // Notes are found with the messages; `label:` and `is:` filters read the desk's records.
  getNotes: async (ids) => (await Promise.all(ids.map(getNote))).filter((n) => n !== undefined),
  filters: cachedFilterReads(
    {
      listLabels,
      getDeskStates,
      getAllDeskStates,
      getConversations,
      listConversations,
      listAllConversations,
      getOpenedStates,
      listAccounts,
    },
    onNotice,
  ),
});
// A filtered search on screen follows what changes on the desk.
onNotice((notice) => {
  if (notice.type === 'desk-changed' || notice.type === 'labels-changed' || notice.type === 'notes-changed') {
    search.refresh(model.selectedAccount.value);
  }
});
// Labels (chips, the list's filter, the picker) and the open contact's private notes.
const labels = createLabelsModel({ listLabels, request: sendRequest, onNotice });
pruneLabelFilter(labels, model.list);
const notes = createContactNotesModel({ listNotes, request: sendRequest });
onNotice((notice) => notes.onNotice(notice));
effect(() => {
  const conversation = model.selectedConversation.value;
  notes.show(
    conversation ? { accountId: conversation.accountId, contactId: conversation.participant.id, conversationId: conversation.id } : null,
  );
});
// Saved replies: the composer's `/` picker (variables from the open conversation) and "Save as reply".
const savedReplies = createSavedRepliesModel({ area: browserSyncArea() });
const repliesSource: SavedRepliesSource = {
  replies: savedReplies.replies,
  fill: () => {
    const conversation = model.selectedConversation.value;
    const account = model.accounts.value?.find((a) => a.id === conversation?.accountId) ?? null;
    return { contact: conversation?.participant ?? null, account };
  },
  saveAsReply: savedReplies.composeFrom,
  manage: () => void openConnections(),
};
const wide = createWideSignal();
const humanAgent = createHumanAgentSignal();

/** Shows what a deep link, the popup or a notification asked for. */
async function go(route: { accountId: string | null; conversationId: string | null }): Promise<void> {
  if (route.accountId) await model.selectAccount(route.accountId);
  if (route.conversationId) await model.openConversation(route.conversationId);
}

// The rows shown last time, painted at once (synchronous storage, no round trip); the cache
// read below replaces them a moment later. Not when the address asks for another account.
const snapshot = readFirstPaint(globalThis.localStorage);
const linkedAccount = parseRoute(location.hash).accountId;
if (snapshot && (!linkedAccount || linkedAccount === snapshot.accountId)) model.paintSnapshot(snapshot);

/**
 * Reloads the inbox after it failed to draw, without going straight back to what it showed (the
 * conversation that broke it would be opened again).
 */
async function reloadFresh(): Promise<void> {
  // A failed write is logged by the stored signal; the reload goes ahead either way.
  clearFirstPaint(globalThis.localStorage);
  await lastOpen.set({});
  location.replace(location.pathname);
}

// Dates are written in the page's language: its date names load first (nothing to load in English).
void loadDateLocale().then(() =>
  render(
    <ErrorBoundary
      what="The inbox could not be shown"
      fallback={() => <PageFallback page={t('inbox.pageName')} onReload={() => void reloadFresh()} />}
    >
      <DatabaseNotice />
      <SavedRepliesContext.Provider value={repliesSource}>
        <Inbox
          model={model}
          wide={wide}
          now={now}
          timeZone={timeZone}
          humanAgent={humanAgent}
          search={search}
          labels={labels}
          notes={notes}
          onOpenConnections={() => void openConnections()}
        />
      </SavedRepliesContext.Provider>
      <SaveAsReplyDialog model={savedReplies} />
      <FocusKeeper model={model} />
      <LiveAnnouncer model={model} />
      <KeyboardShortcuts
        onBack={() => model.closeConversation()}
        onSearch={() => document.querySelector<HTMLInputElement>('input[type="search"]')?.focus()}
      />
    </ErrorBoundary>,
    document.getElementById('app')!,
  ),
);

// What to paint first next time: what is on screen when the panel closes (after any change
// the background announced, such as a disconnected account), or nothing once no account is left.
// Listened for from the start: a panel closed before its whole list was read (that read waits
// for the first rows' paint and an idle moment) still keeps the rows it showed.
const keepSnapshot = (): void => {
  const next = model.snapshot.value;
  if (next) writeFirstPaint(globalThis.localStorage, next);
  else if (model.accounts.value?.length === 0) clearFirstPaint(globalThis.localStorage);
};
addEventListener('pagehide', keepSnapshot);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') keepSnapshot();
});

void (async () => {
  // Where to start: a deep link, a fresh request from the popup or a notification, else the
  // conversation last open in the first account.
  // Read together: every sequential round trip here delays the first painted rows.
  const [accounts] = await Promise.all([listAccounts(), openRequest.ready, lastOpen.ready]);
  const request = openRequest.value.peek();
  const fresh = isFresh(request) ? request : null;
  if (fresh) void openRequest.set(null);
  const linked = parseRoute(location.hash);
  const accountId = linked.accountId ?? (fresh?.accountId || undefined) ?? accounts[0]?.id;
  const remembered = accountId ? lastOpen.value.peek()[accountId] : undefined;
  const conversationId = linked.conversationId ?? fresh?.conversationId ?? remembered ?? null;
  await model.start({ accountId, conversationId, accounts });
  // The thread's code, then the menus, dialogs and panels not on screen yet (some are the
  // thread's own), once the first rows are painted.
  void LazyThread.preload()
    .then(preloadLazyComponents)
    .then(searchEngine)
    .catch((e: unknown) => logDiagnostic('ui', 'Could not load the search code', e));
  // While this page is in view the background checks for new messages every ~10 s.
  reportPresence();

  // The address follows the selection, so it can be copied and opened again.
  effect(() => {
    const hash = formatRoute({ accountId: model.selectedAccountId.value, conversationId: model.selectedConversationId.value });
    if (location.hash !== hash) history.replaceState(null, '', hash);
  });
  addEventListener('hashchange', () => void go(parseRoute(location.hash)));
  // A request made while the panel is open (the popup, a notification click) is shown and taken.
  openRequest.value.subscribe((next) => {
    if (!isFresh(next)) return;
    void openRequest.set(null);
    void go(next);
  });
})();
