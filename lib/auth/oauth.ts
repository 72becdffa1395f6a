/** Facebook Login dialog (implicit flow): building the URL and reading what comes back. */
import { DeskError } from '../errors';
import { t } from '../i18n';

/** The permissions DM Desk asks for (Instagram API with Facebook Login). */
export const SCOPES = [
  'instagram_basic',
  'instagram_manage_messages',
  'pages_manage_metadata',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
] as const;

export const MESSAGING_PERMISSION = 'instagram_manage_messages';

export interface DialogParams {
  dialogUrl: string;
  appId: string;
  redirectUri: string;
  state: string;
}

export function buildDialogUrl(p: DialogParams): string {
  const url = new URL(p.dialogUrl);
  url.searchParams.set('client_id', p.appId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('state', p.state);
  url.searchParams.set('scope', SCOPES.join(','));
  return url.href;
}

export function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface AuthResult {
  accessToken: string;
  expiresAt: number | null;
}

/** Reads the redirect Meta sent back. Throws a DeskError a person can act on. */
export function parseAuthRedirect(responseUrl: string, expectedState: string, now = Date.now()): AuthResult {
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    throw new DeskError('auth-failed', t('auth.unreadableRedirect'));
  }
  const params = new URLSearchParams(url.search);
  new URLSearchParams(url.hash.replace(/^#/, '')).forEach((value, key) => {
    if (!params.has(key)) params.set(key, value);
  });
  if (params.get('state') !== expectedState) {
    throw new DeskError('auth-failed', t('auth.wrongState'));
  }
  const error = params.get('error');
  if (error === 'access_denied') {
    throw new DeskError('access-denied', t('auth.cancelled'));
  }
  if (error) {
    throw new DeskError('auth-failed', t('auth.refused'));
  }
  const accessToken = params.get('access_token');
  if (!accessToken) {
    throw new DeskError('auth-failed', t('auth.noToken'));
  }
  const expiresIn = Number(params.get('expires_in'));
  return { accessToken, expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : null };
}
