// Facebook Login dialog (implicit flow, response_type=token) with a remembered-consent model.
import type { Env } from './context';
import { issueUserToken } from './state';

export const EMULATED_USER_NAME = 'Alex Rivera';
const APP_NAME = 'DM Desk';
const EXPIRES_IN = 5183944;

export interface HtmlOrRedirect {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function validRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'));
  } catch {
    // Not a URL at all, so not a redirect Meta would accept.
    return false;
  }
}

export function parseScopes(raw: string | null): string[] {
  return [...new Set((raw ?? '').split(/[\s,]+/).filter(Boolean))];
}

function page(title: string, inner: string, status = 200): HtmlOrRedirect {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
 body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;background:#f0f2f5;margin:0;color:#1c1e21}
 .card{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.12);padding:24px}
 h1{font-size:20px;margin:0 0 12px;color:#1877f2} ul{padding-left:20px} li{margin:4px 0;font-family:ui-monospace,monospace;font-size:13px}
 .who{display:flex;align-items:center;gap:10px;margin:12px 0} .avatar{width:36px;height:36px;border-radius:50%;background:#1877f2;color:#fff;display:grid;place-items:center;font-weight:600}
 .row{display:flex;flex-direction:row-reverse;gap:8px;margin-top:20px} button{flex:1;font-size:15px;padding:10px;border-radius:6px;border:0;cursor:pointer}
 .primary{background:#1877f2;color:#fff} .secondary{background:#e4e6eb;color:#050505}
</style></head><body><div class="card">${inner}</div></body></html>`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
}

function errorPage(message: string): HtmlOrRedirect {
  return page('Error', `<h1>Sorry, something went wrong.</h1><p>${esc(message)}</p>`, 400);
}

function redirect(location: string): HtmlOrRedirect {
  return { status: 302, headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' }, body: '' };
}

function withQuery(uri: string, query: string): string {
  const [base = '', hash] = uri.split('#');
  void hash;
  return base + (base.includes('?') ? '&' : '?') + query;
}

function successRedirect(env: Env, p: URLSearchParams, scopes: string[]): HtmlOrRedirect {
  const now = env.now();
  const granted = scopes.filter((s) => !env.state.declined.has(s));
  const token = issueUserToken(env.state, granted, now);
  const frag = new URLSearchParams({
    access_token: token.token,
    data_access_expiration_time: String(Math.floor(now / 1000) + 90 * 24 * 3600),
    expires_in: String(EXPIRES_IN),
  });
  if (p.get('return_scopes') === 'true') {
    frag.set('granted_scopes', granted.join(','));
    frag.set('denied_scopes', scopes.filter((s) => env.state.declined.has(s)).join(','));
  }
  const state = p.get('state');
  if (state !== null) frag.set('state', state);
  const uri = (p.get('redirect_uri') ?? '').split('#')[0] ?? '';
  return redirect(`${uri}#${frag.toString()}`);
}

function validate(p: URLSearchParams): HtmlOrRedirect | null {
  const clientId = p.get('client_id') ?? '';
  if (!/^\d+$/.test(clientId)) return errorPage('Invalid App ID: The provided app ID does not look like a valid app ID.');
  const uri = p.get('redirect_uri') ?? '';
  if (!validRedirect(uri)) {
    return errorPage("URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.");
  }
  const rt = p.get('response_type') ?? 'token';
  if (!rt.split(/[\s,]+/).includes('token'))
    return errorPage(`Unsupported response_type "${rt}" (the emulator implements the implicit flow only).`);
  return null;
}

/** GET /vXX/dialog/oauth */
export function dialog(env: Env, p: URLSearchParams): HtmlOrRedirect {
  const bad = validate(p);
  if (bad) return bad;
  const clientId = p.get('client_id') ?? '';
  const scopes = parseScopes(p.get('scope'));
  const authType = p.get('auth_type') ?? '';
  // '*' is set by the admin API (`POST /__admin/consent {remember:true}`) and covers any app and scope.
  const remembered = env.state.consent.get(clientId) ?? env.state.consent.get('*');
  const forced = authType === 'rerequest' || authType === 'reauthenticate';
  if (remembered && !forced && (remembered.has('*') || scopes.every((s) => remembered.has(s)))) {
    return successRedirect(env, p, scopes);
  }

  const hidden = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type', 'auth_type', 'return_scopes']
    .filter((k) => p.get(k) !== null)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(p.get(k) ?? '')}">`)
    .join('');
  const list = scopes.length ? scopes.map((s) => `<li>${esc(s)}</li>`).join('') : '<li>public_profile</li>';
  return page(
    'Log in with Facebook',
    `<h1>Log in with Facebook</h1>
<div class="who"><div class="avatar">AR</div><div>Continue as <strong>${esc(EMULATED_USER_NAME)}</strong></div></div>
<p>${esc(APP_NAME)} is requesting access to:</p><ul>${list}</ul>
<form method="post" action="${esc(env.graphBase.replace(env.baseUrl, ''))}/dialog/oauth/confirm">${hidden}
<div class="row"><button class="primary" type="submit" name="action" value="continue">Continue</button>
<button class="secondary" type="submit" name="action" value="cancel">Cancel</button></div></form>`,
  );
}

/** POST /vXX/dialog/oauth/confirm (form from the consent page). */
export function confirm(env: Env, p: URLSearchParams): HtmlOrRedirect {
  const bad = validate(p);
  if (bad) return bad;
  const clientId = p.get('client_id') ?? '';
  const scopes = parseScopes(p.get('scope'));
  if (p.get('action') !== 'continue') {
    const q = new URLSearchParams({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
    });
    const state = p.get('state');
    if (state !== null) q.set('state', state);
    return redirect(`${withQuery(p.get('redirect_uri') ?? '', q.toString())}#_=_`);
  }
  const prev = env.state.consent.get(clientId) ?? new Set<string>();
  for (const s of scopes) prev.add(s);
  env.state.consent.set(clientId, prev);
  return successRedirect(env, p, scopes);
}
