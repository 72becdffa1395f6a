import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxBubble } from '@/components/OutboxBubble';
import type { OutboxItem } from '@/lib/db/schema';
import { UNKNOWN_GRACE_MS } from '@/lib/outbox/status';
import { outboxItem } from '../support/factories';

afterEach(cleanup);

const NOW = Date.UTC(2026, 0, 5, 9, 0);

const item = (over: Partial<OutboxItem> = {}): OutboxItem =>
  outboxItem({ text: 'See you at noon', createdAt: NOW - 20_000, attemptedAt: NOW - 20_000, attempts: 1, ...over });

function show(over: Partial<OutboxItem>) {
  const calls: string[] = [];
  render(
    <ul>
      <OutboxBubble
        item={item(over)}
        timeZone="UTC"
        now={NOW}
        onRetry={() => calls.push('retry')}
        onEdit={() => calls.push('edit')}
        onDiscard={() => calls.push('delete')}
      />
    </ul>,
  );
  return calls;
}

describe('OutboxBubble', () => {
  it('while Instagram’s answer is unknown it says so and offers neither Retry nor Edit', () => {
    show({ state: 'unknown' });
    expect(screen.getByRole('status').textContent).toContain('Checking whether it was sent…');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('when checks keep failing past the grace period it says why and lets the person delete it', () => {
    const calls = show({
      state: 'unknown',
      attemptedAt: NOW - UNKNOWN_GRACE_MS - 1,
      error: { kind: 'check-failed', message: 'Could not reach Instagram.' },
    });
    expect(screen.getByRole('status').textContent).toMatch(/Checking whether it was sent….*Could not reach Instagram\./);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(calls).toEqual(['delete']);
  });

  it('a rate-limited reply says when it goes', () => {
    show({ notBefore: NOW + 5 * 60_000 });
    expect(screen.getByRole('status').textContent).toContain('Instagram asked DM Desk to slow down — sending at');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('a failed reply gives the reason and Retry, Edit and Delete', () => {
    const calls = show({ state: 'failed', error: { kind: 'failed', message: 'It is not in the conversation.' } });
    expect(screen.getByRole('alert').textContent).toContain('Failed — It is not in the conversation.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(calls).toEqual(['retry', 'edit', 'delete']);
  });

  it('shows only what has not gone out yet', () => {
    show({ state: 'failed', uploadIds: ['u1', 'u2'], sentParts: ['images'], messageIds: ['m1'], error: { kind: 'x', message: 'No.' } });
    expect(screen.queryByText('2 photos')).toBeNull();
    expect(screen.getByText('See you at noon')).toBeTruthy();
  });
});
