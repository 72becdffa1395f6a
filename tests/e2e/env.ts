/** Shared facts of the E2E run: where the emulator listens and where the test build lives. */
import path from 'node:path';

export const E2E_PORT = Number(process.env.DMDESK_E2E_PORT ?? 47811);
/** A separate folder (and port) lets two E2E runs share a checkout. */
export const E2E_OUT_DIR = path.resolve(process.env.DMDESK_E2E_OUT_DIR ?? '.output/e2e');
export const CHROME_EXTENSION_DIR = path.join(E2E_OUT_DIR, 'chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
