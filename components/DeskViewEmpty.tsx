import type { DeskView } from '@/lib/models/desk-views';
import { EmptyState } from './EmptyState';
import { InboxIcon } from './Icons';

const EMPTY: Record<DeskView, { title: string; text: string }> = {
  inbox: { title: 'Inbox zero', text: 'Every conversation is done or snoozed. New messages bring them back here.' },
  'needs-reply': { title: 'All caught up', text: 'No customer is waiting for a reply.' },
  snoozed: { title: 'Nothing snoozed', text: 'Snooze a conversation (b) to hide it until a time you choose.' },
  done: { title: 'Nothing done yet', text: 'Mark a conversation done (e) when it needs nothing more from you.' },
  pinned: { title: 'Nothing pinned', text: 'Pin a conversation (p) to keep it on top of the Inbox.' },
};

/** What an empty view says (and, with a label filter on, that the filter hides the rest). */
export function DeskViewEmpty({ view, filtered }: { view: DeskView; filtered: boolean }) {
  const e = EMPTY[view];
  return (
    <EmptyState icon={<InboxIcon />} title={filtered ? 'No conversation with these labels here' : e.title}>
      <p>{filtered ? 'Clear the label filter to see the others.' : e.text}</p>
    </EmptyState>
  );
}
