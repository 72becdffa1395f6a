import { execFileSync } from 'node:child_process';
import { E2E_OUT_DIR, buildEnv } from './env';

/** Builds the extension against the emulator's address, once per run. */
export default function globalSetup(): void {
  if (process.env.DMDESK_SKIP_BUILD === '1') return;
  execFileSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ...buildEnv(), DMDESK_OUT_DIR: E2E_OUT_DIR },
  });
}
