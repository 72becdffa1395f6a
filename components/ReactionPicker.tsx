import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export const REACTION_EMOJI = ['❤️', '😂', '😮', '😢', '😡', '👍'] as const;

interface Props {
  onReact: (emoji: string) => void;
}

/** "React" opens a row of emoji; ❤️ is the first and the default. */
export function ReactionPicker({ onReact }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <span class="reaction-picker">
      <button
        type="button"
        class="icon-button small"
        aria-label={t('message.reactToMessage')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">♡</span>
      </button>
      {open ? (
        // Esc from any of its buttons closes the row (the buttons themselves are the interactive part).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <span
          class="reaction-choices"
          role="group"
          aria-label={t('message.chooseReaction')}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          {REACTION_EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              class="reaction-choice"
              aria-label={t('message.reactWith', { emoji })}
              onClick={() => {
                setOpen(false);
                onReact(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </span>
      ) : null}
    </span>
  );
}
