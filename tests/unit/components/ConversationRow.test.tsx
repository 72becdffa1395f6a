import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationRow } from '@/components/ConversationRow';
import type { Conversation } from '@/lib/db/schema';
import { conversation } from '../support/factories';

afterEach(cleanup);

function renderRow(c: Conversation, onInView?: (c: Conversation) => void) {
  render(
    <ConversationRow
      conversation={c}
      selected={false}
      now={5000}
      timeZone="UTC"
      humanAgent={false}
      showWaiting={false}
      unread={false}
      onOpen={() => undefined}
      onInView={onInView}
    />,
  );
}

describe('ConversationRow names', () => {
  it('shows the contact’s name first and the username beside it', () => {
    renderRow(conversation({ participant: { id: 'u1', username: 'maria', name: 'María García' } }));
    const row = screen.getByRole('button', { name: /María García @maria/ });
    expect(row.querySelector('.row-username')?.textContent).toBe('@maria');
  });

  it('falls back to the username, then "Instagram User"', () => {
    renderRow(conversation({ id: 'a', participant: { id: 'u1', username: 'ghost.account', name: null } }));
    renderRow(conversation({ id: 'b', participant: { id: 'u2', username: null, name: null } }));
    expect(screen.getByRole('button', { name: /ghost\.account/ }).querySelector('.row-username')).toBeNull();
    expect(screen.getByRole('button', { name: /Instagram User/ })).toBeTruthy();
  });

  it('tells the list when it comes into view (so its name is asked for)', () => {
    let report: ((entries: Array<{ isIntersecting: boolean; target: Element }>) => void) | null = null;
    const observed: Element[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(callback: (entries: Array<{ isIntersecting: boolean; target: Element }>) => void) {
          report = callback;
        }
        observe(el: Element): void {
          observed.push(el);
        }
        unobserve(): void {}
        disconnect(): void {}
      },
    );
    const seen: string[] = [];
    renderRow(conversation({ id: 'c9' }), (c) => seen.push(c.id));
    const target = observed[0];
    expect(target).toBeDefined();
    if (!target || !report) return;
    const call = report as (entries: Array<{ isIntersecting: boolean; target: Element }>) => void;
    call([{ isIntersecting: false, target }]);
    expect(seen).toEqual([]);
    call([{ isIntersecting: true, target }]);
    expect(seen).toEqual(['c9']);
    vi.unstubAllGlobals();
  });
});
