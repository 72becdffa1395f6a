import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Attention, notificationId, openNotificationTarget } from '@/lib/attention';
import { announceAsNamed } from '@/lib/attention/announce-named';
import { AuthService } from '@/lib/auth/service';
import { tokenStore } from '@/lib/auth/token-store';
import { getEndpoints, saveMetaOverrides } from '@/lib/config';
import { NameResolver, type NamePriority } from '@/lib/contacts/names';
import { ProfileService } from '@/lib/contacts/profile';
import { toDeskError } from '@/lib/errors-map';
import { GraphClient } from '@/lib/graph/client';
import { broadcast, registerHandlers } from '@/lib/messaging/protocol';
import { Outbox } from '@/lib/outbox/outbox';
import { react } from '@/lib/outbox/react';
import {
  authRedirectUrl,
  configureActionPanel,
  launchAuthFlow,
  onCommand,
  onNotificationClicked,
  openInboxFromBackground,
  setBadge,
  showNotification,
} from '@/lib/platform';
import {
  humanAgentSetting,
  lastOpenItem,
  notificationsOffSetting,
  openRequestItem,
  migrateSyncInterval,
  searchBackfilledItem,
  searchBackfillCursorItem,
} from '@/lib/settings';
import { SyncService } from '@/lib/sync/service';
import { SYNC_ALARM, SyncScheduler, loadSchedulerConfig, sessionSchedulerMemory, watchSchedulerConfig } from '@/lib/sync/scheduler';
import { trackPresence } from '@/lib/messaging/presence';
import { backfillSearchIndex, indexNote, reindexConversations, toSearchDoc } from '@/lib/archive/search-docs';
import { importArchiveText } from '@/lib/archive/import';
import { getConversations, listAccounts, putAccount, type Conversation } from '@/lib/db';
import { openSearchIndexWriter } from '@/lib/search/engine';
import { logDiagnostic } from '@/lib/diagnostics';
import { replyBoxHandlers } from '@/lib/messaging/reply-box-writes';
import { deskHandlers } from '@/lib/desk/writes';
import { createSnoozeAlarm, SNOOZE_ALARM } from '@/lib/desk/snooze-alarm';

/** How long a notification of a new customer may wait for their name from Meta. */
const NOTIFICATION_NAME_WAIT_MS = 3000;

export default defineBackground(() => {
  const client = new GraphClient({ baseUrl: async () => (await getEndpoints()).graphApiBase });
  const attention = new Attention({ setBadge, showNotification, notify: broadcast });
  const refreshBadge = (opts?: Parameters<Attention['refreshBadge']>[0]) =>
    attention.refreshBadge(opts).catch((e: unknown) => logDiagnostic('badge', 'Could not update the toolbar badge', e));
  const auth = new AuthService({
    client,
    endpoints: getEndpoints,
    launch: launchAuthFlow,
    redirectUrl: authRedirectUrl,
    tokens: tokenStore,
    onAccountsChanged: () => {
      broadcast({ type: 'accounts-changed' });
      void refreshBadge();
    },
    // Disconnect stops the account's sync before deleting its data (`sync` is created below).
    syncControl: { stop: (id): Promise<void> => sync.stop(id), resume: (id): void => sync.resume(id) },
  });
  const search = openSearchIndexWriter();
  /** Names written so far, and notifications waiting for the next. */
  let namesWritten = 0;
  const nameWaiters = new Set<() => void>();
  const wakeNameWaiters = () => {
    nameWaiters.forEach((wake) => wake());
    nameWaiters.clear();
  };
  /** A contact's name arrived: the list shows it, and a search for it finds the conversation. */
  const onNamesChanged = async (accountId: string, rows: Conversation[]): Promise<void> => {
    namesWritten++;
    wakeNameWaiters();
    broadcast({ type: 'conversations-changed', accountId, conversationIds: rows.map((r) => r.id) });
    await reindexConversations(search, rows).catch((e: unknown) => logDiagnostic('search', 'Could not index a contact’s new name', e));
  };
  const profiles = new ProfileService({ client, auth, onNamesChanged });
  const names = new NameResolver({
    client,
    auth,
    onNamesChanged,
    onPicture: (id, url, at) => profiles.rememberPicture(id, url, at),
    nextSyncAt: () => scheduler.nextSyncAt(),
  });
  const wantNames = (accountId: string, conversationIds: string[], priority: NamePriority): Promise<void> =>
    names
      .want(accountId, conversationIds, priority)
      .catch((e: unknown) => logDiagnostic('contacts', 'Could not ask for contacts’ names', e));
  const sync = new SyncService({
    client,
    auth,
    notify: (notice) => {
      broadcast(notice);
      // New conversations (and rows never named) get their contact's name.
      if (notice.type === 'conversations-changed') void wantNames(notice.accountId, notice.conversationIds, 'sync');
    },
    onMessagesStored: (messages, rows) => {
      // A reply of ours came in: a send there whose outcome is unknown is checked at once.
      const ours = new Set(messages.filter((m) => m.isOwn).map((m) => m.conversationId));
      if (ours.size > 0) void outbox.checkUnknownIn(ours);
      return search.upsert(messages.map((m) => toSearchDoc(m, rows.get(m.conversationId))));
    },
    onNewMessages: async (account, messages, conversations) => {
      // The badge counts the new messages at once (their conversations only); only the
      // notification waits for a name.
      void refreshBadge({ changed: [...conversations.keys()] });
      // A new customer's notification waits a moment for their name.
      let seen = namesWritten;
      let over = false;
      const unnamed = [...conversations.values()].filter((c) => c.participant.name === undefined).map((c) => c.id);
      if (unnamed.length > 0) {
        await wantNames(account.id, unnamed, 'notify');
        // The sync that found them has ended: their names need not wait for the next round.
        names.resume();
        // Until these names are in, the queue is done, or the wait is over.
        void names.settled(NOTIFICATION_NAME_WAIT_MS).then(() => {
          over = true;
          wakeNameWaiters();
        });
      } else over = true;
      await announceAsNamed(messages, conversations, {
        read: getConversations,
        namesChanged: async () => {
          while (seen === namesWritten && !over) await new Promise<void>((wake) => nameWaiters.add(wake));
          seen = namesWritten;
          return !over;
        },
        announce: (ready, rows) => attention.announce(account, ready, rows),
      });
    },
    onStateChanged: ({ changed }) => {
      // A conversation that changed makes the next syncs come faster for a while.
      if (changed.length > 0) scheduler.noteActivity();
      // Only the conversations the sync wrote are counted again; none for a sync starting.
      return refreshBadge(changed.length > 0 ? { changed } : { recount: false });
    },
  });
  const outbox = new Outbox({ client, auth, humanAgent: () => humanAgentSetting.getValue(), notify: broadcast });

  /** Everything the background does on its own: sync every account, then deliver what is queued. */
  const tick = async (): Promise<void> => {
    try {
      await sync.syncAll();
    } finally {
      // Replies waiting for a rate limit or a check of the thread go on even when a sync fails.
      await outbox.process();
    }
  };

  // Background sync: as often as the preset and the moment call for (lib/sync/scheduler.ts).
  const scheduler = new SyncScheduler({
    tick,
    loadConfig: loadSchedulerConfig,
    memory: sessionSchedulerMemory,
    alarms: browser.alarms,
    now: () => Date.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  const wakeScheduler = () =>
    void scheduler.wake().catch((e: unknown) => logDiagnostic('background', 'Could not schedule the next sync', e));
  // Pages in view (side panel, sidebar, popup) make it sync every ~10 s until none is.
  trackPresence(browser.runtime.onConnect, browser.runtime.id, (visible) => scheduler.setPageVisible(visible));

  // Snoozes and follow-ups come back on one alarm at the next return time.
  const snoozes = createSnoozeAlarm({
    alarms: browser.alarms,
    showNotification,
    notificationId,
    notify: broadcast,
    onReturned: () => void refreshBadge(),
    now: () => Date.now(),
  });
  const scheduleSnoozes = () =>
    snoozes.schedule().catch((e: unknown) => logDiagnostic('background', 'Could not set the alarm for snoozed conversations', e));

  const replyBox = replyBoxHandlers();
  const desk = deskHandlers({
    notify: broadcast,
    onDeskChanged: () => {
      void refreshBadge();
      void scheduleSnoozes();
    },
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    // Notes are found with the messages: the search index follows each save and delete.
    onNotesChanged: (note, removed) =>
      void indexNote(search, note, removed).catch((e: unknown) =>
        logDiagnostic('search', 'Could not update a note in the search index', e),
      ),
  });

  registerHandlers(
    {
      connect: async () => {
        const accounts = await auth.connect();
        void tick();
        return { accounts };
      },
      disconnect: async ({ accountId }) => {
        const result = await auth.disconnect(accountId);
        // The account's sync is stopped by now, so no search document of it is written after this.
        await search
          .removeAccount(accountId)
          .catch((e: unknown) => logDiagnostic('search', 'Could not remove a disconnected account from the search index', e));
        // Small settings that name the account go with it too.
        await Promise.all([
          lastOpenItem.getValue().then(({ [accountId]: _gone, ...rest }) => lastOpenItem.setValue(rest)),
          notificationsOffSetting.getValue().then((off) => notificationsOffSetting.setValue(off.filter((id) => id !== accountId))),
          openRequestItem.getValue().then((open) => (open?.accountId === accountId ? openRequestItem.setValue(null) : undefined)),
        ]).catch((e: unknown) => logDiagnostic('auth', 'Could not remove a disconnected account’s settings', e));
        await refreshBadge();
        return result;
      },
      sync: async ({ accountId }) => {
        void outbox.process();
        if (accountId) await sync.syncAccount(accountId);
        else await sync.syncAll({ includeRunning: true });
        return null;
      },
      send: async (req) => {
        // A reply often gets an answer soon: check faster for a while.
        scheduler.noteActivity();
        return { outboxId: (await outbox.enqueue(req)).id };
      },
      retrySend: async ({ outboxId, text }) => {
        await outbox.retry(outboxId, text);
        return null;
      },
      discardSend: async ({ outboxId, keepImages }) => {
        await outbox.discard(outboxId, { keepImages });
        return null;
      },
      // The reply box's draft and images: checked, then written here (pages never write IndexedDB).
      ...replyBox,
      // Done, snooze, pins, labels and notes: local only, never sent to Meta.
      ...desk,
      markOpened: async ({ accountId, conversationId }) => {
        // A page is open: a good moment for waiting replies (timers die with a stopped worker).
        void outbox.process();
        await attention.markOpened(accountId, conversationId);
        return null;
      },
      react: async (req) => {
        await react({ client, auth }, req);
        broadcast({ type: 'conversations-changed', accountId: req.accountId, conversationIds: [req.conversationId] });
        return null;
      },
      profile: (req) => profiles.load(req),
      resolveNames: ({ accountId, conversationIds }) => {
        // Answered at once: names arrive as `conversations-changed`.
        if (typeof accountId === 'string' && Array.isArray(conversationIds)) {
          void wantNames(accountId, conversationIds.filter((id) => typeof id === 'string').slice(0, 200), 'view');
        }
        return Promise.resolve(null);
      },
      importArchive: async ({ text }) => {
        const report = await importArchiveText(text, { search, notify: broadcast, onDeskChanged: () => void scheduleSnoozes() });
        await refreshBadge();
        return report;
      },
      saveMetaSettings: (req) =>
        saveMetaOverrides(req, {
          // Tokens were made for the old endpoints: forget them; each account asks to reconnect.
          forgetLogins: async () => {
            await tokenStore.set({ ...(await tokenStore.get()), user: null, pages: {} });
            for (const a of await listAccounts()) await putAccount({ ...a, status: 'reconnect' });
            broadcast({ type: 'accounts-changed' });
            await refreshBadge();
          },
        }),
    },
    toDeskError,
  );

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) wakeScheduler();
    else if (alarm.name === SNOOZE_ALARM)
      void snoozes.fire().catch((e: unknown) => logDiagnostic('background', 'Could not bring snoozed conversations back', e));
  });
  watchSchedulerConfig(
    () => void scheduler.reconfigure().catch((e: unknown) => logDiagnostic('background', 'Could not follow a changed sync setting', e)),
  );

  onNotificationClicked((id) => {
    void openNotificationTarget(id, {
      requestOpen: (target) => openRequestItem.setValue(target),
      openInbox: (hash) => openInboxFromBackground(hash),
    }).catch((e: unknown) => logDiagnostic('notifications', 'Could not open the conversation of a clicked notification', e));
  });
  onCommand((command, windowId) => {
    if (command === 'open-inbox') void openInboxFromBackground('', windowId);
  });

  browser.runtime.onInstalled.addListener(() => {
    void configureActionPanel();
  });

  // A new worker (browser start, or the old one was stopped): clear what a stopped worker left
  // half-done, then catch up. Nothing here may block the synchronous main.
  void (async () => {
    await sync.clearStaleRunning();
    // Snoozes that ended while no worker ran come back now; the alarm is set for the next one.
    await snoozes.fire().catch((e: unknown) => logDiagnostic('background', 'Could not bring snoozed conversations back', e));
    await refreshBadge();
    // Minutes between syncs kept by an older version become the nearest preset.
    await migrateSyncInterval().catch((e: unknown) => logDiagnostic('background', 'Could not move the old sync interval to a preset', e));
    // Syncs now unless one ran moments ago (a worker restarted), then keeps the cadence.
    await scheduler.wake();
  })().catch((e: unknown) => logDiagnostic('background', 'Start-up catch-up stopped early', e, 'error'));
  // Archives cached before search existed (or imported) are indexed once, beside the syncs, in
  // batches; open options pages show how far it is, and a stopped worker resumes where it was.
  void (async () => {
    if (await searchBackfilledItem.getValue()) return;
    await backfillSearchIndex(search, {
      resume: { get: () => searchBackfillCursorItem.getValue(), set: (id) => searchBackfillCursorItem.setValue(id) },
      onProgress: ({ done, total }) => broadcast({ type: 'search-index-progress', done, total }),
    });
    await searchBackfilledItem.setValue(true);
  })().catch((e: unknown) => logDiagnostic('search', 'Building the search index stopped early', e, 'error'));
});
