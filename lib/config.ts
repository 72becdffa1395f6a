/**
 * Where Meta lives. The single source of every Meta URL: build-time values (WXT_* env vars) that
 * the options page may override. Nothing else in the code knows whether it talks to Meta itself
 * or to something that behaves like it.
 *
 * Page tokens travel to the Graph base and the login goes through the dialog URL, so an override
 * may only point at Meta's own https hosts. A build made for the local Graph API emulator (its
 * build-time Graph base is a loopback address) may also point at loopback addresses.
 */
import { logDiagnostic } from './diagnostics';
import { t, uiLocale } from './i18n';
import { metaOverrides, type MetaOverrides } from './settings';

export interface MetaEndpoints {
  graphApiBase: string;
  oauthDialogUrl: string;
  appId: string;
}

export const DEFAULT_GRAPH_API_BASE = 'https://graph.facebook.com/v24.0';
export const DEFAULT_OAUTH_DIALOG_URL = 'https://www.facebook.com/v24.0/dialog/oauth';

/** Meta's hosts for each endpoint (Instagram API with Facebook Login). */
export const META_HOSTS: Record<EndpointKind, readonly string[]> = {
  graphApiBase: ['graph.facebook.com'],
  oauthDialogUrl: ['www.facebook.com'],
};

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export type EndpointKind = 'graphApiBase' | 'oauthDialogUrl';

export const buildTimeEndpoints: MetaEndpoints = {
  graphApiBase: import.meta.env.WXT_GRAPH_API_BASE || DEFAULT_GRAPH_API_BASE,
  oauthDialogUrl: import.meta.env.WXT_OAUTH_DIALOG_URL || DEFAULT_OAUTH_DIALOG_URL,
  appId: import.meta.env.WXT_META_APP_ID || '',
};

function isLoopbackUrl(value: string): boolean {
  try {
    return LOOPBACK_HOSTS.includes(new URL(value).hostname);
  } catch {
    // Not a URL at all: certainly not a loopback one.
    return false;
  }
}

/** True for a build made for the emulator: its own Graph base is a loopback address. */
export function isEmulatorBuild(graphApiBase: string = buildTimeEndpoints.graphApiBase): boolean {
  return isLoopbackUrl(graphApiBase);
}

/**
 * Why an endpoint override is refused, or null when it may be used. Empty means "the build's
 * value" and is always allowed.
 */
export function endpointProblem(
  kind: EndpointKind,
  value: string,
  opts: { allowLoopback: boolean } = { allowLoopback: isEmulatorBuild() },
): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const meta = new Intl.ListFormat(uiLocale(), { type: 'disjunction' }).format(META_HOSTS[kind]);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return t('settings.endpointNotUrl', { host: META_HOSTS[kind][0] ?? '' });
  }
  if (url.username || url.password || url.search || url.hash) return t('settings.endpointCredentials');
  if (opts.allowLoopback && LOOPBACK_HOSTS.includes(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return t('settings.endpointNotHttps', { hosts: meta });
  if (!META_HOSTS[kind].includes(url.hostname) || url.port !== '') return t('settings.endpointNotMeta', { hosts: meta });
  return null;
}

/** A Meta app id is a number; empty means the build's. */
export function appIdProblem(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' || /^\d{1,30}$/.test(trimmed) ? null : t('settings.appIdNotNumber');
}

/** Refused stored values already logged (every Graph call reads the endpoints). */
const refusedLogged = new Set<string>();

/** The endpoints a set of overrides leads to; refused overrides (e.g. written by an older version) fall back to the build's. */
export function resolveEndpoints(o: MetaOverrides, opts?: { allowLoopback: boolean }): MetaEndpoints {
  const pick = (kind: EndpointKind): string => {
    const value = typeof o[kind] === 'string' ? o[kind].trim() : '';
    if (value === '') return buildTimeEndpoints[kind];
    if (endpointProblem(kind, value, opts) !== null) {
      if (!refusedLogged.has(`${kind} ${value}`)) {
        refusedLogged.add(`${kind} ${value}`);
        logDiagnostic(
          'config',
          `A stored ${kind === 'graphApiBase' ? 'Graph API base' : 'OAuth dialog'} override was refused; the build's is used`,
        );
      }
      return buildTimeEndpoints[kind];
    }
    return value;
  };
  const appId = typeof o.appId === 'string' ? o.appId.trim() : '';
  return {
    graphApiBase: pick('graphApiBase'),
    oauthDialogUrl: pick('oauthDialogUrl'),
    appId: appId !== '' && appIdProblem(appId) === null ? appId : buildTimeEndpoints.appId,
  };
}

export async function getEndpoints(): Promise<MetaEndpoints> {
  return resolveEndpoints(await metaOverrides.getValue());
}

/** Every problem of a set of overrides, by field (empty when all may be saved). */
export function overridesProblems(o: MetaOverrides, opts?: { allowLoopback: boolean }): Partial<Record<keyof MetaOverrides, string>> {
  const problems: Partial<Record<keyof MetaOverrides, string>> = {};
  const graph = endpointProblem('graphApiBase', o.graphApiBase, opts);
  const dialog = endpointProblem('oauthDialogUrl', o.oauthDialogUrl, opts);
  const app = appIdProblem(o.appId);
  if (graph) problems.graphApiBase = graph;
  if (dialog) problems.oauthDialogUrl = dialog;
  if (app) problems.appId = app;
  return problems;
}

/**
 * Saves new overrides (background only: it owns the tokens). When the Graph base or the dialog
 * changes, the stored logins are forgotten (`forgetLogins`), so no token made for one host is ever
 * sent to another; the accounts then ask to be reconnected.
 */
export async function saveMetaOverrides(
  next: MetaOverrides,
  deps: { forgetLogins: () => Promise<void> },
): Promise<{ endpointsChanged: boolean; problems: Partial<Record<keyof MetaOverrides, string>> }> {
  const clean: MetaOverrides = {
    graphApiBase: typeof next.graphApiBase === 'string' ? next.graphApiBase.trim() : '',
    oauthDialogUrl: typeof next.oauthDialogUrl === 'string' ? next.oauthDialogUrl.trim() : '',
    appId: typeof next.appId === 'string' ? next.appId.trim() : '',
  };
  const problems = overridesProblems(clean);
  if (Object.keys(problems).length > 0) return { endpointsChanged: false, problems };
  const before = await getEndpoints();
  await metaOverrides.setValue(clean);
  const after = resolveEndpoints(clean);
  const endpointsChanged = before.graphApiBase !== after.graphApiBase || before.oauthDialogUrl !== after.oauthDialogUrl;
  if (endpointsChanged) await deps.forgetLogins();
  return { endpointsChanged, problems };
}
