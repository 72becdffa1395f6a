import { useState } from 'preact/hooks';
import type { Account } from '@/lib/db/schema';
import type { ConnectionsModel } from '@/lib/models/options';
import { Avatar } from './Avatar';
import { Spinner } from './Icons';

const STATUS_TEXT: Record<Account['status'], string> = {
  ok: 'Connected',
  'permission-required': 'Permission required — disconnect, then connect again and approve every permission',
  'messaging-disabled': 'Message access is switched off in the Instagram app',
  reconnect: 'Login expired — connect again',
};

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
      <h2 id="connections-title">Connections</h2>
      {accounts.length === 0 ? <p class="muted">No Instagram accounts connected yet.</p> : null}
      <ul class="connection-list">
        {accounts.map((a) => (
          <li key={a.id} class="connection">
            <Avatar name={a.name ?? a.username} seed={a.id} size={32} />
            <span class="connection-main">
              <strong>{a.name ?? a.username}</strong> <span class="muted">@{a.username}</span>
              <span class={`connection-status ${a.status}`}>{STATUS_TEXT[a.status]}</span>
            </span>
            {confirming === a.id ? (
              <span class="confirm" role="group" aria-label={`Confirm disconnecting @${a.username}`}>
                <span>Delete @{a.username}’s saved messages from this browser?</span>
                <button
                  type="button"
                  class="button danger small"
                  disabled={busy}
                  onClick={() => void model.disconnect(a).then(() => setConfirming((c) => (c === a.id ? null : c)))}
                >
                  Disconnect
                </button>
                <button type="button" class="button small" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" class="button small" aria-label={`Disconnect @${a.username}`} onClick={() => setConfirming(a.id)}>
                Disconnect
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" class="button primary" disabled={busy} onClick={() => void model.connect()}>
        {busy ? <Spinner /> : null} {accounts.length === 0 ? 'Connect Account' : 'Connect another account'}
      </button>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {revokeNotice?.revoke === 'revoked' ? (
        <p class="muted">@{revokeNotice.username} was the last account: DM Desk’s access to your Meta account is withdrawn too.</p>
      ) : null}
      {revokeNotice?.revoke === 'failed' ? (
        <div class="revoke-notice form-error" role="alert">
          <p>
            @{revokeNotice.username} is disconnected and its messages are deleted from this browser, but DM Desk could not withdraw its
            access at Meta: the Meta login could not be renewed. To remove that access yourself:
          </p>
          <ol class="steps">
            <li>On Facebook, open Settings &amp; privacy → Settings.</li>
            <li>Open Business integrations (on some accounts: Apps and websites).</li>
            <li>Find the Meta app DM Desk used (the app ID on this page) and choose Remove.</li>
          </ol>
        </div>
      ) : null}
    </section>
  );
}
