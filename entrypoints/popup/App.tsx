import { useEffect, useState } from 'preact/hooks';
import { AccountPills } from '@/components/AccountPills';
import { listAccounts } from '@/lib/db';
import type { Account } from '@/lib/db/schema';
import { onNotice } from '@/lib/messaging/protocol';
import { openInbox } from '@/lib/platform';

/** Toolbar popup: the connected accounts and a way into the full inbox. (Quick reply: issue #4.) */
export function PopupApp() {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      void listAccounts().then((list) => {
        setAccounts(list);
        setSelected((s) => s ?? list[0]?.id ?? null);
      });
    load();
    return onNotice((n) => {
      if (n.type === 'accounts-changed') load();
    });
  }, []);

  return (
    <main class="popup-main">
      <h1 class="popup-title">DM Desk</h1>
      {accounts && accounts.length > 0 ? (
        <AccountPills accounts={accounts} selectedId={selected} onSelect={setSelected} />
      ) : accounts ? (
        <p class="muted">No Instagram accounts connected yet.</p>
      ) : null}
      <button
        type="button"
        class="button primary"
        onClick={() => {
          openInbox().then(
            () => window.close(),
            () => setError('The side panel could not open here. Open DM Desk from the browser’s side panel menu.'),
          );
        }}
      >
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
