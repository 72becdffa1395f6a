/**
 * The pure parts of `npm run bench`: statistics, the result table, gzip sizes of a build's
 * entrypoints, request counting from the emulator's log and pass/fail. Unit-tested in
 * tests/unit/scripts/bench-harness.test.ts; run.ts does the measuring.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Median of a sample (mean of the two middle values for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100): the smallest value with at least p% of the sample at or below it. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
}

/** A target as the issue states it: the measured value must be at most `max`. */
export interface Target {
  max: number;
  /** How the target reads in the table, e.g. "≤ 100 ms". */
  label: string;
}

export type Verdict = 'pass' | 'FAIL' | 'n/a';

export function evaluate(value: number, target: Target | null): Verdict {
  if (!target || !Number.isFinite(value)) return 'n/a';
  return value <= target.max + 1e-9 ? 'pass' : 'FAIL';
}

/** ≤ 1 + ⌈k/50⌉ requests when k threads changed (one page of 50 per changed block, plus the stop page). */
export function changedThreadsTarget(k: number): Target {
  const max = 1 + Math.ceil(k / 50);
  return { max, label: `≤ ${max}` };
}

export interface Row {
  figure: string;
  /** The figure: the median over the runs. */
  value: number;
  unit: string;
  /** What it is compared with, measured in the same run (null: an absolute target only). */
  baseline: { value: number; label: string } | null;
  target: Target | null;
  /** Decimal places for value and baseline. */
  digits?: number;
}

export function formatNumber(x: number, unit: string, digits = 1): string {
  if (!Number.isFinite(x)) return 'n/a';
  const n = x.toFixed(digits);
  return unit ? `${n} ${unit}` : n;
}

/** baseline ÷ value: how many times better the figure is than its baseline. */
export function ratio(value: number, baseline: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || value <= 0) return NaN;
  return baseline / value;
}

/** One Markdown table: figure, median, baseline, ratio, target, pass/fail. Columns are padded. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'median', 'baseline', 'ratio', 'target', 'pass/fail'];
  const lines = rows.map((r) => {
    const digits = r.digits ?? 1;
    const base = r.baseline ? `${formatNumber(r.baseline.value, r.unit, digits)} (${r.baseline.label})` : '—';
    const x = r.baseline ? ratio(r.value, r.baseline.value) : NaN;
    return [
      r.figure,
      formatNumber(r.value, r.unit, digits),
      base,
      Number.isFinite(x) ? `${x.toFixed(x >= 10 ? 0 : 1)}×` : '—',
      r.target?.label ?? '—',
      evaluate(r.value, r.target),
    ];
  });
  return markdownTable(header, lines);
}

/** A Markdown table with its columns padded to their widest cell; ends with a newline. */
export function markdownTable(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n') + '\n';
}

/** The value after `--name` on the command line, or `fallback`. */
export function cliOption(name: string, fallback: string, argv: readonly string[] = process.argv): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
}

/** The archive sizes the bench seeds: `--size 10k` (the default) or `--size 100k`. */
export interface BenchSize {
  name: '10k' | '100k';
  conversations: number;
  messagesPerConversation: number;
}

export const BENCH_SIZES: Readonly<Record<BenchSize['name'], BenchSize>> = {
  '10k': { name: '10k', conversations: 10_000, messagesPerConversation: 10 },
  '100k': { name: '100k', conversations: 100_000, messagesPerConversation: 10 },
};

/** The size named on the command line; anything else is an error that lists the sizes there are. */
export function benchSize(name: string): BenchSize {
  const size = (BENCH_SIZES as Record<string, BenchSize | undefined>)[name.toLowerCase()];
  if (!size) throw new Error(`unknown --size ${name}: use ${Object.keys(BENCH_SIZES).join(' or ')}`);
  return size;
}

/** "100,000 conversations × 10 messages (1,000,000 messages)": how a table says which size it is. */
export function describeSize(size: BenchSize): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(size.conversations)} conversations × ${size.messagesPerConversation} messages (${n(size.conversations * size.messagesPerConversation)} messages)`;
}

// ---------------------------------------------------------------------------------------------
// JS shipped per entrypoint

/** Static imports and re-exports in a built ES module (not `import()`: that loads on demand). */
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
const HTML_SCRIPT = /<script\b[^>]*\bsrc=["']([^"']+\.js)["']/g;
const HTML_PRELOAD =
  /<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+\.js)["']|<link\b[^>]*\bhref=["']([^"']+\.js)["'][^>]*\brel=["']modulepreload["']/g;

/** Resolves a URL from a built file to a path relative to the build root ('/x.js' is root-relative). */
function resolveFrom(root: string, fromFile: string, url: string): string {
  if (url.startsWith('/')) return posix.normalize(url.slice(1));
  return posix.normalize(posix.join(posix.dirname(relative(root, fromFile).split('\\').join('/')), url));
}

/**
 * Every JS file an entrypoint loads before it runs: the page's `<script src>` and modulepreloads,
 * or a JS entry itself (background.js), then their static imports, transitively.
 */
export function entrypointChunks(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (rel: string) => {
    if (!seen.has(rel) && existsSync(join(root, rel))) {
      seen.add(rel);
      queue.push(rel);
    }
  };
  if (entry.endsWith('.html')) {
    const html = readFileSync(join(root, entry), 'utf8');
    for (const re of [HTML_SCRIPT, HTML_PRELOAD]) {
      for (const m of html.matchAll(re)) add(resolveFrom(root, join(root, entry), (m[1] ?? m[2])!));
    }
  } else {
    add(entry);
  }
  while (queue.length > 0) {
    const rel = queue.shift()!;
    const file = join(root, rel);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) {
      if (m[1]!.startsWith('http')) continue;
      add(resolveFrom(root, file, m[1]!));
    }
  }
  return [...seen].sort();
}

export function gzipBytes(data: string | Buffer): number {
  return gzipSync(data, { level: 9 }).length;
}

/** Sum of each chunk gzipped on its own (as served), in bytes, with the chunk list. */
export function entrypointGzipSize(root: string, entry: string): { bytes: number; raw: number; files: string[] } {
  const files = entrypointChunks(root, entry);
  let bytes = 0;
  let raw = 0;
  for (const f of files) {
    const data = readFileSync(join(root, f));
    raw += data.length;
    bytes += gzipBytes(data);
  }
  return { bytes, raw, files };
}

// ---------------------------------------------------------------------------------------------
// Requests, from the emulator's log (GET /__admin/requests)

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  pageId?: string;
  /** A part of a Graph batch request (the batch itself is logged too, as `POST /v24.0/`). */
  batch?: boolean;
}

export interface RequestCount {
  /** Graph calls per account (batch parts count toward their own account, like Meta counts them). */
  perAccount: Record<string, number>;
  /** HTTP round trips to the Graph API (a batch is one). */
  roundTrips: number;
  /** Graph calls that no account could be named for (no Page token). */
  unattributed: number;
}

const isAdminOrDialog = (path: string) => path.startsWith('/__admin') || /\/dialog\/oauth/.test(path);
const isBatchContainer = (r: LoggedRequest) => !r.batch && r.method === 'POST' && /^\/v\d+\.\d+\/?$/.test(r.path);

/**
 * Counts Graph requests in a log. `accountOfPage` maps Page ids to account names; every account
 * listed there appears in the result, with 0 when it made no call.
 */
export function countRequests(log: readonly LoggedRequest[], accountOfPage: Readonly<Record<string, string>>): RequestCount {
  const perAccount: Record<string, number> = {};
  for (const name of Object.values(accountOfPage)) perAccount[name] = 0;
  let roundTrips = 0;
  let unattributed = 0;
  for (const r of log) {
    if (isAdminOrDialog(r.path)) continue;
    if (!r.batch) roundTrips++;
    if (isBatchContainer(r)) continue;
    const account = r.pageId ? accountOfPage[r.pageId] : undefined;
    if (account === undefined) unattributed++;
    else perAccount[account] = (perAccount[account] ?? 0) + 1;
  }
  return { perAccount, roundTrips, unattributed };
}
