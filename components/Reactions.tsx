import type { Reaction } from '@/lib/graph/types';

interface Props {
  reactions: Reaction[];
  accountId: string;
  customerName: string;
  /** Present when the account may change its reaction on this message. */
  onRemoveOwn?: () => void;
}

/** Reactions under a message, with their real emoji and who reacted. */
export function Reactions({ reactions, accountId, customerName, onRemoveOwn }: Props) {
  if (reactions.length === 0) return null;
  return (
    <div class="reactions" role="group" aria-label="Reactions">
      {reactions.map((r) => {
        const names = r.users.map((u) => (u.id === accountId ? 'you' : (u.username ?? customerName)));
        const mine = r.users.some((u) => u.id === accountId);
        const label = `${r.emoji} from ${names.join(' and ')}`;
        return (
          <span key={r.emoji}>
            {mine && onRemoveOwn ? (
              <button
                type="button"
                class="reaction mine"
                title={`${label}. Click to remove yours.`}
                aria-label={`Remove your ${r.emoji} reaction`}
                onClick={onRemoveOwn}
              >
                {r.emoji}
                {r.users.length > 1 ? <span class="reaction-count">{r.users.length}</span> : null}
              </button>
            ) : (
              <span class={`reaction${mine ? ' mine' : ''}`} title={label} aria-label={label} role="img">
                {r.emoji}
                {r.users.length > 1 ? <span class="reaction-count">{r.users.length}</span> : null}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}
