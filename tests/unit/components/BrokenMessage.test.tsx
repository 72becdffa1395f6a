import { signal } from '@preact/signals';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Inbox } from '@/components/Inbox';
import type { Message } from '@/lib/db/schema';
import { createInboxModel } from '@/lib/models/inbox';
import { createSearchModel } from '@/lib/models/search';
import { account, conversation, message } from '../support/factories';
import { fakeInboxDeps, synced } from '../support/inbox-deps';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 21, 15, 0);

describe('a thread with a message stored in a shape the bubble cannot draw', () => {
  it('shows the other messages and a labelled placeholder with Try again', async () => {
    const { deps } = fakeInboxDeps({
      accounts: [account()],
      conversations: { ig1: [conversation({ id: 'c1' })] },
      messages: {
        c1: [
          message({ id: 'm1', createdTime: NOW - 3 * 60_000, text: 'First question' }),
          // Written by an older version or a bad file: lists that are not lists.
          {
            ...message({ id: 'm2', createdTime: NOW - 2 * 60_000, text: 'Broken' }),
            reactions: null,
            attachments: 'x',
          } as unknown as Message,
          message({ id: 'm3', createdTime: NOW - 60_000, text: 'Second question' }),
        ],
      },
      sync: { ig1: synced('ig1') },
    });
    const model = createInboxModel(deps);
    const env = { wide: signal(true), now: signal(NOW), timeZone: signal('UTC'), humanAgent: signal(false) };
    render(
      <Inbox
        model={model}
        wide={env.wide}
        now={env.now}
        timeZone={env.timeZone}
        humanAgent={env.humanAgent}
        search={createSearchModel({ query: async () => [], getMessages: async () => [], getConversation: async () => undefined })}
        onOpenConnections={() => undefined}
      />,
    );
    await model.start();
    await model.openConversation('c1');
    const list = await screen.findByRole('list', { name: 'Messages' });
    expect(await within(list).findByText('First question')).toBeTruthy();
    expect(within(list).getByText('Second question')).toBeTruthy();
    const placeholder = within(list).getByRole('group', { name: 'This message could not be shown' });
    expect(within(placeholder).getByRole('button', { name: 'Try again' })).toBeTruthy();
    // The conversation list beside it is still there too.
    expect(screen.getByRole('list', { name: 'Conversations' })).toBeTruthy();
  });
});
