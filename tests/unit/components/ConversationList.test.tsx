import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationList } from '@/components/ConversationList';
import { Avatar } from '@/components/Avatar';
import type { Conversation, MessageKind } from '@/lib/db/schema';
import { readDiagnostics } from '@/lib/diagnostics';
import { conversation } from '../support/factories';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 21, 15, 0);

function renderList(conversations: Conversation[]) {
  const opened: string[] = [];
  render(
    <ConversationList
      conversations={conversations}
      selectedId={null}
      now={NOW}
      timeZone="UTC"
      humanAgent={false}
      showWaiting={false}
      unreadIds={new Set()}
      onOpen={(id) => opened.push(id)}
    />,
  );
  return { opened };
}

/** A row whose drawing throws (standing for any bug or shape the row code does not expect). */
function brokenRow(id = 'bad'): Conversation {
  const row = conversation({ id });
  Object.defineProperty(row, 'participant', {
    get() {
      throw new TypeError('unreadable row');
    },
  });
  return row;
}

describe('ConversationList with bad stored rows', () => {
  it('renders the other rows and a labelled placeholder with a way forward for the broken one', async () => {
    const { opened } = renderList([
      conversation({ id: 'c1', participant: { id: 'u1', username: 'maria' }, updatedTime: NOW - 60_000 }),
      brokenRow(),
      conversation({ id: 'c3', participant: { id: 'u3', username: 'jonas' }, updatedTime: NOW - 120_000 }),
    ]);
    const list = screen.getByRole('list', { name: 'Conversations' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).getByRole('button', { name: /maria/ })).toBeTruthy();
    expect(within(list).getByRole('button', { name: /jonas/ })).toBeTruthy();
    const placeholder = within(list).getByRole('group', { name: 'This conversation could not be shown' });
    fireEvent.click(within(placeholder).getByRole('button', { name: 'Open it' }));
    expect(opened).toEqual(['bad']);
    const log = await readDiagnostics();
    expect(log).toContainEqual(expect.objectContaining({ area: 'ui', level: 'error', message: 'A conversation row could not be shown' }));
  });

  it('draws rows with an empty participant and impossible times instead of failing', () => {
    renderList([
      { ...conversation({ id: 'c1' }), participant: {} as Conversation['participant'], updatedTime: 1e16 },
      conversation({
        id: 'c2',
        updatedTime: Number.NaN,
        lastMessage: {
          text: 'Hi',
          kind: 'nonsense' as MessageKind,
          isOwn: false,
          createdTime: 1e16,
        },
      }),
    ]);
    expect(screen.queryByRole('group', { name: 'This conversation could not be shown' })).toBeNull();
    expect(screen.getAllByRole('button', { name: /Instagram User|maria/ })).toHaveLength(2);
  });

  it('keeps the placeholder to one row in a long (virtualised) list', () => {
    const many = Array.from({ length: 200 }, (_, i) => conversation({ id: `c${i}`, participant: { id: `u${i}`, username: `person${i}` } }));
    many[1] = brokenRow();
    renderList(many);
    expect(screen.getAllByRole('group', { name: 'This conversation could not be shown' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: /person0/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /person2\b/ })).toBeTruthy();
  });

  it('an avatar without a name or seed still draws', () => {
    render(<Avatar name={undefined as unknown as string} seed={undefined as unknown as string} />);
    expect(document.querySelector('.avatar')?.textContent).toBe('?');
  });
});
