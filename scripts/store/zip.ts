/**
 * `npm run zip`: the store packages. Builds Chrome MV3 and Firefox MV3 for production (Meta's Graph
 * API, never the emulator), zips both, writes the sources zip Firefox reviewers rebuild from
 * (`wxt zip -b firefox` does; what it holds is listed in wxt.config.ts), and checks both packages
 * (scripts/store/package-checks.ts) before saying they are ready.
 *
 *   npm run zip                      → .output/dm-desk-<version>-chrome.zip, -firefox.zip, -sources.zip
 *   npm run zip -- --out <folder>    → the same in another folder (the rebuild test uses a temporary one)
 *
 * No build variable from the caller's environment reaches these builds (see storeBuildEnv).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { storeBuildEnv, storePackageProblems } from './package-checks';

function outFolder(argv: string[]): string {
  const i = argv.indexOf('--out');
  if (i === -1) return path.resolve('.output');
  const value = argv[i + 1];
  if (!value) throw new Error('--out needs a folder');
  return path.resolve(value);
}

function main(): void {
  const outDir = outFolder(process.argv.slice(2));
  const env = storeBuildEnv(process.env, outDir);
  const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
  for (const args of [
    ['wxt', 'zip'],
    ['wxt', 'zip', '-b', 'firefox', '--mv3'],
  ]) {
    execFileSync('npx', args, { stdio: 'inherit', env });
  }
  const problems = (['chrome', 'firefox'] as const).flatMap((browser) =>
    storePackageProblems(path.join(outDir, `${browser}-mv3`), browser).map((p) => `${browser}-mv3: ${p}`),
  );
  if (problems.length > 0) {
    console.error(`\nThese packages may not go to a store:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const zips = ['chrome', 'firefox', 'sources'].map((kind) => path.join(outDir, `dm-desk-${version}-${kind}.zip`));
  const missing = zips.filter((z) => !fs.existsSync(z));
  if (missing.length > 0) {
    console.error(`\nExpected zips are missing: ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log(`\nStore packages checked (Meta's Graph API only, no remote code):\n  ${zips.join('\n  ')}`);
}

main();
