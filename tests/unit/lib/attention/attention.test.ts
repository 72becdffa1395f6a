import { describe, expect, it, vi } from 'vitest';
import { notificationId, openNotificationTarget } from '@/lib/attention';
import { parseRoute } from '@/lib/route';
import { getDB, putAccount, putDeskStates, putOpenedState, putSyncState } from '@/lib/db';
import { recordingAttention } from '../../support/attention';
import { account, conversation } from '../../support/factories';

const attention = () => recordingAttention();

async function putConversations(...rows: ReturnType<typeof conversation>[]): Promise<void> {
  const db = await getDB();
  await Promise.all(rows.map((c) => db.put('conversations', c)));
}

describe('Attention badge', () => {
  it('counts conversations the customer wrote in since they were opened', async () => {
    const { a, last } = attention();
    await putAccount(account());
    await putConversations(
      conversation({ id: 'c1', lastInboundTime: 10_000 }),
      conversation({ id: 'c2', lastInboundTime: 20_000 }),
      conversation({ id: 'c3', lastInboundTime: null }),
    );
    await a.refreshBadge();
    expect(last()?.text).toBe('2');
    await a.markOpened('ig1', 'c1');
    await a.refreshBadge();
    expect(last()?.text).toBe('1');
    expect(last()?.title).toBe('DM Desk — 1 unread conversation');
  });

  it('keeps the last count when asked not to recount, and still shows syncing and failures', async () => {
    const { a, last } = attention();
    await putAccount(account());
    await putConversations(conversation({ id: 'c1', lastInboundTime: 10_000 }));
    await a.refreshBadge();
    expect(last()?.text).toBe('1');

    // A sync starts: the badge turns grey without reading every conversation again.
    await putConversations(conversation({ id: 'c2', lastInboundTime: 20_000 }));
    await putSyncState({ accountId: 'ig1', watermark: 0, lastSyncedAt: null, running: true, error: null });
    await a.refreshBadge({ recount: false });
    expect(last()).toMatchObject({ text: '1', title: 'DM Desk — checking for new messages…' });

    await putSyncState({
      accountId: 'ig1',
      watermark: 0,
      lastSyncedAt: null,
      running: false,
      error: { kind: 'failed', message: 'offline', at: 1 },
    });
    await a.refreshBadge({ recount: false });
    expect(last()?.title).toContain('@lumencoffee: offline');

    // The sync changed conversations: now the count follows.
    await a.refreshBadge({ recount: true });
    expect(last()?.text).toBe('2');
  });

  it('counts again only the conversations named as changed, and everything when none are named', async () => {
    const { a, last } = attention();
    await putAccount(account());
    await putConversations(conversation({ id: 'c1', lastInboundTime: 10_000 }), conversation({ id: 'c2', lastInboundTime: null }));
    await a.refreshBadge();
    expect(last()?.text).toBe('1');

    // c2 gets a customer message and c3 arrives; c1 was opened elsewhere without telling us.
    await putConversations(conversation({ id: 'c2', lastInboundTime: 20_000 }), conversation({ id: 'c3', lastInboundTime: 30_000 }));
    await putOpenedState({ accountId: 'ig1', conversationId: 'c1', openedAt: 40_000 });
    await a.refreshBadge({ changed: ['c2', 'c3'] });
    // c1 was not named: its last count stands.
    expect(last()?.text).toBe('3');

    // Named as changed, it is counted again (opened since: read).
    await a.refreshBadge({ changed: ['c1'] });
    expect(last()?.text).toBe('2');

    // A conversation that is gone leaves the count.
    const db = await getDB();
    await db.delete('conversations', 'c3');
    await a.refreshBadge({ changed: ['c3'] });
    expect(last()?.text).toBe('1');

    // Done: leaves the count when named.
    await putDeskStates([
      {
        conversationId: 'c2',
        accountId: 'ig1',
        doneAt: 45_000,
        snooze: null,
        returned: null,
        pinnedAt: null,
        markedUnreadAt: null,
        labelIds: [],
        updatedAt: 45_000,
      },
    ]);
    await a.refreshBadge({ changed: ['c2'] });
    expect(last()?.text).toBe('');

    // A full count sees everything as it is.
    await putConversations(conversation({ id: 'c4', lastInboundTime: 46_000 }));
    await a.refreshBadge();
    expect(last()?.text).toBe('1');
  });

  it('recounts a conversation once it is opened', async () => {
    const { a, last } = attention();
    await putAccount(account());
    await putConversations(conversation({ id: 'c1', lastInboundTime: 10_000 }), conversation({ id: 'c2', lastInboundTime: 20_000 }));
    await a.refreshBadge();
    expect(last()?.text).toBe('2');
    await a.markOpened('ig1', 'c1');
    await vi.waitFor(() => expect(last()?.text).toBe('1'));
  });

  it('counts on the first refresh even when asked not to recount', async () => {
    const { a, last } = attention();
    await putAccount(account());
    await putConversations(conversation({ id: 'c1', lastInboundTime: 10_000 }));
    await a.refreshBadge({ recount: false });
    expect(last()?.text).toBe('1');
  });
});

describe('a click on a notification', () => {
  async function click(id: string) {
    const requests: unknown[] = [];
    const opened: string[] = [];
    const ours = await openNotificationTarget(id, {
      requestOpen: async (t) => void requests.push(t),
      openInbox: async (hash) => void opened.push(hash),
      now: () => 77,
    });
    return { ours, requests, opened };
  }

  it('opens the inbox at the conversation it announced, and tells an open inbox to go there', async () => {
    const { ours, requests, opened } = await click(notificationId('17841', 'aWdf=ZAG1/x'));
    expect(ours).toBe(true);
    expect(requests).toEqual([{ accountId: '17841', conversationId: 'aWdf=ZAG1/x', at: 77 }]);
    expect(opened).toHaveLength(1);
    expect(parseRoute(opened[0]!)).toEqual({ accountId: '17841', conversationId: 'aWdf=ZAG1/x' });
  });

  it('opens the account for a grouped notification', async () => {
    const { requests, opened } = await click(notificationId('17841', null));
    expect(requests).toEqual([{ accountId: '17841', conversationId: null, at: 77 }]);
    expect(opened).toEqual(['#/account/17841']);
  });

  it('leaves notifications that are not ours alone', async () => {
    expect(await click('something-else')).toEqual({ ours: false, requests: [], opened: [] });
  });
});
