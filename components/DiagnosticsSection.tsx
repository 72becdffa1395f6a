import { useEffect, useState } from 'preact/hooks';
import { clearDiagnostics, formatDiagnostics, readDiagnostics, watchDiagnostics, type DiagnosticEntry } from '@/lib/diagnostics';

/** How many of the newest entries the page lists; Copy takes them all. */
const SHOWN = 50;

/**
 * What went wrong recently, in words a person can send with a report. The log holds no message
 * text, names or tokens, so it is safe to copy into an e-mail.
 */
export function DiagnosticsSection() {
  const [entries, setEntries] = useState<DiagnosticEntry[] | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    void readDiagnostics().then(setEntries);
    return watchDiagnostics(setEntries);
  }, []);
  if (entries === null) return null;
  const newest = entries.slice(-SHOWN).reverse();
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(formatDiagnostics(entries));
      setCopied('Copied. Paste it into your report.');
    } catch {
      setCopied('Copying was refused by the browser. Select the lines below and copy them instead.');
    }
  };
  return (
    <section class="card" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <p class="muted">
        What went wrong recently, kept on this computer only. It never holds message text, names or logins, so you can copy it into a
        report.
      </p>
      {entries.length === 0 ? (
        <p>Nothing has gone wrong.</p>
      ) : (
        <>
          <div class="confirm">
            <button type="button" class="button small" onClick={() => void copy()}>
              Copy diagnostics
            </button>
            <button
              type="button"
              class="button small"
              onClick={() => {
                setCopied(null);
                void clearDiagnostics();
              }}
            >
              Clear
            </button>
          </div>
          <p role="status" class="muted">
            {copied ?? ''}
          </p>
          <ol class="diagnostics-list" aria-label={`Newest ${Math.min(SHOWN, entries.length)} of ${entries.length} entries`}>
            {newest.map((e, i) => (
              <li key={`${e.at}-${i}`} class={`diagnostic diagnostic-${e.level}`}>
                <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleString()}</time> <strong>{e.area}</strong> {e.message}
                {e.error ? <span class="diagnostic-cause"> ({e.error})</span> : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
