import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { findLiteralStrings } from './literal-strings';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Files whose words are still being moved into locales/ (one path per line). Empty when done. */
const PENDING = new Set(
  fs
    .readFileSync(path.join(import.meta.dirname, 'i18n-pending.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean),
);

test('every word a person reads comes from the locale files, not from the code', () => {
  const left = findLiteralStrings(ROOT, ['components', 'entrypoints', 'lib'])
    .filter((l) => !PENDING.has(l.file))
    .map((l) => `${l.file}:${l.line} ${l.text}`);
  expect(left).toEqual([]);
}, 60_000);

test('the list of files still being translated names only files that need it', () => {
  const needing = new Set(findLiteralStrings(ROOT, ['components', 'entrypoints', 'lib']).map((l) => l.file));
  expect([...PENDING].filter((f) => !needing.has(f))).toEqual([]);
}, 60_000);

test('the check finds a word written into JSX, an attribute and a string', () => {
  const dir = fs.mkdtempSync(path.join(ROOT, '.output-literal-check-'));
  try {
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(
      path.join(dir, 'components/Sample.tsx'),
      [
        "import { t } from '@/lib/i18n';",
        'export function Sample(p: { done: boolean; key: string }) {',
        "  if (p.key === 'Enter') return null;",
        '  return (',
        '    <div className="sample-row" aria-label="Close panel" title={t(\'ext.name\')}>',
        '      Send now',
        "      {p.done ? 'Reopen' : t('ext.name')}",
        '      {/* i18n-exempt: a pattern */}',
        "      {'h:mm a'}",
        '    </div>',
        '  );',
        '}',
      ].join('\n'),
    );
    const found = findLiteralStrings(dir, ['components']).map((l) => `${l.line} ${l.text}`);
    expect(found).toEqual(['5 Close panel', '6 Send now', '7 Reopen']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
