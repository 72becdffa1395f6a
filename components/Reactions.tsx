import type { Reaction } from '@/lib/graph/types';
import { t, uiLocale } from '@/lib/i18n';
import { formatNumber } from '@/lib/format/numbers';

interface Props {
  reactions: Reaction[];
  accountId: string;
  customerName: string;
  /** Present when the account may change its reaction on this message. */
  onRemoveOwn?: () => void;
}

/** "leo.brews and you", "a, b and c": names listed as the UI's language lists them. */
function listOf(names: string[]): string {
  return new Intl.ListFormat(uiLocale(), { type: 'conjunction' }).format(names);
}

/** Reactions under a message, with their real emoji and who reacted. */
export function Reactions({ reactions, accountId, customerName, onRemoveOwn }: Props) {
  if (reactions.length === 0) return null;
  return (
    <div class="reactions" role="group" aria-label={t('message.reactions')}>
      {reactions.map((r) => {
        const names = listOf(r.users.map((u) => (u.id === accountId ? t('message.reactionYou') : (u.username ?? customerName))));
        const mine = r.users.some((u) => u.id === accountId);
        const label = t('message.reactionFrom', { emoji: r.emoji, names });
        return (
          <span key={r.emoji}>
            {mine && onRemoveOwn ? (
              <button
                type="button"
                class="reaction mine"
                title={t('message.reactionFromRemovable', { emoji: r.emoji, names })}
                aria-label={t('message.removeReaction', { emoji: r.emoji })}
                // How many reacted is drawn by the style sheet: the button's words are its name alone
                // (who reacted is in its title).
                data-count={r.users.length > 1 ? formatNumber(r.users.length) : undefined}
                onClick={onRemoveOwn}
              >
                {r.emoji}
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
