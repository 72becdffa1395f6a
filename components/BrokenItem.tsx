interface Props {
  /** What could not be shown, e.g. "This conversation could not be shown". */
  label: string;
  /** The way forward: a button's text and what it does. */
  action: { text: string; run: () => void };
  /** Renders as a list item (inside a list) or as a plain block. */
  as?: 'li' | 'div';
  className?: string;
}

/** A labelled placeholder for one row or message that failed to render, with a way forward. */
export function BrokenItem({ label, action, as = 'div', className = '' }: Props) {
  const Tag = as;
  return (
    <Tag class={`broken-item ${className}`.trim()} role="group" aria-label={label}>
      <span class="broken-item-label">{label}</span>
      <button type="button" class="button small" onClick={action.run}>
        {action.text}
      </button>
    </Tag>
  );
}
