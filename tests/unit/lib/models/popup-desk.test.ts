/** The popup and the desk: its unread counts follow the badge's rule, and it lists what came back from a snooze. */
import { describe, expect, it } from 'vitest';
import type { ConversationDesk } from '@/lib/db/schema';
import { emptyDesk } from '@/lib/desk/changes';
import { createPopupModel, type PopupDeps } from '@/lib/models/popup';
import type { OpenRequest } from '@/lib/settings';
import { account, conversation } from '../../support/factories';
import { memoryItem } from './memory-item';

const NOW = Date.UTC(2026, 10, 21, 15, 0);
const desk = (id: string, over: Partial<ConversationDesk>): ConversationDesk => ({ ...emptyDesk('ig1', id, 0), ...over });
const row = (id: string, lastInboundTime: number) =>
  conversation({ id, participant: { id: `u-${id}`, username: id }, updatedTime: lastInboundTime, lastInboundTime });

function popup(desks: ConversationDesk[]) {
  const deps: PopupDeps = {
    listAccounts: async () => [account({ id: 'ig1', connectedAt: 0 })],
    listAllConversations: async () => [
      row('unread', NOW - 1000),
      row('done', NOW - 2000),
      row('snoozed', NOW - 3000),
      row('back', 5000),
      row('marked', 5000),
    ],
    getOpenedStates: async () => [
      { conversationId: 'back', accountId: 'ig1', openedAt: 6000 },
      { conversationId: 'marked', accountId: 'ig1', openedAt: 6000 },
    ],
    getAllDeskStates: async () => desks,
    getSyncState: async () => undefined,
    listOutbox: async () => [],
    request: (async () => null) as PopupDeps['request'],
    onNotice: () => () => undefined,
    lastLookItem: memoryItem(0, 0),
    openRequestItem: memoryItem<OpenRequest | null>(null),
    openInbox: async () => undefined,
    close: () => undefined,
    now: () => NOW,
  };
  return createPopupModel(deps);
}

describe('PopupModel and the desk', () => {
  it('counts what needs the person: not done or snoozed ones, and marked unread ones', async () => {
    const model = popup([
      desk('done', { doneAt: NOW - 1000 }),
      desk('snoozed', { snooze: { until: NOW + 60_000, at: NOW - 1000, reason: 'snooze' } }),
      desk('marked', { markedUnreadAt: 7000 }),
    ]);
    await model.start();
    expect(model.unreadCounts.value).toEqual({ ig1: 2 });
    expect(model.recent.value.map((c) => c.id)).toEqual(['unread', 'marked']);
  });

  it('lists conversations back from a snooze or a follow-up, with why, until they are opened', async () => {
    const model = popup([desk('back', { returned: { reason: 'follow-up', at: 10_000, days: 3 } })]);
    await model.start();
    expect(model.back.value.map((b) => [b.conversation.id, b.reason, b.days])).toEqual([['back', 'follow-up', 3]]);
    const opened = popup([desk('back', { returned: { reason: 'follow-up', at: 5500, days: 3 } })]);
    await opened.start();
    expect(opened.back.value).toEqual([]);
  });
});
