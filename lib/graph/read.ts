/** Small, strict readers for untrusted JSON. They never throw on bad shapes; callers decide. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown, key: string): JsonObject | null {
  if (!isObject(value)) return null;
  const v = value[key];
  return isObject(v) ? v : null;
}

export function str(value: unknown, key: string): string | null {
  if (!isObject(value)) return null;
  const v = value[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function num(value: unknown, key: string): number | null {
  if (!isObject(value)) return null;
  const v = value[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function bool(value: unknown, key: string): boolean {
  return isObject(value) && value[key] === true;
}

export function arr(value: unknown, key: string): Json[] {
  if (!isObject(value)) return [];
  const v = value[key];
  return Array.isArray(v) ? v : [];
}

/** The `data` array of a Graph edge (`{data:[...]}`), whether nested under `key` or not. */
export function edgeData(value: unknown, key?: string): Json[] {
  const container = key === undefined ? value : obj(value, key);
  return arr(container, 'data');
}

/**
 * Graph dates look like `2026-11-21T10:00:00+0000`. Returns epoch ms, or null when unreadable.
 */
export function graphTime(value: unknown, key: string): number | null {
  const s = str(value, key);
  if (s === null) return null;
  const normalised = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(normalised);
  return Number.isFinite(t) ? t : null;
}

/** Only http(s) URLs survive; anything else (javascript:, data:, garbage) becomes null. */
export function httpUrl(value: unknown, key: string): string | null {
  const s = str(value, key);
  return safeHttpUrl(s);
}

export function safeHttpUrl(s: string | null | undefined): string | null {
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    // Not a URL at all: dropped like any other unsafe link (the caller shows none).
    return null;
  }
}
