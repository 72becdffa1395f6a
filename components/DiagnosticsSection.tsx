import { formatNumber } from '@/lib/format/numbers';
import { fullDateTime } from '@/lib/format/time';
import { t } from '@/lib/i18n';
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
      <h2 id="diagnostics-title">{t('options.diagnosticsTitle')}</h2>
      <p class="muted">{t('options.diagnosticsIntro')}</p>
      {entries.length === 0 ? (
        <p>{t('options.diagnosticsEmpty')}</p>
      ) : (
        <>
          <div class="confirm">
            <button type="button" class="button small" onClick={() => void model.copy()}>
              {t('options.copyDiagnostics')}
            </button>
            <button type="button" class="button small" onClick={() => void model.clear()}>
              {t('options.clearDiagnostics')}
            </button>
          </div>
          <p role="status" class="muted">
            {note ?? ''}
          </p>
          <ol
            class="diagnostics-list"
            // It scrolls: the keyboard must be able to reach it to scroll it.
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            aria-label={t('options.diagnosticsNewest', entries.length, {
              shown: formatNumber(Math.min(SHOWN, entries.length)),
              count: formatNumber(entries.length),
            })}
          >
            {newest.map((e, i) => (
              <li key={`${e.at}-${i}`} class={`diagnostic diagnostic-${e.level}`}>
                <time dateTime={new Date(e.at).toISOString()}>{fullDateTime(e.at)}</time> <strong>{e.area}</strong> {e.message}
                {e.error ? <span class="diagnostic-cause"> ({e.error})</span> : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
