import { describe, expect, it } from 'vitest';
import { SCOPES, buildDialogUrl, parseAuthRedirect } from '@/lib/auth/oauth';
import { DeskError } from '@/lib/errors';

const REDIRECT = 'https://abcdef.chromiumapp.org/';

describe('buildDialogUrl', () => {
  it('asks for a token with every scope and the state', () => {
    const url = new URL(
      buildDialogUrl({ dialogUrl: 'https://www.facebook.com/v24.0/dialog/oauth', appId: '42', redirectUri: REDIRECT, state: 's1' }),
    );
    expect(url.searchParams.get('client_id')).toBe('42');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('state')).toBe('s1');
    expect(url.searchParams.get('scope')?.split(',')).toEqual([...SCOPES]);
  });
});

describe('parseAuthRedirect', () => {
  it('reads the token from the fragment', () => {
    const r = parseAuthRedirect(`${REDIRECT}#access_token=EAAtok&expires_in=3600&state=s1`, 's1', 1000);
    expect(r).toEqual({ accessToken: 'EAAtok', expiresAt: 1000 + 3_600_000 });
  });

  it.each([
    ['a wrong state', `${REDIRECT}#access_token=EAAtok&state=evil`, 'auth-failed'],
    ['a missing state', `${REDIRECT}#access_token=EAAtok`, 'auth-failed'],
    ['a cancelled login', `${REDIRECT}?error=access_denied&error_reason=user_denied&state=s1#_=_`, 'access-denied'],
    ['another error', `${REDIRECT}?error=server_error&state=s1`, 'auth-failed'],
    ['no token', `${REDIRECT}#state=s1`, 'auth-failed'],
    ['garbage', 'not a url', 'auth-failed'],
  ])('rejects %s', (_name, url, kind) => {
    let error: unknown;
    try {
      parseAuthRedirect(url, 's1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).kind).toBe(kind);
    expect((error as DeskError).message).not.toContain('EAAtok');
  });
});
