import { t } from '@/lib/i18n';

interface Props {
  /** What the page is, in the person's language, for the sentence: "the inbox", "the settings" (from t()). */
  page: string;
  onReload: () => void;
}

/** What a page shows when it could not be drawn at all: what happened, and a way back. */
export function PageFallback({ page, onReload }: Props) {
  return (
    <main class="page-fallback" aria-labelledby="page-fallback-title">
      <div role="alert">
        <h1 id="page-fallback-title">{t('inbox.pageFallbackTitle')}</h1>
        <p>{t('inbox.pageFallbackBody', { page })}</p>
        <button type="button" class="button primary" onClick={onReload}>
          {t('inbox.reload')}
        </button>
      </div>
    </main>
  );
}
