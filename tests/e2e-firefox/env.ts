/**
 * Where the Firefox suite's emulator listens and where its build lives: its own port and folder, so
 * that it can run while the Chromium suite (tests/e2e/env.ts) or another Firefox run is going on.
 */
import path from 'node:path';

export const FIREFOX_E2E_PORT = Number(process.env.DMDESK_FIREFOX_E2E_PORT ?? 47812);
export const FIREFOX_E2E_OUT_DIR = path.resolve(process.env.DMDESK_FIREFOX_E2E_OUT_DIR ?? '.output/e2e-firefox');
export const FIREFOX_EXTENSION_DIR = path.join(FIREFOX_E2E_OUT_DIR, 'firefox-mv3');
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
