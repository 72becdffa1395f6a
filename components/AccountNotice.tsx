import type { Account } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import { AlertIcon } from './Icons';
import { EmptyState } from './EmptyState';
import { Words } from './Words';

/** The permission Meta must grant for messages (its name, the same in every language). */
const MESSAGES_PERMISSION = 'instagram_manage_messages';

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
      <EmptyState tone="error" icon={<AlertIcon />} title={t('accounts.permissionTitle')}>
        <p>
          {/* The slots stay in the sentence for Words to fill: the permission's name is code. */}
          <Words
            message={t('accounts.permissionBody', { username: '{username}', permission: '{permission}' })}
            parts={{ username: account.username, permission: <code>{MESSAGES_PERMISSION}</code> }}
          />
        </p>
        <ol class="steps">
          <li>{t('accounts.permissionStep1')}</li>
          <li>{t('accounts.permissionStep2')}</li>
          <li>{t('accounts.permissionStep3')}</li>
        </ol>
        <button type="button" class="button" onClick={onOpenConnections}>
          {t('accounts.openConnections')}
        </button>
      </EmptyState>
    );
  }
  if (account.status === 'messaging-disabled') {
    return (
      <EmptyState tone="error" icon={<AlertIcon />} title={t('accounts.messagingOffTitle')}>
        <p>{t('accounts.messagingOffBody')}</p>
      </EmptyState>
    );
  }
  // Shown above the saved conversations, which stay readable.
  return (
    <div class="banner error reconnect" role="alert">
      <span>
        <h2 class="banner-title">{t('accounts.reconnectTitle')}</h2>
        {t('accounts.reconnectBody', { username: account.username })}
      </span>
      <button type="button" class="button small" onClick={onReconnect} disabled={connecting}>
        {t('accounts.reconnect')}
      </button>
    </div>
  );
}
