import { useState } from 'preact/hooks';

export const REACTION_EMOJI = ['❤️', '😂', '😮', '😢', '😡', '👍'] as const;

interface Props {
  onReact: (emoji: string) => void;
}

/** "React" opens a row of emoji; ❤️ is the first and the default. */
export function ReactionPicker({ onReact }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <span class="reaction-picker">
      <button type="button" class="icon-button small" aria-label="React to message" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">♡</span>
      </button>
      {open ? (
        // Esc from any of its buttons closes the row (the buttons themselves are the interactive part).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <span class="reaction-choices" role="group" aria-label="Choose a reaction" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {REACTION_EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              class="reaction-choice"
              aria-label={`React with ${emoji}`}
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
