import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Attention, openNotificationTarget } from '@/lib/attention';
import { AuthService } from '@/lib/auth/service';
import { tokenStore } from '@/lib/auth/token-store';
import { getEndpoints, saveMetaOverrides } from '@/lib/config';
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
  searchBackfilledItem,
  syncIntervalSetting,
} from '@/lib/settings';
import { SyncService } from '@/lib/sync/service';
import { backfillSearchIndex, toSearchDoc } from '@/lib/archive/search-docs';
import { importArchiveText } from '@/lib/archive/import';
import { listAccounts, putAccount } from '@/lib/db';
import { openSearchIndex } from '@/lib/search';
import { logDiagnostic } from '@/lib/diagnostics';
import { replyBoxHandlers } from '@/lib/messaging/reply-box-writes';
import { deskHandlers } from '@/lib/desk/writes';

const SYNC_ALARM = 'dmdesk-sync';

export default defineBackground(() => {
  const client = new GraphClient({ baseUrl: async () => (await getEndpoints()).graphApiBase });
  const attention = new Attention({ setBadge, showNotification, notify: broadcast });
  const refreshBadge = () =>
    attention.refreshBadge().catch((e: unknown) => logDiagnostic('badge', 'Could not update the toolbar badge', e));
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
  const search = openSearchIndex();
  const sync = new SyncService({
    client,
    auth,
    notify: broadcast,
    onMessagesStored: (messages, rows) => search.upsert(messages.map((m) => toSearchDoc(m, rows.get(m.conversationId)))),
    onNewMessages: (account, messages, conversations) => attention.announce(account, messages, conversations),
    onStateChanged: ({ conversationsChanged }) =>
      attention
        .refreshBadge({ recount: conversationsChanged })
        .catch((e: unknown) => logDiagnostic('badge', 'Could not update the toolbar badge', e)),
  });
  const outbox = new Outbox({ client, auth, humanAgent: () => humanAgentSetting.getValue(), notify: broadcast });
  const profiles = new ProfileService({ client, auth });

  /** Everything the background does on its own: sync every account, then deliver what is queued. */
  const tick = async (): Promise<void> => {
    try {
      await sync.syncAll();
    } finally {
      // Replies waiting for a rate limit or a check of the thread go on even when a sync fails.
      await outbox.process();
    }
  };

  const replyBox = replyBoxHandlers();
  const desk = deskHandlers({
    notify: broadcast,
    onDeskChanged: () => void refreshBadge(),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
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
      send: async (req) => ({ outboxId: (await outbox.enqueue(req)).id }),
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
      importArchive: async ({ text }) => {
        const report = await importArchiveText(text, { search, notify: broadcast });
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

  const scheduleSync = async (): Promise<void> => {
    // Browsers raise short periods to their own minimum (30 s for packed extensions).
    const minutes = Math.max(0.05, await syncIntervalSetting.getValue());
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: minutes, delayInMinutes: minutes });
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void tick();
  });
  syncIntervalSetting.watch(() => void scheduleSync());

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
    void scheduleSync();
  });
  browser.runtime.onStartup.addListener(() => void scheduleSync());

  // A new worker (browser start, or the old one was stopped): clear what a stopped worker left
  // half-done, then catch up. Nothing here may block the synchronous main.
  void (async () => {
    await sync.clearStaleRunning();
    await refreshBadge();
    // Archives cached before search existed (or imported) are indexed once.
    if (!(await searchBackfilledItem.getValue())) {
      await backfillSearchIndex(search);
      await searchBackfilledItem.setValue(true);
    }
    if (!(await browser.alarms.get(SYNC_ALARM))) await scheduleSync();
    await tick();
  })().catch((e: unknown) => logDiagnostic('background', 'Start-up catch-up stopped early', e, 'error'));
});
