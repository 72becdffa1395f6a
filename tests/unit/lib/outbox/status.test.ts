import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '@/lib/db/schema';
import { UNKNOWN_GRACE_MS, describeOutbox, outboxStatus } from '@/lib/outbox/status';
import { outboxItem } from '../../support/factories';

const NOW = 1_800_000_000_000;

const item = (over: Partial<OutboxItem> = {}): OutboxItem => outboxItem({ createdAt: NOW - 1000, ...over });

describe('outboxStatus', () => {
  it.each<[string, Partial<OutboxItem>, ReturnType<typeof outboxStatus>]>([
    ['queued', {}, { kind: 'sending' }],
    ['sending', { state: 'sending', attemptedAt: NOW }, { kind: 'sending' }],
    ['queued for a rate limit', { notBefore: NOW + 60_000 }, { kind: 'waiting', until: NOW + 60_000 }],
    ['queued, its rate limit over', { notBefore: NOW - 1 }, { kind: 'sending' }],
    ['unknown', { state: 'unknown', attemptedAt: NOW - 20_000 }, { kind: 'checking', problem: null }],
    [
      'unknown, a check failed within the grace period',
      { state: 'unknown', attemptedAt: NOW - 20_000, error: { kind: 'check-failed', message: 'Could not reach Instagram.' } },
      { kind: 'checking', problem: null },
    ],
    [
      'failed',
      { state: 'failed', error: { kind: 'window-closed', message: 'The window closed.' } },
      { kind: 'failed', reason: 'The window closed.' },
    ],
  ])('%s', (_name, over, expected) => {
    expect(outboxStatus(item(over), NOW)).toEqual(expected);
  });

  it('says why it cannot check once the grace period is over, and never offers Retry while unknown', () => {
    const status = outboxStatus(
      item({
        state: 'unknown',
        attemptedAt: NOW - UNKNOWN_GRACE_MS - 1,
        error: { kind: 'check-failed', message: 'Your Meta login has expired.' },
      }),
      NOW,
    );
    expect(status.kind).toBe('checking');
    expect(status.kind === 'checking' && status.problem).toMatch(/Your Meta login has expired\. It keeps trying/);
  });
});

describe('describeOutbox (the popup line)', () => {
  it.each<[string, Array<Partial<OutboxItem>>, string]>([
    ['nothing left', [], 'Sent'],
    ['one on its way', [{}], 'Sending…'],
    ['one unknown', [{ state: 'unknown', attemptedAt: NOW }], 'Checking whether it was sent…'],
    [
      'one failed and one unknown',
      [{ state: 'unknown' }, { state: 'failed', error: { kind: 'x', message: 'Refused.' } }],
      'Failed — Refused.',
    ],
    ['rate-limited', [{ notBefore: NOW + 1000 }], 'Waiting — Instagram asked DM Desk to slow down'],
  ])('%s', (_name, items, line) => {
    expect(
      describeOutbox(
        items.map((o, i) => item({ id: `o${i}`, ...o })),
        NOW,
      ),
    ).toBe(line);
  });
});
