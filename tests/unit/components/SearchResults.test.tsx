import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchResults } from '@/components/SearchResults';
import type { ContactNote, Label } from '@/lib/db/schema';
import type { SearchResult } from '@/lib/models/search';
import { account, conversation, message } from '../support/factories';

afterEach(cleanup);

const hit = (messageId: string) => ({ messageId, conversationId: 'c1', accountId: 'ig1', createdTime: 1000, score: 1 });
const note: ContactNote = {
  id: 'n1',
  accountId: 'ig1',
  contactId: 'u1',
  conversationId: 'c1',
  text: 'Refund <b>by card</b>',
  createdAt: 1,
  updatedAt: 900,
};
const labels = new Map<string, Label>([['l1', { id: 'l1', name: 'Wholesale EU', color: 'blue', order: 0, createdAt: 0 }]]);

function show(results: SearchResult[], query: string, extra: { notice?: string | null; total?: number | null } = {}) {
  const onOpen = vi.fn();
  render(
    <SearchResults
      query={query}
      results={results}
      accounts={[account()]}
      showAccount={false}
      labels={labels}
      now={5000}
      timeZone="UTC"
      onOpen={onOpen}
      {...extra}
    />,
  );
  return onOpen;
}

describe('SearchResults', () => {
  it('marks a note as a note, keeps its text as text, and marks only the words (not the filters)', () => {
    const c = conversation();
    const onOpen = show(
      [
        { kind: 'note', key: 'note:n1', hit: hit('note:n1'), note, conversation: c },
        { kind: 'message', key: 'm1', hit: hit('m1'), message: message({ text: 'refund please' }), conversation: c },
      ],
      'label:please refund',
    );
    const [noteRow, messageRow] = screen.getAllByRole('button');
    expect(noteRow!.textContent).toContain('Note');
    expect(noteRow!.querySelector('b')).toBeNull();
    expect(noteRow!.textContent).toContain('Refund <b>by card</b>');
    expect([...messageRow!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['refund']);
    noteRow!.click();
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ kind: 'note' }));
  });

  it('lists conversations a filter matched with their state and labels, and says how many there are in all', () => {
    const c = conversation({ lastMessage: { text: 'See you', kind: 'text', isOwn: false, createdTime: 900 }, lastInboundTime: 900 });
    const desk = {
      conversationId: 'c1',
      accountId: 'ig1',
      // Done a second after the customer's last message (Meta's times are whole seconds).
      doneAt: 1950,
      snooze: null,
      returned: null,
      pinnedAt: null,
      markedUnreadAt: null,
      labelIds: ['l1', 'gone'],
      updatedAt: 950,
    };
    show([{ kind: 'conversation', key: 'c1', conversation: c, desk }], 'is:done', { total: 250 });
    const row = screen.getByRole('button');
    expect(row.textContent).toContain('Done');
    expect(row.textContent).toContain('Wholesale EU');
    expect(row.textContent).toContain('See you');
    expect(screen.getByRole('status').textContent).toBe('The newest 1 of 250 conversations.');
  });

  it('shows why there is nothing (an unknown label) instead of "No matches"', () => {
    show([], 'label:nope', { notice: 'No label called “nope”.' });
    expect(screen.getByText('No label called “nope”.')).toBeTruthy();
    expect(screen.queryByText('No matches')).toBeNull();
  });
});
