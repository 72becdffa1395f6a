import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Inbox } from '@/components/Inbox';
import { createInboxModel } from '@/lib/models/inbox';
import { createSearchModel } from '@/lib/models/search';
import { account, conversation, message } from '../support/factories';
import { fakeInboxDeps, synced, type FakeWorld } from '../support/inbox-deps';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 21, 15, 0);

async function renderInbox(init: Partial<FakeWorld>, wide = false) {
  const { deps, world } = fakeInboxDeps(init);
  const model = createInboxModel(deps);
  let opened = 0;
  const env = { wide: signal(wide), now: signal(NOW), timeZone: signal('UTC'), humanAgent: signal(false) };
  render(
    <Inbox
      model={model}
      wide={env.wide}
      now={env.now}
      timeZone={env.timeZone}
      humanAgent={env.humanAgent}
      search={createSearchModel({ query: async () => [], getMessages: async () => [], getConversation: async () => undefined })}
      onOpenConnections={() => (opened += 1)}
    />,
  );
  await model.start();
  return { model, world, connectionsOpened: () => opened };
}

describe('Inbox', () => {
  it('asks to connect when no account is connected', async () => {
    const { world } = await renderInbox({});
    const button = await screen.findByRole('button', { name: 'Connect Account' });
    fireEvent.click(button);
    await waitFor(() => expect(world.requests.map((r) => r.name)).toContain('connect'));
  });

  it('shows pills named by account, the list with names, times and previews', async () => {
    await renderInbox({
      accounts: [account({ id: 'ig1', name: 'Lumen Coffee' }), account({ id: 'ig2', name: 'Atelier Nord', order: 1 })],
      conversations: {
        ig1: [
          conversation({
            id: 'c1',
            updatedTime: NOW - 5 * 60_000,
            lastMessage: { text: 'Thanks!', kind: 'text', isOwn: true, createdTime: NOW - 5 * 60_000 },
          }),
          conversation({
            id: 'c2',
            participant: { id: 'u2', username: null },
            updatedTime: NOW - 3 * 86400_000,
            lastMessage: { text: '', kind: 'image', isOwn: false, createdTime: 0 },
          }),
        ],
      },
      sync: { ig1: synced('ig1') },
    });
    expect((await screen.findByRole('tab', { name: 'Lumen Coffee' })).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Atelier Nord' }).getAttribute('aria-selected')).toBe('false');
    const rows = await screen.findAllByRole('button', { name: /maria|Instagram User/ });
    expect(rows[0]?.textContent).toContain('5m');
    expect(rows[0]?.textContent).toContain('You: Thanks!');
    expect(rows[1]?.textContent).toContain('Instagram User');
    expect(rows[1]?.textContent).toContain('3d');
    expect(rows[1]?.textContent).toContain('Sent a photo');
  });

  it('shows "No conversations yet" for an account without conversations', async () => {
    await renderInbox({ accounts: [account()], conversations: { ig1: [] }, sync: { ig1: synced('ig1') } });
    expect(await screen.findByText('No conversations yet')).toBeTruthy();
  });

  it('shows skeleton rows while the first sync runs with nothing cached', async () => {
    await renderInbox({ accounts: [account()], sync: { ig1: synced('ig1', { lastSyncedAt: null, running: true }) } });
    expect(await screen.findByRole('status', { name: 'Loading conversations' })).toBeTruthy();
  });

  it('shows "Permission required" with a way to reconnect and no retry', async () => {
    const { connectionsOpened } = await renderInbox({ accounts: [account({ status: 'permission-required' })] });
    expect(await screen.findByText('Permission required')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open connections' }));
    expect(connectionsOpened()).toBe(1);
  });

  it('shows "Failed to load conversations" with a Retry that syncs again', async () => {
    const { world } = await renderInbox({
      accounts: [account()],
      sync: { ig1: synced('ig1', { lastSyncedAt: null, error: { kind: 'failed', message: 'Instagram had a temporary problem.', at: 0 } }) },
    });
    const retry = await screen.findByRole('button', { name: 'Retry' });
    expect(screen.getByText('Failed to load conversations')).toBeTruthy();
    world.requests.length = 0;
    fireEvent.click(retry);
    await waitFor(() => expect(world.requests).toEqual([{ name: 'sync', payload: { accountId: 'ig1' } }]));
  });

  it('asks to pick a conversation in the wide layout', async () => {
    await renderInbox({ accounts: [account()], conversations: { ig1: [conversation()] }, sync: { ig1: synced('ig1') } }, true);
    expect(await screen.findByText('Select a conversation to start')).toBeTruthy();
  });

  it('opens a thread with 12-hour times, "No messages" when empty, and a Back button when narrow', async () => {
    const { model } = await renderInbox({
      accounts: [account()],
      conversations: { ig1: [conversation({ id: 'c1' }), conversation({ id: 'c2', participant: { id: 'u2', username: 'jo' } })] },
      messages: { c1: [message({ createdTime: Date.UTC(2026, 10, 21, 14, 34), text: 'Do you ship to Oslo?' })] },
      sync: { ig1: synced('ig1') },
    });
    await model.openConversation('c1');
    expect(await screen.findByText('Do you ship to Oslo?')).toBeTruthy();
    expect(screen.getByText('2:34 PM')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await model.openConversation('c2');
    expect(await screen.findByText('No messages')).toBeTruthy();
  });

  it('renders hostile text as inert text with only http(s) links', async () => {
    const hostile = `<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> javascript:alert(1) https://example.com/menu`;
    const { model } = await renderInbox({
      accounts: [account()],
      conversations: { ig1: [conversation({ participant: { id: 'u1', username: '<b>evil</b>' } })] },
      messages: { c1: [message({ text: hostile })] },
      sync: { ig1: synced('ig1') },
    });
    await model.openConversation('c1');
    const text = await screen.findByText(/onerror/);
    expect(document.querySelector('.thread img')).toBeNull();
    expect(document.querySelector('.thread script')).toBeNull();
    expect(screen.getAllByText('<b>evil</b>').length).toBeGreaterThan(0);
    const links = text.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://example.com/menu');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });
});
