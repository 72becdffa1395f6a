/**
 * The JS each page ships, gzipped, from a production build (the same figures `npm run bench`
 * prints, without the rest of the bench): `npx tsx scripts/bench/sizes.ts`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { entrypointGzipSize } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, '.output/sizes');
execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...process.env, DMDESK_OUT_DIR: OUT }, stdio: 'ignore' });
for (const [name, entry] of [
  ['side panel', 'sidepanel.html'],
  ['popup', 'popup.html'],
  ['options', 'options.html'],
  ['background', 'background.js'],
] as const) {
  const s = entrypointGzipSize(path.join(OUT, 'chrome-mv3'), entry);
  process.stdout.write(
    `${name.padEnd(11)} ${(s.bytes / 1024).toFixed(1).padStart(6)} KB gzip  ${(s.raw / 1024).toFixed(1).padStart(6)} KB raw  ${s.files.join(' + ')}\n`,
  );
}
