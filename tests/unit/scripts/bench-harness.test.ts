// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  changedThreadsTarget,
  countRequests,
  entrypointChunks,
  entrypointGzipSize,
  evaluate,
  formatTable,
  median,
  percentile,
  ratio,
  type LoggedRequest,
} from '../../../scripts/bench/harness';

describe('median and percentile', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([10, 20, 30], 95)).toBe(30);
    expect(percentile([], 95)).toBeNaN();
  });
});

describe('pass/fail', () => {
  it('passes at or under the target and fails over it', () => {
    expect(evaluate(100, { max: 100, label: '≤ 100 ms' })).toBe('pass');
    expect(evaluate(100.1, { max: 100, label: '≤ 100 ms' })).toBe('FAIL');
    expect(evaluate(3, null)).toBe('n/a');
    expect(evaluate(NaN, { max: 1, label: '≤ 1' })).toBe('n/a');
  });

  it('allows 1 + ⌈k/50⌉ requests for k changed threads', () => {
    expect(changedThreadsTarget(10).max).toBe(2);
    expect(changedThreadsTarget(50).max).toBe(2);
    expect(changedThreadsTarget(60).max).toBe(3);
    expect(changedThreadsTarget(120)).toEqual({ max: 4, label: '≤ 4' });
  });

  it('states the ratio as baseline ÷ figure', () => {
    expect(ratio(20, 400)).toBe(20);
    expect(ratio(0, 400)).toBeNaN();
  });
});

describe('the table', () => {
  it('has one padded row per figure with median, baseline, ratio, target and verdict', () => {
    const table = formatTable([
      {
        figure: 'open → rows',
        value: 42.25,
        unit: 'ms',
        baseline: { value: 420.5, label: 'network-first' },
        target: { max: 100, label: '≤ 100 ms' },
      },
      { figure: 'calls', value: 2, unit: '', baseline: null, target: { max: 1, label: '≤ 1' }, digits: 0 },
    ]);
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| figure +\| median +\| baseline +\| ratio +\| target +\| pass\/fail \|$/);
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \|$/);
    expect(lines[2]).toContain('| 42.3 ms ');
    expect(lines[2]).toContain('| 420.5 ms (network-first) |');
    expect(lines[2]).toContain('| 10.0× ');
    expect(lines[2]).toContain('| pass ');
    expect(lines[3]).toContain('| 2 ');
    expect(lines[3]).toContain('| FAIL ');
    // Every line is as wide as the header.
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

describe('JS shipped per entrypoint', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('follows the page scripts, modulepreloads and static imports, not dynamic ones', () => {
    root = mkdtempSync(join(tmpdir(), 'bench-harness-'));
    mkdirSync(join(root, 'chunks'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'sidepanel.html'),
      '<html><head><script type="module" crossorigin src="/chunks/sidepanel-abc.js"></script>' +
        '<link rel="modulepreload" crossorigin href="/chunks/preact-1.js"><link rel="stylesheet" href="/assets/x.css"></head></html>',
    );
    writeFileSync(
      join(root, 'chunks/sidepanel-abc.js'),
      'import{a as b}from"./shared-2.js";import"./side.js";const l=()=>import("./lazy-3.js");',
    );
    writeFileSync(join(root, 'chunks/preact-1.js'), 'export const h=1;');
    writeFileSync(join(root, 'chunks/shared-2.js'), 'export*from"./preact-1.js";export const a=2;');
    writeFileSync(join(root, 'chunks/side.js'), 'console.log(1)');
    writeFileSync(join(root, 'chunks/lazy-3.js'), 'export default 3;');
    writeFileSync(join(root, 'background.js'), 'var x=' + '"a"'.repeat(500) + ';');

    expect(entrypointChunks(root, 'sidepanel.html')).toEqual([
      'chunks/preact-1.js',
      'chunks/shared-2.js',
      'chunks/side.js',
      'chunks/sidepanel-abc.js',
    ]);
    expect(entrypointChunks(root, 'background.js')).toEqual(['background.js']);

    const bg = entrypointGzipSize(root, 'background.js');
    expect(bg.raw).toBe(7 + 1500);
    expect(bg.bytes).toBe(gzipSync('var x=' + '"a"'.repeat(500) + ';', { level: 9 }).length);
    expect(bg.bytes).toBeLessThan(bg.raw);

    const panel = entrypointGzipSize(root, 'sidepanel.html');
    expect(panel.files).toHaveLength(4);
    expect(panel.bytes).toBeGreaterThan(0);
  });

  it('ignores missing files', () => {
    root = mkdtempSync(join(tmpdir(), 'bench-harness-'));
    writeFileSync(join(root, 'popup.html'), '<script type="module" src="./popup.js"></script>');
    expect(entrypointChunks(root, 'popup.html')).toEqual([]);
  });
});

describe('request counting', () => {
  const pages = { '111': 'lumencoffee', '222': 'ateliernord', '333': 'quietstudio' };

  it('counts Graph calls per account, batch parts included, and round trips', () => {
    const log: LoggedRequest[] = [
      { method: 'GET', path: '/__admin/requests', status: 200 },
      { method: 'GET', path: '/v24.0/dialog/oauth', status: 200 },
      { method: 'GET', path: '/v24.0/111/conversations', status: 200, pageId: '111', batch: true },
      { method: 'GET', path: '/v24.0/222/conversations', status: 200, pageId: '222', batch: true },
      { method: 'POST', path: '/v24.0/', status: 200, pageId: '111' },
      { method: 'GET', path: '/v24.0/111/conversations', status: 200, pageId: '111' },
      { method: 'GET', path: '/v24.0/111/conversations', status: 400, pageId: '111' },
      { method: 'GET', path: '/v24.0/me/accounts', status: 200 },
    ];
    expect(countRequests(log, pages)).toEqual({
      perAccount: { lumencoffee: 3, ateliernord: 1, quietstudio: 0 },
      roundTrips: 4,
      unattributed: 1,
    });
  });

  it('is zero for an empty log', () => {
    expect(countRequests([], pages)).toEqual({
      perAccount: { lumencoffee: 0, ateliernord: 0, quietstudio: 0 },
      roundTrips: 0,
      unattributed: 0,
    });
  });
});
