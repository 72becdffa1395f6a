import type { ReadonlySignal } from '@preact/signals';
import type { Account } from '@/lib/db/schema';
import type { ArchiveModel } from '@/lib/models/options-archive';
import { ImportReportView } from './ImportReportView';

interface Props {
  accounts: ReadonlySignal<Account[]>;
  model: ArchiveModel;
}

const size = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The local archive: its size per account, export (JSON, CSV), import, and persistent storage. */
export function ArchiveSection({ accounts, model }: Props) {
  const sizes = model.sizes.value;
  const persisted = model.persisted.value;
  const importing = model.importing.value;
  const report = model.report.value;
  const problem = model.problem.value;

  return (
    <section class="card" aria-labelledby="archive-title">
      <h2 id="archive-title">Archive</h2>
      <p>
        DM Desk keeps every message it has seen in this browser, even those Instagram no longer serves.{' '}
        {persisted === true
          ? 'The browser will keep it even when disk space runs low.'
          : persisted === false
            ? 'The browser may clear it if disk space runs very low; export it to keep a copy.'
            : ''}
      </p>
      <ul class="connection-list">
        {accounts.value.map((a) => {
          const s = sizes?.get(a.id);
          return (
            <li key={a.id} class="connection">
              <span class="connection-main">
                <strong>@{a.username}</strong>
                <span class="muted" aria-label={`Archive size of @${a.username}`}>
                  {sizes === null
                    ? 'Measuring…'
                    : s
                      ? `${s.messages.toLocaleString('en-US')} messages · ${size(s.bytes)}`
                      : 'No messages yet'}
                </span>
              </span>
              <button
                type="button"
                class="button small"
                onClick={() => void model.exportAccount(a, 'json')}
                aria-label={`Export @${a.username} as JSON`}
              >
                Export JSON
              </button>
              <button
                type="button"
                class="button small"
                onClick={() => void model.exportAccount(a, 'csv')}
                aria-label={`Export @${a.username} messages as CSV`}
              >
                Export CSV
              </button>
            </li>
          );
        })}
      </ul>
      <label>
        Import an archive (JSON)
        <input
          type="file"
          accept="application/json,.json"
          disabled={importing}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void model.importFile(file);
          }}
        />
      </label>
      {importing ? (
        <p class="muted" role="status">
          Importing…
        </p>
      ) : null}
      {report ? <ImportReportView report={report} /> : null}
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
