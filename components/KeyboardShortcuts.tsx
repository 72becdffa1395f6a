import { useEffect, useRef, useState } from 'preact/hooks';
import { DESK_SHORTCUTS } from './DeskKeys';

export const SHORTCUTS: Array<[keys: string, what: string]> = [
  ['j / k', 'Next / previous conversation'],
  ['Enter', 'Open the conversation'],
  ['r', 'Reply: focus the message box'],
  ['l', 'Labels of the open conversation'],
  ...DESK_SHORTCUTS,
  ['Esc', 'Back to the list'],
  ['/', 'Search; filters: label:vip, label:"Wholesale EU", is:done, is:snoozed, is:pinned, is:unread'],
  ['?', 'Show these shortcuts'],
];

interface Props {
  onBack: () => void;
  onSearch?: () => void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Inbox keyboard shortcuts, and the "?" sheet that lists them. */
export function KeyboardShortcuts({ onBack, onSearch }: Props) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') {
        if (typing(e.target)) (e.target as HTMLElement).blur();
        else onBack();
        return;
      }
      if (typing(e.target)) return;
      const rows = Array.from(document.querySelectorAll<HTMLButtonElement>('.conversation-list .conversation-row'));
      const at = rows.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        const current = at >= 0 ? at : rows.findIndex((r) => r.getAttribute('aria-current') === 'true');
        const next = e.key === 'j' ? Math.min(rows.length - 1, current + 1) : Math.max(0, current - 1);
        rows[next]?.focus();
        rows[next]?.scrollIntoView({ block: 'nearest' });
      } else if (e.key === 'r') {
        const box = document.getElementById('reply-box');
        if (box) {
          e.preventDefault();
          box.focus();
        }
      } else if (e.key === 'l') {
        // The open thread's Labels button opens its picker.
        const labels = document.getElementById('labels-button');
        if (labels) {
          e.preventDefault();
          labels.click();
        }
      } else if (e.key === '/' && onSearch) {
        e.preventDefault();
        onSearch();
      } else if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onBack, onSearch]);

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal?.();
  }, [open]);

  if (!open) return null;
  return (
    <dialog ref={dialog} class="shortcuts" aria-label="Keyboard shortcuts" onClose={() => setOpen(false)}>
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} class="shortcut">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" class="button small" onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
