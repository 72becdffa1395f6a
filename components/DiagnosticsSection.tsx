import type { DiagnosticsModel } from '@/lib/models/options-archive';

/** How many of the newest entries the page lists; Copy takes them all. */
const SHOWN = 50;

/**
 * What went wrong recently, in words a person can send with a report. The log holds no message
 * text, names or tokens, so it is safe to copy into an e-mail.
 */
export function DiagnosticsSection({ model }: { model: DiagnosticsModel }) {
  const entries = model.entries.value;
  const note = model.note.value;
  if (entries === null) return null;
  const newest = entries.slice(-SHOWN).reverse();
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
            <button type="button" class="button small" onClick={() => void model.copy()}>
              Copy diagnostics
            </button>
            <button type="button" class="button small" onClick={() => void model.clear()}>
              Clear
            </button>
          </div>
          <p role="status" class="muted">
            {note ?? ''}
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
