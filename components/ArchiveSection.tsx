import { useEffect, useState } from 'preact/hooks';
import {
  ArchiveFormatError,
  archiveSizes,
  buildArchive,
  downloadFile,
  importArchive,
  messagesToCsv,
  readArchive,
} from '@/lib/archive/export';
import { toSearchDoc } from '@/lib/archive/search-docs';
import { getDB } from '@/lib/db';
import type { Account } from '@/lib/db/schema';
import { openSearchIndex } from '@/lib/search';

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

  const measure = (): void => void archiveSizes().then(setSizes);
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

  const importFile = async (file: File): Promise<void> => {
    setStatus(null);
    try {
      const archive = readArchive(JSON.parse(await file.text()) as unknown);
      const result = await importArchive(archive);
      // Imported messages become searchable at once.
      const db = await getDB();
      const rows = new Map((await db.getAll('conversations')).map((c) => [c.id, c]));
      await openSearchIndex().upsert(result.added.map((m) => toSearchDoc(m, rows.get(m.conversationId))));
      setStatus({
        ok: true,
        text: `Imported ${result.messages} new messages in ${result.conversations} conversations. Messages already here were kept.`,
      });
      measure();
      onImported();
    } catch (e) {
      const quota = e instanceof DOMException && e.name === 'QuotaExceededError';
      setStatus({
        ok: false,
        text: quota
          ? 'The browser has no more room for DM Desk’s archive. Nothing stored before was lost; free some disk space and import again.'
          : e instanceof ArchiveFormatError
            ? e.message
            : 'This file could not be read as a DM Desk archive (JSON).',
      });
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
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      {status ? (
        <p class={status.ok ? 'muted' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
