import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Past this many lines a module in lib/ holds more than one concern: split it by what it does. */
const MAX_LINES = 300;
const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe('module size', () => {
  it(`no module in lib/ is over ${MAX_LINES} lines`, () => {
    const files = sources('lib');
    expect(files.length).toBeGreaterThan(50);
    const long = files
      .map((file) => ({ file, lines: fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
