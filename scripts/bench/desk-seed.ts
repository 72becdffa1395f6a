/**
 * The desk's data for the bench, so every figure is measured with it in place: labels on 30 % of
 * the conversations (one to three each), 15 % done, 5 % snoozed, two pinned, and a note on 10 %
 * of the contacts. The newest rows the bench opens (the 5,000- and 10-message threads) stay in the
 * Inbox view: they are never done or snoozed, and only rows above them are pinned.
 */
import type { ContactNote, Conversation, ConversationDesk, Label } from '../../lib/db/schema';
import { LABEL_COLORS } from '../../lib/db/schema';

const LABEL_NAMES = [
  'VIP',
  'Wholesale EU',
  'Refund',
  'Shipping',
  'Subscription',
  'Gift cards',
  'Complaint',
  'Press',
  'Cafe partner',
  'Espresso machines',
  'Follow up',
  'Spam',
];

const NOTE_TEXTS = [
  'Prefers email for invoices; VAT number on file',
  'Wholesale buyer for a café in Leipzig, orders monthly',
  'Allergic to hazelnut: never suggest flavoured blends',
  'Asked about the moka pot grind twice, send the guide',
  'Refund issued for order 4411 (beans arrived crushed)',
  'Influencer, wants a collaboration; talk to marketing first',
  'Subscription paused until March',
  'Speaks German and Spanish; answer in German',
];

export interface DeskSeed {
  labels: Label[];
  desk: ConversationDesk[];
  notes: ContactNote[];
  /** A label on many conversations and one on few, for the filtered search figures. */
  commonLabel: string;
  rareLabel: string;
}

/** `conversations` newest first, as the bench writes them. */
export function deskSeed(conversations: Conversation[], now: number): DeskSeed {
  const labels: Label[] = LABEL_NAMES.map((name, i) => ({
    id: `bench-label-${i}`,
    name,
    color: LABEL_COLORS[i % LABEL_COLORS.length]!,
    order: i,
    createdAt: now - 90 * 86_400_000,
  }));
  const desk: ConversationDesk[] = [];
  const notes: ContactNote[] = [];
  conversations.forEach((c, i) => {
    const labelIds = i % 10 < 3 ? [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => labels[(i + k * 5) % labels.length]!.id) : [];
    // Rows 0 and 1 are the threads the bench opens: open, in the Inbox view.
    const done = i >= 10 && i % 20 < 3;
    const snoozed = i >= 10 && i % 20 === 3;
    const pinned = i === 0 || i === 2;
    if (labelIds.length > 0 || done || snoozed || pinned) {
      desk.push({
        conversationId: c.id,
        accountId: c.accountId,
        doneAt: done ? now - 3_600_000 : null,
        snooze: snoozed ? { until: now + 7 * 86_400_000, at: now - 3_600_000, reason: 'snooze' } : null,
        returned: null,
        pinnedAt: pinned ? now - 60_000 : null,
        markedUnreadAt: null,
        labelIds,
        updatedAt: now - 3_600_000,
      });
    }
    if (i % 10 === 7) {
      notes.push({
        id: `bench-note-${i}`,
        accountId: c.accountId,
        contactId: c.participant.id,
        conversationId: c.id,
        text: NOTE_TEXTS[i % NOTE_TEXTS.length]!,
        createdAt: now - 86_400_000,
        updatedAt: now - 86_400_000,
      });
    }
  });
  const uses = (id: string) => desk.filter((d) => d.labelIds.includes(id)).length;
  const sorted = [...labels].sort((a, b) => uses(b.id) - uses(a.id));
  return { labels, desk, notes, commonLabel: sorted[0]!.name, rareLabel: sorted[sorted.length - 1]!.name };
}
