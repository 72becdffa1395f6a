interface ImportMetaEnv {
  readonly WXT_GRAPH_API_BASE?: string;
  readonly WXT_OAUTH_DIALOG_URL?: string;
  readonly WXT_META_APP_ID?: string;
}
