import { buildForEmulator } from '../emulator/extension-build';
import { E2E_OUT_DIR, E2E_PORT } from './env';

/** Builds the extension against the emulator's address, once per run. */
export default function globalSetup(): void {
  if (process.env.DMDESK_SKIP_BUILD === '1') return;
  buildForEmulator({ port: E2E_PORT, outDir: E2E_OUT_DIR });
}
