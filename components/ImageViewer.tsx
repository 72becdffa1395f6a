import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';

interface Props {
  src: string;
  alt: string;
  onClose: () => void;
}

/** A larger view of an image, in a modal dialog (Esc or the Close button closes it). */
export function ImageViewer({ src, alt, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal?.();
    return () => el?.close?.();
  }, []);
  // Closed by the browser first, which gives the focus back to what opened it; then `close` takes it off the page.
  const close = () => dialog.current?.close();
  return (
    // A click on the backdrop closes it, as Esc (handled by the dialog itself) and Close do.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <dialog ref={dialog} class="image-viewer" aria-label={alt} onClose={onClose} onClick={(e) => e.target === dialog.current && close()}>
      <img src={src} alt={alt} />
      <button type="button" class="button small" onClick={close}>
        {t('thread.closeImage')}
      </button>
    </dialog>
  );
}
