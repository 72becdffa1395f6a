/**
 * Where Meta lives. The single source of every Meta URL: build-time values (WXT_* env vars) that
 * the options page may override. Nothing else in the code knows whether it talks to Meta itself
 * or to something that behaves like it.
 */
import { metaOverrides } from './settings';

export interface MetaEndpoints {
  graphApiBase: string;
  oauthDialogUrl: string;
  appId: string;
}

export const DEFAULT_GRAPH_API_BASE = 'https://graph.facebook.com/v24.0';
export const DEFAULT_OAUTH_DIALOG_URL = 'https://www.facebook.com/v24.0/dialog/oauth';

export const buildTimeEndpoints: MetaEndpoints = {
  graphApiBase: import.meta.env.WXT_GRAPH_API_BASE || DEFAULT_GRAPH_API_BASE,
  oauthDialogUrl: import.meta.env.WXT_OAUTH_DIALOG_URL || DEFAULT_OAUTH_DIALOG_URL,
  appId: import.meta.env.WXT_META_APP_ID || '',
};

export async function getEndpoints(): Promise<MetaEndpoints> {
  const o = await metaOverrides.getValue();
  return {
    graphApiBase: o.graphApiBase.trim() || buildTimeEndpoints.graphApiBase,
    oauthDialogUrl: o.oauthDialogUrl.trim() || buildTimeEndpoints.oauthDialogUrl,
    appId: o.appId.trim() || buildTimeEndpoints.appId,
  };
}
