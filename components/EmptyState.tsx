import type { ComponentChildren } from 'preact';

interface Props {
  icon?: ComponentChildren;
  title: string;
  children?: ComponentChildren;
  /** Use role="alert" for failures so assistive technology announces them. */
  tone?: 'neutral' | 'error';
}

export function EmptyState({ icon, title, children, tone = 'neutral' }: Props) {
  return (
    <div class={`empty-state ${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {icon ? <div class="empty-icon">{icon}</div> : null}
      <h2 class="empty-title">{title}</h2>
      {children ? <div class="empty-body">{children}</div> : null}
    </div>
  );
}
