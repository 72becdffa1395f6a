import { AuthService } from '@/lib/auth/service';
import { tokenStore } from '@/lib/auth/token-store';
import { getEndpoints } from '@/lib/config';
import { listAccounts } from '@/lib/db';
import { toDeskError } from '@/lib/errors-map';
import { GraphClient } from '@/lib/graph/client';
import { broadcast, registerHandlers } from '@/lib/messaging/protocol';
import { ProfileService } from '@/lib/contacts/profile';
import { react } from '@/lib/outbox/react';
import { sendReply } from '@/lib/outbox/send';
import { humanAgentSetting } from '@/lib/settings';
import { authRedirectUrl, configureActionPanel, launchAuthFlow } from '@/lib/platform';
import { SyncService } from '@/lib/sync/service';

export default defineBackground(() => {
  const client = new GraphClient({ baseUrl: async () => (await getEndpoints()).graphApiBase });
  const auth = new AuthService({
    client,
    endpoints: getEndpoints,
    launch: launchAuthFlow,
    redirectUrl: authRedirectUrl,
    tokens: tokenStore,
    onAccountsChanged: () => broadcast({ type: 'accounts-changed' }),
  });
  const sync = new SyncService({ client, auth, notify: broadcast });
  const profiles = new ProfileService({ client, auth });
  const syncAll = async (): Promise<void> => {
    const accounts = await listAccounts();
    await Promise.allSettled(accounts.map((a) => sync.syncAccount(a.id)));
  };

  registerHandlers(
    {
      connect: async () => {
        const accounts = await auth.connect();
        void syncAll();
        return { accounts };
      },
      disconnect: async ({ accountId }) => {
        await auth.disconnect(accountId);
        return null;
      },
      sync: async ({ accountId }) => {
        if (accountId) await sync.syncAccount(accountId);
        else await syncAll();
        return null;
      },
      send: async (req) => {
        const changed = () => broadcast({ type: 'conversations-changed', accountId: req.accountId, conversationIds: [req.conversationId] });
        try {
          return await sendReply(
            {
              client,
              auth,
              humanAgent: () => humanAgentSetting.getValue(),
              onUploadProgress: (p) => broadcast({ type: 'upload-progress', ...p }),
            },
            req,
          );
        } finally {
          // Even a partial send (images out, text refused) changed the thread.
          changed();
        }
      },
      react: async (req) => {
        await react({ client, auth }, req);
        broadcast({ type: 'conversations-changed', accountId: req.accountId, conversationIds: [req.conversationId] });
        return null;
      },
      profile: (req) => profiles.load(req),
    },
    toDeskError,
  );

  browser.runtime.onInstalled.addListener(() => void configureActionPanel());
  browser.runtime.onStartup.addListener(() => void syncAll());
});
