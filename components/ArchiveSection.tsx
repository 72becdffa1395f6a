import type { ReadonlySignal } from '@preact/signals';
import type { Account } from '@/lib/db/schema';
import { formatNumber, formatSize } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import type { ArchiveModel } from '@/lib/models/options-archive';
import { ArchiveProgressBar } from './ArchiveProgressBar';
import { ImportReportView } from './ImportReportView';

interface Props {
  accounts: ReadonlySignal<Account[]>;
  model: ArchiveModel;
}

/** The local archive: its size per account, export (JSON, CSV), import, and persistent storage. */
export function ArchiveSection({ accounts, model }: Props) {
  const sizes = model.sizes.value;
  const persisted = model.persisted.value;
  const importing = model.importing.value;
  const progress = model.progress.value;
  const report = model.report.value;
  const problem = model.problem.value;

  return (
    <section class="card" aria-labelledby="archive-title">
      <h2 id="archive-title">{t('archive.title')}</h2>
      <p>
        {t('archive.intro')} {persisted === true ? t('archive.persisted') : persisted === false ? t('archive.notPersisted') : ''}
      </p>
      <ul class="connection-list">
        {accounts.value.map((a) => {
          const s = sizes?.get(a.id);
          return (
            <li key={a.id} class="connection">
              <span class="connection-main">
                <strong>@{a.username}</strong>
                <span class="muted" aria-label={t('archive.sizeLabel', { username: a.username })}>
                  {sizes === null
                    ? t('archive.measuring')
                    : s
                      ? t('archive.size', s.messages, { count: formatNumber(s.messages), size: formatSize(s.bytes) })
                      : t('archive.noMessages')}
                </span>
              </span>
              <button
                type="button"
                class="button small"
                onClick={() => void model.exportAccount(a, 'json')}
                aria-label={t('archive.exportJsonLabel', { username: a.username })}
              >
                {t('archive.exportJson')}
              </button>
              <button
                type="button"
                class="button small"
                onClick={() => void model.exportAccount(a, 'csv')}
                aria-label={t('archive.exportCsvLabel', { username: a.username })}
              >
                {t('archive.exportCsv')}
              </button>
            </li>
          );
        })}
      </ul>
      <label>
        {t('archive.importLabel')}
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
      {progress ? <ArchiveProgressBar progress={progress} /> : null}
      {report ? <ImportReportView report={report} /> : null}
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
