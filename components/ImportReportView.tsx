import { countOf, describeDesk, describeReasons, repairLabel, skipLabel, type ImportReport } from '@/lib/archive/report';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import { describeImported } from '@/lib/saved-replies/archive';

interface Props {
  report: ImportReport;
}

/** What an archive import did: imported, kept, and what was skipped or repaired, with the reasons. */
export function ImportReportView({ report }: Props) {
  const skippedConversations = countOf(report.skippedConversations);
  const skippedMessages = countOf(report.skippedMessages);
  const repaired = countOf(report.repaired);
  const conversations = t('archive.conversations', report.conversations, { count: formatNumber(report.conversations) });
  return (
    <div class="import-report" role="status" aria-label={t('archive.reportLabel')}>
      <p>
        {t('archive.imported', report.messages, { count: formatNumber(report.messages), conversations })}{' '}
        {report.kept > 0 ? t('archive.kept', report.kept, { count: formatNumber(report.kept) }) : t('archive.keptAll')}
      </p>
      {skippedConversations > 0 ? (
        <p>
          {t('archive.skippedConversations', skippedConversations, {
            count: formatNumber(skippedConversations),
            reasons: describeReasons(report.skippedConversations, skipLabel),
          })}
        </p>
      ) : null}
      {skippedMessages > 0 ? (
        <p>
          {t('archive.skippedMessages', skippedMessages, {
            count: formatNumber(skippedMessages),
            reasons: describeReasons(report.skippedMessages, skipLabel),
          })}
        </p>
      ) : null}
      {repaired > 0 ? <p>{t('archive.repaired', { reasons: describeReasons(report.repaired, repairLabel) })}</p> : null}
      {report.savedReplies && describeImported(report.savedReplies) ? <p>{describeImported(report.savedReplies)}</p> : null}
      {report.savedRepliesError ? <p class="form-error">{report.savedRepliesError}</p> : null}
      {report.desk ? describeDesk(report.desk).map((line) => <p key={line}>{line}</p>) : null}
      {report.deskError ? <p class="form-error">{report.deskError}</p> : null}
    </div>
  );
}
