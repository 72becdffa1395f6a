// @vitest-environment node
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every .tsx file the repository tracks (the UI, the pages and the component tests). */
function tsxFiles(): string[] {
  return execFileSync('git', ['ls-files', '*.tsx'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

test('the accessibility lint (jsx-a11y, recommended) covers every .tsx file', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const uncovered: string[] = [];
  for (const file of tsxFiles()) {
    if (await eslint.isPathIgnored(file)) {
      uncovered.push(`${file}: ignored`);
      continue;
    }
    const rules = ((await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> }).rules ?? {};
    for (const rule of [
      'jsx-a11y/alt-text',
      'jsx-a11y/no-autofocus',
      'jsx-a11y/label-has-associated-control',
      'jsx-a11y/no-static-element-interactions',
    ]) {
      const level = ([] as unknown[]).concat(rules[rule])[0];
      if (level !== 2 && level !== 'error') uncovered.push(`${file}: ${rule} is not an error`);
    }
  }
  expect(tsxFiles().length).toBeGreaterThan(50);
  expect(uncovered).toEqual([]);
}, 60_000);
