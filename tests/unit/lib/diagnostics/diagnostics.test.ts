import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTICS_LIMIT,
  clearDiagnostics,
  describeError,
  formatDiagnostics,
  logDiagnostic,
  readDiagnostics,
  setDiagnosticsClock,
} from '@/lib/diagnostics';
import { DeskError } from '@/lib/errors';
import { GraphError } from '@/lib/graph/errors';

describe('diagnostics log', () => {
  it('keeps entries in order and drops the oldest past the limit', async () => {
    let t = 1_000;
    setDiagnosticsClock(() => t++);
    for (let i = 0; i < DIAGNOSTICS_LIMIT + 5; i++) logDiagnostic('sync', `step ${i}`);
    const entries = await readDiagnostics();
    expect(entries).toHaveLength(DIAGNOSTICS_LIMIT);
    expect(entries[0]?.message).toBe('step 5');
    expect(entries.at(-1)?.message).toBe(`step ${DIAGNOSTICS_LIMIT + 4}`);
    await clearDiagnostics();
    expect(await readDiagnostics()).toEqual([]);
  });

  it('keeps entries logged while an earlier write is under way', async () => {
    logDiagnostic('outbox', 'first');
    await Promise.resolve();
    logDiagnostic('outbox', 'second');
    expect((await readDiagnostics()).map((e) => e.message)).toEqual(['first', 'second']);
  });

  it('reduces errors to safe facts, never their free text', () => {
    const secret = 'hello customer EAAB-token';
    expect(describeError(new Error(secret))).toBe('Error');
    expect(describeError(new DeskError('network', secret))).toBe('DeskError network');
    expect(describeError(new GraphError({ kind: 'rate-limit', message: secret, code: 80002, httpStatus: 400, retryAfterMs: 60_000 }))).toBe(
      'GraphError rate-limit, code 80002, HTTP 400, retry after 60 s',
    );
    expect(describeError(new DOMException(secret, 'QuotaExceededError'))).toBe('DOMException QuotaExceededError');
    expect(describeError(undefined)).toBeNull();
  });

  it('an entry with an error is a warning unless told otherwise, and formats as one line', async () => {
    setDiagnosticsClock(() => Date.UTC(2026, 0, 2, 3, 4, 5));
    logDiagnostic('auth', 'Silent re-login failed', new DeskError('auth', 'x'));
    logDiagnostic('ui', 'Row could not render', new Error('x'), 'error');
    const entries = await readDiagnostics();
    expect(entries.map((e) => e.level)).toEqual(['warn', 'error']);
    expect(formatDiagnostics(entries)).toBe(
      '2026-01-02T03:04:05.000Z WARN [auth] Silent re-login failed (DeskError auth)\n2026-01-02T03:04:05.000Z ERROR [ui] Row could not render (Error)',
    );
  });
});
