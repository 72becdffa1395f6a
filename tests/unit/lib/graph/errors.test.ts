import { describe, expect, it } from 'vitest';
import { classifyGraphError } from '@/lib/graph/errors';

describe('classifyGraphError', () => {
  it.each([
    [190, null, 'auth'],
    [190, 463, 'auth'],
    [4, null, 'rate-limit'],
    [17, null, 'rate-limit'],
    [32, null, 'rate-limit'],
    [613, 2534040, 'rate-limit'],
    [80002, null, 'rate-limit'],
    [10, 2534022, 'window-closed'],
    [10, 2018278, 'window-closed'],
    [10, null, 'permission'],
    [200, null, 'permission'],
    [200, 2534041, 'messaging-disabled'],
    [551, null, 'recipient-unavailable'],
    [200, 1545041, 'recipient-unavailable'],
    [1, null, 'too-much-data'],
    [1, 1357046, 'transient'],
    [2, null, 'transient'],
    [100, 2534014, 'invalid-request'],
    [9000001, null, 'deleted'],
  ] as const)('code %s / subcode %s is %s', (code, subcode, kind) => {
    expect(classifyGraphError(code, subcode, 400)).toBe(kind);
  });

  it('treats an unknown 5xx as transient', () => {
    expect(classifyGraphError(null, null, 503)).toBe('transient');
  });
});
