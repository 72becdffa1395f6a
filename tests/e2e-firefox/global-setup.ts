import { buildForEmulator } from '../emulator/extension-build';
import { FIREFOX_E2E_OUT_DIR, FIREFOX_E2E_PORT } from './env';

/** Builds the Firefox MV3 add-on against the emulator's address, once per run. */
export default function globalSetup(): void {
  if (process.env.DMDESK_SKIP_BUILD === '1') return;
  buildForEmulator({ port: FIREFOX_E2E_PORT, outDir: FIREFOX_E2E_OUT_DIR, browser: 'firefox', output: 'pipe' });
}
