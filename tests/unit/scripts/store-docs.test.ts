// @vitest-environment node
/**
 * docs/store stays true to the code: a listing for every shipped language whose short description
 * is the manifest's (the Chrome Web Store takes its summary from the manifest; 132 characters at
 * most), and one justification line for every permission and host the store manifests ask for —
 * no more, no fewer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';
import { messagesOf } from '../support/i18n';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const STORE_DOCS = path.join(ROOT, 'docs/store');
const languages = fs
  .readdirSync(path.join(ROOT, 'locales'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => f.replace(/\.yml$/, ''));

/** The text under each `## ` heading of a listing file, by heading. */
function sections(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/^## .*$/m)
    .slice(1)
    .map((s) => s.trim());
}

type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => {
  permissions?: string[];
  host_permissions?: string[];
};

function storeManifest(browser: 'chrome' | 'firefox') {
  const manifest = config.manifest as unknown as ManifestFn;
  return manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
}

describe('store listings', () => {
  it.each(languages)('%s: a listing whose short description is the manifest description, ≤132 characters', (language) => {
    const file = path.join(STORE_DOCS, 'listing', `${language}.md`);
    expect(fs.existsSync(file), `docs/store/listing/${language}.md`).toBe(true);
    const [name, short, long] = sections(file);
    expect(name).toBe(messagesOf(language).ext_name);
    expect(short).toBe(messagesOf(language).ext_description);
    expect(short?.length).toBeLessThanOrEqual(132);
    expect(long?.length ?? 0).toBeGreaterThan(500);
  });
});

describe('permission justifications', () => {
  it('justify exactly what the store manifests ask for', () => {
    const { WXT_GRAPH_API_BASE } = process.env;
    expect(WXT_GRAPH_API_BASE ?? '', 'run without an emulator build variable').toBe('');
    const asked = new Set(
      (['chrome', 'firefox'] as const).flatMap((b) => [
        ...(storeManifest(b).permissions ?? []),
        ...(storeManifest(b).host_permissions ?? []),
      ]),
    );
    const table = fs.readFileSync(path.join(STORE_DOCS, 'permissions.md'), 'utf8');
    const justified = new Set([...table.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]));
    expect([...justified].sort()).toEqual([...asked].sort());
  });
});
