/**
 * A Firefox reviewer downloads the sources zip, follows SOURCE_CODE_REVIEW.md on a clean machine and
 * must get the very package we uploaded. This does the same: `npm run zip` into a temporary folder
 * (with build variables from a test run left in the environment, which must not reach the
 * packages), unpacks the sources zip into an empty folder, runs the commands the review file lists
 * (`npm ci`, then the build) and compares the rebuilt Firefox package with the uploaded one, file
 * by file, byte for byte.
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_HOST_PERMISSIONS } from '../../scripts/store/package-checks';

const repo = process.cwd();
const version = (JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-store-'));
const out = path.join(tmp, 'out');
const clean = path.join(tmp, 'sources');

/** What a test or the demo leaves in the environment: an emulator build, another output folder. */
const leftovers = {
  WXT_GRAPH_API_BASE: 'http://127.0.0.1:47999/v24.0',
  WXT_OAUTH_DIALOG_URL: 'http://127.0.0.1:47999/v24.0/dialog/oauth',
  WXT_META_APP_ID: '4242424242424242',
  DMDESK_OUT_DIR: path.join(tmp, 'elsewhere'),
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(command, args, { cwd, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const r = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${String(r.stdout ?? '')}${String(r.stderr ?? '')}`);
  }
}

async function files(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(zipPath));
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  const contents = await Promise.all(entries.map(async (f) => [f.name, await f.async('nodebuffer')] as const));
  return new Map(contents.sort(([a], [b]) => a.localeCompare(b)));
}

/** The shell commands in the review file's first ```sh block, one per line. */
function documentedCommands(reviewFile: string): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(fs.readFileSync(reviewFile, 'utf8'));
  if (!block?.[1]) throw new Error('SOURCE_CODE_REVIEW.md has no ```sh block with the build commands');
  return block[1]
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('the store packages', () => {
  let sources: Map<string, Buffer>;

  beforeAll(async () => {
    const started = Date.now();
    run('npm', ['run', 'zip', '--', '--out', out], repo, { ...process.env, ...leftovers });
    console.log(`npm run zip: ${Math.round((Date.now() - started) / 1000)} s`);
    sources = await files(path.join(out, `dm-desk-${version}-sources.zip`));
  }, 300_000);

  // The clean copy's node_modules take a while to delete on a busy machine.
  afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }), 180_000);

  it('point at Meta, whatever a test left in the environment', async () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const pkg = await files(path.join(out, `dm-desk-${version}-${browser}.zip`));
      const manifest = JSON.parse(String(pkg.get('manifest.json'))) as { host_permissions: string[] };
      expect(manifest.host_permissions, browser).toEqual(STORE_HOST_PERMISSIONS[browser]);
      const code = [...pkg].filter(([name]) => name.endsWith('.js')).map(([, b]) => b.toString('utf8'));
      expect(
        code.some((js) => js.includes('https://graph.facebook.com/v24.0')),
        `${browser} calls Meta's Graph API`,
      ).toBe(true);
      expect(
        code.some((js) => js.includes('127.0.0.1:47999')),
        `${browser} holds the leftover emulator address`,
      ).toBe(false);
    }
    expect(fs.existsSync(leftovers.DMDESK_OUT_DIR), 'a leftover output folder was used').toBe(false);
  });

  it('start each page from one script file (the browser hands extension files over one by one)', async () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const pkg = await files(path.join(out, `dm-desk-${version}-${browser}.zip`));
      const pages = [...pkg.keys()].filter((name) => name.endsWith('.html'));
      expect(pages.sort(), browser).toEqual(['options.html', 'popup.html', 'sidepanel.html']);
      for (const page of pages) {
        const html = String(pkg.get(page));
        const scripts = [...html.matchAll(/<script[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1]!);
        expect(scripts, `${browser} ${page}: its scripts`).toHaveLength(1);
        expect(html, `${browser} ${page} preloads other modules`).not.toContain('modulepreload');
        // Only dynamic import() of lazy parts: no static import of another chunk.
        const entry = String(pkg.get(scripts[0]!));
        expect(entry, `${browser} ${page}: ${scripts[0]} imports a chunk statically`).not.toMatch(
          /(^|[;}\s])import\s*[{\w*][^;]*?from\s*["']/,
        );
      }
    }
  });

  it('the sources hold what the build needs and nothing generated', () => {
    const names = [...sources.keys()];
    for (const needed of ['SOURCE_CODE_REVIEW.md', 'package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json']) {
      expect(names, needed).toContain(needed);
    }
    const generated = names.filter((n) =>
      /(^|\/)(node_modules|\.output|\.wxt|test-results|playwright-report|demo-output|web-ext-artifacts|tests)\/|\.log$|\.png$|^\.env/.test(
        n.replace(/^public\/icon\/[^/]+\.png$/, 'public-icon'),
      ),
    );
    expect(generated).toEqual([]);
  });

  it('rebuild, on a clean copy following SOURCE_CODE_REVIEW.md, into the identical Firefox package', async () => {
    for (const [name, content] of sources) {
      fs.mkdirSync(path.dirname(path.join(clean, name)), { recursive: true });
      fs.writeFileSync(path.join(clean, name), content);
    }
    const commands = documentedCommands(path.join(clean, 'SOURCE_CODE_REVIEW.md'));
    expect(commands).toEqual(['npm ci', 'npm run zip']);
    // The reviewer's commands as written; npm only skips its audit and prefers its local cache.
    const env = { ...process.env, ...leftovers, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_prefer_offline: 'true' };
    for (const command of commands) {
      const started = Date.now();
      try {
        execSync(command, { cwd: clean, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
      } catch (e) {
        const r = e as { stdout?: Buffer; stderr?: Buffer };
        throw new Error(`${command} failed in the clean copy:\n${String(r.stdout ?? '')}${String(r.stderr ?? '')}`);
      }
      console.log(`${command} in the clean copy: ${Math.round((Date.now() - started) / 1000)} s`);
    }

    const uploaded = await files(path.join(out, `dm-desk-${version}-firefox.zip`));
    const rebuilt = await files(path.join(clean, '.output', `dm-desk-${version}-firefox.zip`));
    expect([...rebuilt.keys()]).toEqual([...uploaded.keys()]);
    const different = [...uploaded].filter(([name, bytes]) => !rebuilt.get(name)?.equals(bytes)).map(([name]) => name);
    expect(different, 'files that differ between the uploaded and the rebuilt package').toEqual([]);
    // The unpacked folder the review file names holds the same files.
    const unpacked = path.join(clean, '.output', 'firefox-mv3');
    for (const [name, bytes] of uploaded) expect(fs.readFileSync(path.join(unpacked, name)).equals(bytes), name).toBe(true);
  });
});
