import { t } from '@/lib/i18n';
import type { DeskView } from '@/lib/models/desk-views';
import { EmptyState } from './EmptyState';
import { InboxIcon } from './Icons';

function empty(view: DeskView): { title: string; text: string } {
  switch (view) {
    case 'inbox':
      return { title: t('desk.emptyInboxTitle'), text: t('desk.emptyInboxText') };
    case 'needs-reply':
      return { title: t('desk.emptyNeedsReplyTitle'), text: t('desk.emptyNeedsReplyText') };
    case 'snoozed':
      return { title: t('desk.emptySnoozedTitle'), text: t('desk.emptySnoozedText') };
    case 'done':
      return { title: t('desk.emptyDoneTitle'), text: t('desk.emptyDoneText') };
    case 'pinned':
      return { title: t('desk.emptyPinnedTitle'), text: t('desk.emptyPinnedText') };
  }
}

/** What an empty view says (and, with a label filter on, that the filter hides the rest). */
export function DeskViewEmpty({ view, filtered }: { view: DeskView; filtered: boolean }) {
  const e = empty(view);
  return (
    <EmptyState icon={<InboxIcon />} title={filtered ? t('desk.emptyFilteredTitle') : e.title}>
      <p>{filtered ? t('desk.emptyFilteredText') : e.text}</p>
    </EmptyState>
  );
}
