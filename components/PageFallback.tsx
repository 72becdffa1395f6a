interface Props {
  /** What the page is, for the sentence: "the inbox", "the settings". */
  page: string;
  onReload: () => void;
}

/** What a page shows when it could not be drawn at all: what happened, and a way back. */
export function PageFallback({ page, onReload }: Props) {
  return (
    <main class="page-fallback" aria-labelledby="page-fallback-title">
      <div role="alert">
        <h1 id="page-fallback-title">Something went wrong</h1>
        <p>
          DM Desk could not show {page}. Your messages and replies are safe: nothing stored was changed. Reload to try again; if it happens
          again, the diagnostics log on the settings page says what failed.
        </p>
        <button type="button" class="button primary" onClick={onReload}>
          Reload
        </button>
      </div>
    </main>
  );
}
