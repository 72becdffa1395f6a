/**
 * The saved replies of an archive file. They live in the browser's sync storage, not in the
 * cache the background writes, so the page that imports the file stores them itself, after the
 * background has imported the rest (the background then carries no saved-reply code).
 */
import { logDiagnostic } from '../diagnostics';
import { t } from '../i18n';
import { importArchivedReplies } from '../saved-replies/archive';
import type { SyncArea } from '../saved-replies/store';
import type { ImportReport } from './report';

export async function importRepliesFromFile(
  text: string,
  area: SyncArea,
): Promise<Pick<ImportReport, 'savedReplies' | 'savedRepliesError'>> {
  // Parsing the file again costs as much as the background's parse (a second or more for 100,000
  // messages): skipped when the file cannot hold the key. A key may be written with escapes, so any
  // `\u` in the file means parsing it.
  if (!text.includes('"savedReplies"') && !text.includes('\\u')) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The background has already said why the file could not be read.
    return {};
  }
  if (typeof data !== 'object' || data === null || !Object.hasOwn(data, 'savedReplies')) return {};
  try {
    return { savedReplies: await importArchivedReplies(area, (data as { savedReplies: unknown }).savedReplies) };
  } catch (e) {
    logDiagnostic('import', 'Saved replies from an archive could not be stored', e);
    return { savedRepliesError: t('archive.savedRepliesError') };
  }
}
