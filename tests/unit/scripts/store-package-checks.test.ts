// @vitest-environment node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_HOST_PERMISSIONS, storeBuildEnv, storePackageProblems } from '../../../scripts/store/package-checks';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A built package folder: a manifest (Meta's host only unless told) and the given files. */
function pkg(files: Record<string, string>, manifest: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-pkg-'));
  dirs.push(dir);
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, host_permissions: STORE_HOST_PERMISSIONS.chrome, ...manifest }),
  );
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const fine = {
  'background.js':
    'const base="https://graph.facebook.com/v24.0";const LOOPBACK=["127.0.0.1","localhost","[::1]"];x.evaluate(1);retrieval(2);',
  'chunks/a.js': 'const ns="http://www.w3.org/2000/svg";setTimeout(()=>run(),5);',
  'sidepanel.html': '<script type="module" src="/chunks/sidepanel.js"></script>',
};

describe('storePackageProblems', () => {
  it('passes a package that talks to Meta only and runs only its own code', () => {
    expect(storePackageProblems(pkg(fine), 'chrome')).toEqual([]);
    expect(storePackageProblems(pkg(fine, { host_permissions: STORE_HOST_PERMISSIONS.firefox }), 'firefox')).toEqual([]);
  });

  it('refuses a package built for the emulator', () => {
    const problems = storePackageProblems(
      pkg(
        { ...fine, 'background.js': 'const base="http://127.0.0.1:47810/v24.0";const app="4242424242424242";' },
        { host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'] },
      ),
      'chrome',
    );
    expect(problems.join('\n')).toMatch(/asks for hosts/);
    expect(problems.join('\n')).toMatch(/background\.js holds a loopback address/);
    expect(problems.join('\n')).toMatch(/emulator's app id/);
  });

  it("refuses hosts beyond the Graph API (and, in Firefox, Meta's content servers)", () => {
    expect(storePackageProblems(pkg(fine, { host_permissions: STORE_HOST_PERMISSIONS.firefox }), 'chrome')).toHaveLength(1);
    expect(
      storePackageProblems(pkg(fine, { host_permissions: [...STORE_HOST_PERMISSIONS.firefox, '<all_urls>'] }), 'firefox'),
    ).toHaveLength(1);
  });

  it.each([
    ['eval', 'var r=eval("1+1");'],
    ['the Function constructor', 'var f=new Function("a","return a");'],
    ['the Function constructor', 'var f=Function("return this")();'],
    ['a string passed to setTimeout/setInterval', 'setTimeout("go()",10);'],
    ['a module imported from a remote address', 'await import("https://cdn.example.com/x.js");'],
    ['importScripts', 'importScripts("x.js");'],
  ])('refuses %s', (what, code) => {
    expect(storePackageProblems(pkg({ ...fine, 'chunks/b.js': code }), 'chrome')).toEqual([`chunks/b.js uses ${what}`]);
  });

  it('refuses a remote script tag and a policy that allows evaluated code', () => {
    const problems = storePackageProblems(
      pkg(
        { ...fine, 'popup.html': '<script src="https://cdn.example.com/lib.js"></script>' },
        { content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } },
      ),
      'chrome',
    );
    expect(problems).toHaveLength(2);
  });
});

describe('storeBuildEnv', () => {
  it('drops every build variable a test or the demo may leave behind, and keeps the rest', () => {
    const env = storeBuildEnv(
      {
        PATH: '/usr/bin',
        HOME: '/root',
        WXT_GRAPH_API_BASE: 'http://127.0.0.1:47810/v24.0',
        WXT_META_APP_ID: '4242424242424242',
        VITE_X: '1',
        DMDESK_OUT_DIR: '.output/e2e',
        NODE_ENV: 'development',
      },
      '/tmp/out',
    );
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/root', DMDESK_OUT_DIR: '/tmp/out' });
  });
});
