/**
 * Builds of the extension that talk to the emulator instead of Meta: the demo, the E2E suites and
 * the benchmark all build this way. The extension itself does not know; only its endpoints differ.
 */
import { execFileSync } from 'node:child_process';
import { API_VERSION } from './dispatch';

/** The Meta app id the emulator's OAuth dialog is used with. */
export const EMULATOR_APP_ID = '4242424242424242';

/** The build variables that point the extension at an emulator listening on `port`. */
export function emulatorBuildEnv(port: number): Record<string, string> {
  const graphBase = `http://127.0.0.1:${port}/${API_VERSION}`;
  return {
    WXT_GRAPH_API_BASE: graphBase,
    WXT_OAUTH_DIALOG_URL: `${graphBase}/dialog/oauth`,
    WXT_META_APP_ID: EMULATOR_APP_ID,
  };
}

/** `wxt build` into `outDir` against the emulator on `port` (Chrome MV3 unless told Firefox). */
export function buildForEmulator(opts: {
  port: number;
  outDir: string;
  browser?: 'chrome' | 'firefox';
  /** Where the build's output goes: to this terminal, to stderr, or kept (shown only on failure). */
  output?: 'inherit' | 'stderr' | 'pipe';
  cwd?: string;
}): void {
  const args = opts.browser === 'firefox' ? ['wxt', 'build', '-b', 'firefox', '--mv3'] : ['wxt', 'build'];
  const output = opts.output ?? 'inherit';
  const stdio = output === 'inherit' ? 'inherit' : output === 'stderr' ? (['ignore', 2, 2] as const) : 'pipe';
  try {
    execFileSync('npx', args, {
      cwd: opts.cwd,
      stdio: stdio as 'inherit' | 'pipe' | ['ignore', number, number],
      env: { ...process.env, ...emulatorBuildEnv(opts.port), DMDESK_OUT_DIR: opts.outDir },
    });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`wxt build failed:\n${String(out.stdout ?? '')}${String(out.stderr ?? '')}`);
  }
}
