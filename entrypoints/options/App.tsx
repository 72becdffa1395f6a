import { useEffect, useState } from 'preact/hooks';
import { ArchiveSection } from '@/components/ArchiveSection';
import { ConnectionsSection } from '@/components/ConnectionsSection';
import { DiagnosticsSection } from '@/components/DiagnosticsSection';
import { MetaAppSection } from '@/components/MetaAppSection';
import { NotificationsSection } from '@/components/NotificationsSection';
import { ReplyPolicySection } from '@/components/ReplyPolicySection';
import { TimeZoneSection } from '@/components/TimeZoneSection';
import { listAccounts } from '@/lib/db';
import type { Account } from '@/lib/db/schema';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { authRedirectUrl } from '@/lib/platform';
import { forgetAccount } from '@/lib/models/first-paint';

export function OptionsApp() {
  const [accounts, setAccounts] = useState<Account[]>([]);
  useEffect(() => {
    const load = () => void listAccounts().then(setAccounts);
    load();
    return onNotice((n) => {
      if (n.type === 'accounts-changed') load();
    });
  }, []);

  return (
    <main class="options-main">
      <h1>DM Desk settings</h1>
      <ConnectionsSection
        accounts={accounts}
        connect={async () => {
          await sendRequest('connect', {});
          setAccounts(await listAccounts());
        }}
        disconnect={async (accountId) => {
          // The side panel's first-paint rows may be this account's: they go with its data, from
          // now on (a panel closing meanwhile may still write what it showed).
          forgetAccount(globalThis.localStorage, accountId, Date.now());
          const result = await sendRequest('disconnect', { accountId });
          setAccounts(await listAccounts());
          return result;
        }}
      />
      <MetaAppSection redirectUrl={authRedirectUrl()} />
      <NotificationsSection accounts={accounts} />
      <ArchiveSection accounts={accounts} onImported={() => void listAccounts().then(setAccounts)} />
      <ReplyPolicySection />
      <TimeZoneSection />
      <DiagnosticsSection />
    </main>
  );
}
