import { useSignalEffect } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import { announcements, seenOf, type InboxSeen } from '@/lib/models/announcements';
import type { InboxModel } from '@/lib/models/inbox';

interface Props {
  model: InboxModel;
}

/**
 * The side panel's polite live region: new messages (in the open conversation and in others) and
 * what became of a reply being sent are read out by screen readers without moving the focus.
 * Hidden on screen, where the list and the thread already show the same.
 */
export function LiveAnnouncer({ model }: Props) {
  const seen = useRef<InboxSeen | null>(null);
  const [said, setSaid] = useState({ text: '', n: 0 });
  useSignalEffect(() => {
    const accountId = model.selectedAccountId.value;
    const rows = model.list.value?.conversations.value ?? null;
    const threadModel = model.thread.value;
    const thread = model.selectedConversation.value;
    const messages = threadModel?.messages.value ?? null;
    const outbox = threadModel?.outbox.value ?? [];
    const now = { accountId, rows, thread, messages, outbox };
    const lines = announcements(seen.current, now);
    seen.current = seenOf(now);
    // The same words twice in a row are still read twice: every other one ends in a no-break space.
    if (lines.length > 0) setSaid((before) => ({ text: lines.join(' ') + (before.n % 2 ? '\u00a0' : ''), n: before.n + 1 }));
  });
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {said.text}
    </div>
  );
}
