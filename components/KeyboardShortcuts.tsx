import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { deskShortcuts } from './DeskKeys';

/** Every key of the inbox with what it does, in the browser's language (the keys stay as printed on the keyboard). */
export function shortcuts(): Array<[keys: string, what: string]> {
  return [
    ['j / k', t('keys.nextPrevious')],
    ['Enter', t('keys.open')], // i18n-exempt: a key on the keyboard
    ['r', t('keys.reply')],
    ['l', t('keys.labels')],
    ...deskShortcuts(),
    ['Esc', t('keys.back')], // i18n-exempt: a key on the keyboard
    ['/', t('keys.search')],
    ['?', t('keys.help')],
  ];
}

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
        // Esc in a dialog or menu closes that (it gives the focus back), not the conversation behind it.
        if (e.target instanceof Element && e.target.closest('dialog, [role="dialog"], .reaction-choices')) return;
        if (typing(e.target)) (e.target as HTMLElement).blur();
        else onBack();
        return;
      }
      if (typing(e.target)) return;
      const rows = Array.from(document.querySelectorAll<HTMLButtonElement>('.conversation-list .conversation-row'));
      const at = rows.indexOf(document.activeElement as HTMLButtonElement);
      // The arrow keys move along the list too, while a row has the focus (elsewhere they scroll).
      const arrow = at >= 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp');
      if (e.key === 'j' || e.key === 'k' || arrow) {
        e.preventDefault();
        const current = at >= 0 ? at : rows.findIndex((r) => r.getAttribute('aria-current') === 'true');
        const down = e.key === 'j' || e.key === 'ArrowDown';
        const next = down ? Math.min(rows.length - 1, current + 1) : Math.max(0, current - 1);
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
    <dialog ref={dialog} class="shortcuts" aria-label={t('keys.title')} onClose={() => setOpen(false)}>
      <h2>{t('keys.title')}</h2>
      <dl>
        {shortcuts().map(([keys, what]) => (
          <div key={keys} class="shortcut">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" class="button small" onClick={() => dialog.current?.close()}>
        {t('keys.close')}
      </button>
    </dialog>
  );
}
