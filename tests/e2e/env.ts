/** Shared facts of the E2E run: where the emulator listens and where the test build lives. */
import path from 'node:path';

export const E2E_PORT = Number(process.env.DMDESK_E2E_PORT ?? 47811);
export const E2E_APP_ID = '4242424242424242';
export const E2E_OUT_DIR = path.resolve('.output/e2e');
export const CHROME_EXTENSION_DIR = path.join(E2E_OUT_DIR, 'chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function buildEnv(port = E2E_PORT): Record<string, string> {
  return {
    WXT_GRAPH_API_BASE: `http://127.0.0.1:${port}/v24.0`,
    WXT_OAUTH_DIALOG_URL: `http://127.0.0.1:${port}/v24.0/dialog/oauth`,
    WXT_META_APP_ID: E2E_APP_ID,
  };
}
