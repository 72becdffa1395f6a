import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNameRequests } from '@/lib/models/name-requests';
import { conversation } from '../../support/factories';

afterEach(() => {
  vi.useRealTimers();
});

describe('createNameRequests', () => {
  it('gathers the rows coming into view and asks for them together, each once', async () => {
    vi.useFakeTimers();
    const asked: string[][] = [];
    const names = createNameRequests('ig1', async (_accountId, ids) => {
      asked.push(ids);
    });
    names.inView(conversation({ id: 'c1' }));
    names.inView(conversation({ id: 'c2' }));
    names.inView(conversation({ id: 'c1' }));
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual([['c1', 'c2']]);
    names.inView(conversation({ id: 'c2' }));
    names.inView(conversation({ id: 'c3' }));
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual([['c1', 'c2'], ['c3']]);
  });

  it('never asks for rows of another account or of a contact Meta named nobody for', async () => {
    vi.useFakeTimers();
    const asked: string[][] = [];
    const names = createNameRequests('ig1', async (_accountId, ids) => {
      asked.push(ids);
    });
    names.inView(conversation({ id: 'other', accountId: 'ig2' }));
    names.inView(conversation({ id: 'cx', participant: { id: 'unknown:cx', username: null } }));
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual([]);
  });

  it('asks again for rows whose request failed, and nothing after dispose', async () => {
    vi.useFakeTimers();
    let fail = true;
    const asked: string[][] = [];
    const names = createNameRequests('ig1', async (_accountId, ids) => {
      asked.push(ids);
      if (fail) throw new Error('background asleep');
    });
    names.inView(conversation({ id: 'c1' }));
    await vi.advanceTimersByTimeAsync(300);
    fail = false;
    names.inView(conversation({ id: 'c1' }));
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual([['c1'], ['c1']]);
    names.inView(conversation({ id: 'c2' }));
    names.dispose();
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toHaveLength(2);
  });
});
