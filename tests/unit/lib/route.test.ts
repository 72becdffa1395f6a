import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '@/lib/route';

describe('deep-link routes', () => {
  it('round-trips an account and a conversation, whatever characters their ids hold', () => {
    const route = { accountId: '1784/1+4', conversationId: 'aWdfZ A==/#?' };
    const hash = formatRoute(route);
    expect(hash).toBe('#/account/1784%2F1%2B4/conversation/aWdfZ%20A%3D%3D%2F%23%3F');
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reads an account alone, an empty address and unknown parts as nothing selected', () => {
    expect(parseRoute(formatRoute({ accountId: 'ig1', conversationId: null }))).toEqual({ accountId: 'ig1', conversationId: null });
    expect(formatRoute({ accountId: null, conversationId: 'c1' })).toBe('#/');
    expect(parseRoute('')).toEqual({ accountId: null, conversationId: null });
    expect(parseRoute('#/settings/x/account/')).toEqual({ accountId: null, conversationId: null });
  });

  it('never throws on a malformed address: a part that cannot be decoded selects nothing', () => {
    expect(parseRoute('#/account/%E0%A4%A/conversation/c1')).toEqual({ accountId: null, conversationId: 'c1' });
    expect(parseRoute('#/account/ig1/conversation/%')).toEqual({ accountId: 'ig1', conversationId: null });
  });
});
