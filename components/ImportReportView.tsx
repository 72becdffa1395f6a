import { describeDesk, REPAIR_LABELS, SKIP_LABELS, type ImportReport, type RepairReason, type SkipReason } from '@/lib/archive/report';
import { describeImported } from '@/lib/saved-replies/archive';

interface Props {
  report: ImportReport;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function reasons<K extends string>(
  counts: Partial<Record<K, number>>,
  labels: Record<K, string>,
): Array<{ key: K; label: string; n: number }> {
  return (Object.keys(counts) as K[])
    .filter((k) => (counts[k] ?? 0) > 0 && k in labels)
    .map((k) => ({ key: k, label: labels[k], n: counts[k] ?? 0 }));
}

/** What an archive import did: imported, kept, and what was skipped or repaired, with the reasons. */
export function ImportReportView({ report }: Props) {
  const skippedConversations = reasons<SkipReason>(report.skippedConversations, SKIP_LABELS);
  const skippedMessages = reasons<SkipReason>(report.skippedMessages, SKIP_LABELS);
  const repaired = reasons<RepairReason>(report.repaired, REPAIR_LABELS);
  const total = (list: Array<{ n: number }>): number => list.reduce((sum, r) => sum + r.n, 0);
  return (
    <div class="import-report" role="status" aria-label="Import report">
      <p>
        Imported {plural(report.messages, 'new message', 'new messages')} in {plural(report.conversations, 'conversation', 'conversations')}
        .{' '}
        {report.kept > 0
          ? `${plural(report.kept, 'message', 'messages')} already here were kept as they were.`
          : 'Messages already here were kept.'}
      </p>
      {skippedConversations.length > 0 ? (
        <p>
          Skipped {plural(total(skippedConversations), 'conversation', 'conversations')}:{' '}
          {skippedConversations.map((r) => `${r.label} (${r.n})`).join('; ')}.
        </p>
      ) : null}
      {skippedMessages.length > 0 ? (
        <p>
          Skipped {plural(total(skippedMessages), 'message', 'messages')}: {skippedMessages.map((r) => `${r.label} (${r.n})`).join('; ')}.
        </p>
      ) : null}
      {repaired.length > 0 ? <p>Repaired: {repaired.map((r) => `${r.label} (${r.n})`).join('; ')}.</p> : null}
      {report.savedReplies && describeImported(report.savedReplies) ? <p>{describeImported(report.savedReplies)}</p> : null}
      {report.savedRepliesError ? <p class="form-error">{report.savedRepliesError}</p> : null}
      {report.desk ? describeDesk(report.desk).map((line) => <p key={line}>{line}</p>) : null}
      {report.deskError ? <p class="form-error">{report.deskError}</p> : null}
    </div>
  );
}
