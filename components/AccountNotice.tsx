import type { Account } from '@/lib/db/schema';
import { AlertIcon } from './Icons';
import { EmptyState } from './EmptyState';

interface Props {
  account: Account;
  connecting: boolean;
  onOpenConnections: () => void;
  onReconnect: () => void;
}

/** What to do when an account cannot be read: each state names its own way forward. */
export function AccountNotice({ account, connecting, onOpenConnections, onReconnect }: Props) {
  if (account.status === 'permission-required') {
    return (
      <EmptyState tone="error" icon={<AlertIcon />} title="Permission required">
        <p>
          DM Desk can’t read @{account.username}’s messages because the <code>instagram_manage_messages</code> permission wasn’t granted.
        </p>
        <ol class="steps">
          <li>Open the connections page.</li>
          <li>Disconnect the account.</li>
          <li>Connect it again and approve every permission Meta asks for.</li>
        </ol>
        <button type="button" class="button" onClick={onOpenConnections}>
          Open connections
        </button>
      </EmptyState>
    );
  }
  if (account.status === 'messaging-disabled') {
    return (
      <EmptyState tone="error" icon={<AlertIcon />} title="Message access is switched off">
        <p>
          In the Instagram app open Settings → Messages and story replies → Message controls → Connected tools, and turn on “Allow access to
          messages”. Then refresh.
        </p>
      </EmptyState>
    );
  }
  // Shown above the saved conversations, which stay readable.
  return (
    <div class="banner error reconnect" role="alert">
      <span>
        <h2 class="banner-title">Reconnect needed</h2>
        The Meta login for @{account.username} has expired. Your saved messages are below; reconnect to get new ones.
      </span>
      <button type="button" class="button small" onClick={onReconnect} disabled={connecting}>
        Reconnect
      </button>
    </div>
  );
}
