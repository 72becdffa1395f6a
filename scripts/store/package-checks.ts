/**
 * What a store package must be, checked on the built folder before it is zipped for a store:
 * - it talks to Meta only: the manifest's host permissions are Meta's (STORE_HOST_PERMISSIONS) and
 *   nothing else, and no loopback address (the Graph API emulator the demo and the tests build against) or
 *   the emulator's app id is baked into any file;
 * - it runs only its own code: no eval, no Function constructor, no script or module loaded from
 *   a remote address, and no content security policy that would allow any of it.
 *
 * The store build (scripts/store/zip.ts) runs these on both packages and refuses to finish when
 * one fails; tests/unit/scripts/store-package-checks.test.ts shows each check catching its case.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The only hosts a store package may ask for: Meta's Graph API (the login dialog needs none), and in
 * Firefox Meta's content servers too, which its tracking protection blocks in an extension page
 * without an explicit host permission.
 */
export const STORE_HOST_PERMISSIONS = {
  chrome: ['https://graph.facebook.com/*'],
  firefox: ['https://graph.facebook.com/*', 'https://*.fbcdn.net/*', 'https://*.cdninstagram.com/*'],
} as const;

export type StoreBrowser = keyof typeof STORE_HOST_PERMISSIONS;

/** The app id the Graph API emulator's OAuth dialog is used with (tests/emulator/extension-build.ts). */
const EMULATOR_APP_ID = '4242424242424242';

/** Variables that steer what the build makes: endpoints, app id, output folder, a development build. */
const BUILD_VARIABLE = /^(WXT_|VITE_|DMDESK_|NODE_ENV$)/;

/**
 * The environment a store build runs in: the caller's, without any build variable. A variable
 * left over from a test or the demo (WXT_GRAPH_API_BASE pointing at the emulator, an app id,
 * another output folder) therefore cannot reach a store package; `outDir` is set explicitly.
 */
export function storeBuildEnv(env: NodeJS.ProcessEnv, outDir?: string): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!BUILD_VARIABLE.test(key)) clean[key] = value;
  if (outDir !== undefined) clean.DMDESK_OUT_DIR = outDir;
  return clean;
}

interface Manifest {
  host_permissions?: unknown;
  content_security_policy?: unknown;
}

const LOOPBACK_URL = /https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])/;

/** Ways to run code that is not in the package. Each is a separate pattern so a report names it. */
const REMOTE_CODE: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: 'eval', pattern: /(^|[^.\w$])eval\s*\(/ },
  { what: 'the Function constructor', pattern: /\bnew\s+Function\s*\(|(^|[^.\w$])Function\s*\(\s*["'`]/ },
  { what: 'a string passed to setTimeout/setInterval', pattern: /\bset(Timeout|Interval)\s*\(\s*["'`]/ },
  { what: 'a module imported from a remote address', pattern: /\bimport\s*\(\s*["'`](https?:)?\/\// },
  { what: 'importScripts', pattern: /\bimportScripts\s*\(/ },
];

const REMOTE_SCRIPT_TAG = /<script\b[^>]*\bsrc\s*=\s*["']?(https?:)?\/\//i;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => fs.statSync(path.join(dir, rel)).isFile())
    .sort();
}

/** Every reason the built package for `browser` in `dir` may not go to a store (empty when it may). */
export function storePackageProblems(dir: string, browser: StoreBrowser): string[] {
  const problems: string[] = [];
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) return [`${dir} has no manifest.json`];
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;

  const hosts = Array.isArray(manifest.host_permissions) ? (manifest.host_permissions as unknown[]) : [];
  const allowed = STORE_HOST_PERMISSIONS[browser];
  if (JSON.stringify(hosts) !== JSON.stringify(allowed)) {
    problems.push(
      `manifest.json asks for hosts ${JSON.stringify(hosts)}; a ${browser} store package asks for ${JSON.stringify(allowed)} only`,
    );
  }
  const csp = JSON.stringify(manifest.content_security_policy ?? '');
  if (/unsafe-eval|wasm-unsafe-eval|https?:/.test(csp))
    problems.push(`manifest.json's content security policy allows remote or evaluated code: ${csp}`);

  for (const rel of filesUnder(dir)) {
    if (!/\.(js|mjs|html|json|css)$/.test(rel)) continue;
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    const loopback = LOOPBACK_URL.exec(text);
    if (loopback) problems.push(`${rel} holds a loopback address (${loopback[0]}): built for the emulator, not Meta`);
    if (text.includes(EMULATOR_APP_ID)) problems.push(`${rel} holds the Graph API emulator's app id`);
    if (rel.endsWith('.js') || rel.endsWith('.mjs')) {
      for (const { what, pattern } of REMOTE_CODE) if (pattern.test(text)) problems.push(`${rel} uses ${what}`);
    }
    if (rel.endsWith('.html') && REMOTE_SCRIPT_TAG.test(text)) problems.push(`${rel} loads a script from a remote address`);
  }
  return problems;
}
