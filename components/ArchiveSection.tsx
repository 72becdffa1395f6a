import { useEffect, useState } from 'preact/hooks';
import { archiveSizes, buildArchive, downloadFile, messagesToCsv } from '@/lib/archive/export';
import { MAX_IMPORT_BYTES, tooLargeMessage, type ImportReport } from '@/lib/archive/import';
import type { Account } from '@/lib/db/schema';
import { logDiagnostic } from '@/lib/diagnostics';
import { isDeskError } from '@/lib/errors';
import { sendRequest } from '@/lib/messaging/protocol';
import { ImportReportView } from './ImportReportView';

interface Props {
  accounts: Account[];
  onImported: () => void;
}

const size = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

const stamp = (): string => new Date().toISOString().slice(0, 10);

/** The local archive: its size per account, export (JSON, CSV), import, and persistent storage. */
export function ArchiveSection({ accounts, onImported }: Props) {
  const [sizes, setSizes] = useState<Map<string, { messages: number; bytes: number }> | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importing, setImporting] = useState(false);

  const measure = (): void =>
    void archiveSizes().then(setSizes, (e: unknown) => {
      logDiagnostic('ui', 'Could not measure the archive', e);
      setSizes(new Map());
    });
  useEffect(() => {
    measure();
    // Ask the browser not to evict the archive under storage pressure (it may say no).
    void navigator.storage?.persist?.().then(setPersisted, () => setPersisted(false));
  }, [accounts.length]);

  const exportAccount = async (a: Account, kind: 'json' | 'csv'): Promise<void> => {
    const archive = await buildArchive({ accountIds: [a.id] });
    if (kind === 'json') downloadFile(`dm-desk-${a.username}-${stamp()}.json`, JSON.stringify(archive, null, 1), 'application/json');
    else downloadFile(`dm-desk-${a.username}-${stamp()}.csv`, messagesToCsv(archive), 'text/csv');
  };

  // The background checks and stores the file (pages never write what came from outside).
  const importFile = async (file: File): Promise<void> => {
    setStatus(null);
    setReport(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setStatus({ ok: false, text: tooLargeMessage() });
      return;
    }
    setImporting(true);
    try {
      setReport(await sendRequest('importArchive', { text: await file.text() }));
      measure();
      onImported();
    } catch (e) {
      if (!isDeskError(e)) logDiagnostic('import', 'The archive file could not be read or sent', e);
      setStatus({ ok: false, text: isDeskError(e) ? e.message : 'This file could not be read. Choose it again.' });
    } finally {
      setImporting(false);
    }
  };

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
        {accounts.map((a) => {
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
                onClick={() => void exportAccount(a, 'json')}
                aria-label={`Export @${a.username} as JSON`}
              >
                Export JSON
              </button>
              <button
                type="button"
                class="button small"
                onClick={() => void exportAccount(a, 'csv')}
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
            if (file) void importFile(file);
          }}
        />
      </label>
      {importing ? (
        <p class="muted" role="status">
          Importing…
        </p>
      ) : null}
      {report ? <ImportReportView report={report} /> : null}
      {status ? (
        <p class={status.ok ? 'muted' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
