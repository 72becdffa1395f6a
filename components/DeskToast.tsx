import { useEffect } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { DeskToast as Toast } from '@/lib/models/desk-actions';

interface Props {
  toast: Toast | null;
  onUndo: () => void;
  onDismiss: (id: number) => void;
}

/** How long an announcement stays (Undo goes with it). */
export const TOAST_MS = 8000;

/** What the last desk action did, with Undo. The region is always there so screen readers announce each change. */
export function DeskToast({ toast, onUndo, onDismiss }: Props) {
  const id = toast?.id;
  useEffect(() => {
    if (id === undefined) return;
    const timer = setTimeout(() => onDismiss(id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [id, onDismiss]);
  return (
    <div class="desk-toast-region" role="status" aria-live="polite">
      {toast ? (
        <div class={`desk-toast${toast.error ? ' error' : ''}`}>
          <span class="desk-toast-text">{toast.message}</span>
          {toast.undo ? (
            <button type="button" class="button small desk-toast-undo" onClick={onUndo}>
              {t('desk.undo')}
            </button>
          ) : null}
          <button type="button" class="icon-button desk-toast-close" aria-label={t('desk.dismiss')} onClick={() => onDismiss(toast.id)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
