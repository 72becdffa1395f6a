import { useState } from 'preact/hooks';
import type { Account } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import type { ConnectionsModel } from '@/lib/models/options';
import { Avatar } from './Avatar';
import { Spinner } from './Icons';

function statusText(status: Account['status']): string {
  switch (status) {
    case 'ok':
      return t('connections.statusOk');
    case 'permission-required':
      return t('connections.statusPermissionRequired');
    case 'messaging-disabled':
      return t('connections.statusMessagingDisabled');
    case 'reconnect':
      return t('connections.statusReconnect');
  }
}

/**
 * Connected accounts: connect more, disconnect one (after confirming). When the last one goes and
 * DM Desk could not withdraw its access at Meta, it says how to remove the app there.
 */
export function ConnectionsSection({ model }: { model: ConnectionsModel }) {
  /** The account whose Disconnect asks for confirmation. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const accounts = model.accounts.value;
  const busy = model.busy.value;
  const error = model.error.value;
  const revokeNotice = model.revokeNotice.value;

  return (
    <section class="card" id="connections" aria-labelledby="connections-title">
      <h2 id="connections-title">{t('connections.title')}</h2>
      {accounts.length === 0 ? <p class="muted">{t('connections.none')}</p> : null}
      <ul class="connection-list">
        {accounts.map((a) => (
          <li key={a.id} class="connection">
            <Avatar name={a.name ?? a.username} seed={a.id} size={32} />
            <span class="connection-main">
              <strong>{a.name ?? a.username}</strong> <span class="muted">@{a.username}</span>
              <span class={`connection-status ${a.status}`}>{statusText(a.status)}</span>
            </span>
            {confirming === a.id ? (
              <span class="confirm" role="group" aria-label={t('connections.confirmLabel', { username: a.username })}>
                <span>{t('connections.confirmQuestion', { username: a.username })}</span>
                <button
                  type="button"
                  class="button danger small"
                  disabled={busy}
                  onClick={() => void model.disconnect(a).then(() => setConfirming((c) => (c === a.id ? null : c)))}
                >
                  {t('connections.disconnect')}
                </button>
                <button type="button" class="button small" onClick={() => setConfirming(null)}>
                  {t('connections.cancel')}
                </button>
              </span>
            ) : (
              <button
                type="button"
                class="button small"
                aria-label={t('connections.disconnectAccount', { username: a.username })}
                onClick={() => setConfirming(a.id)}
              >
                {t('connections.disconnect')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" class="button primary" disabled={busy} onClick={() => void model.connect()}>
        {busy ? <Spinner /> : null} {accounts.length === 0 ? t('connections.connectFirst') : t('connections.connectAnother')}
      </button>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {revokeNotice?.revoke === 'revoked' ? <p class="muted">{t('connections.revoked', { username: revokeNotice.username })}</p> : null}
      {revokeNotice?.revoke === 'failed' ? (
        <div class="revoke-notice form-error" role="alert">
          <p>{t('connections.revokeFailed', { username: revokeNotice.username })}</p>
          <ol class="steps">
            <li>{t('connections.revokeStepSettings')}</li>
            <li>{t('connections.revokeStepIntegrations')}</li>
            <li>{t('connections.revokeStepRemove')}</li>
          </ol>
        </div>
      ) : null}
    </section>
  );
}
