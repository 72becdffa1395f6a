import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveSection } from '@/components/ArchiveSection';
import { ImportReportView } from '@/components/ImportReportView';
import { MAX_IMPORT_BYTES } from '@/lib/archive/report';
import { createOptionsModel } from '@/lib/models/options';
import { fakeOptionsDeps } from '../lib/models/options-deps';
import { useLanguage } from '../support/i18n';

afterEach(cleanup);

function choose(file: File): void {
  const input = screen.getByLabelText('Import an archive (JSON)') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('ArchiveSection import', () => {
  it('refuses a file over the size limit before reading or sending it', async () => {
    const { deps, world } = fakeOptionsDeps();
    const model = createOptionsModel(deps);
    await model.start();
    render(<ArchiveSection accounts={model.connections.accounts} model={model.archive} />);
    const huge = new File(['{}'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(huge, 'size', { value: MAX_IMPORT_BYTES + 1 });
    choose(huge);
    expect((await screen.findByRole('alert')).textContent).toMatch(/larger than 32 MB/);
    expect(world.requests).toEqual([]);
  });

  it('the report names what was imported, kept, skipped and repaired, with reasons and counts', () => {
    render(
      <ImportReportView
        report={{
          conversations: 1,
          messages: 2,
          kept: 130,
          skippedConversations: { 'other-account': 3 },
          skippedMessages: { 'time-out-of-range': 2, 'invalid-id': 1 },
          repaired: { 'unsafe-link': 1 },
        }}
      />,
    );
    const report = screen.getByRole('status', { name: 'Import report' });
    expect(report.textContent).toContain('Imported 2 new messages in 1 conversation. 130 messages already here were kept as they were.');
    expect(report.textContent).toContain('Skipped 3 conversations: account not connected in DM Desk (3).');
    expect(report.textContent).toContain(
      'Skipped 3 messages: time missing or impossible (too old or in the future) (2); missing or malformed id (1).',
    );
    expect(report.textContent).toContain('Repaired: link that is not http(s) removed (1).');
  });

  it('speaks the browser language, with the language’s plurals and numbers', () => {
    useLanguage('de');
    render(
      <ImportReportView
        report={{
          conversations: 1,
          messages: 1200,
          kept: 1,
          skippedConversations: { 'other-account': 1 },
          skippedMessages: { duplicate: 2 },
          repaired: {},
          desk: {
            labelsCreated: 1,
            labelsMatched: 0,
            skippedLabels: {},
            deskImported: 1,
            deskKept: 0,
            skippedDesk: {},
            notesImported: 0,
            notesKept: 0,
            skippedNotes: { 'too-large': 3 },
          },
        }}
      />,
    );
    const report = screen.getByRole('status', { name: 'Importbericht' });
    expect(report.textContent).toContain(
      '1.200 neue Nachrichten in 1 Unterhaltung importiert. 1 bereits vorhandene Nachricht wurde unverändert beibehalten.',
    );
    expect(report.textContent).toContain('1 Unterhaltung übersprungen: Konto ist nicht in DM Desk verbunden (1).');
    expect(report.textContent).toContain('2 Nachrichten übersprungen: kommt doppelt in der Datei vor (2).');
    expect(report.textContent).toContain('Erledigt, zurückgestellt, angeheftet und gelabelt: 1 Unterhaltung aus der Datei übernommen');
    expect(report.textContent).toContain('3 Notizen übersprungen: Text oder Feld zu lang (3).');
  });
});
