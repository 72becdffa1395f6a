// Minimal multipart/form-data parser (boundary from the Content-Type header) and body decoding.
import type { FilePart } from './context';
import type { Json } from './util';

export interface ParsedBody {
  fields: Map<string, string | Json>;
  files: FilePart[];
}

/** Split `multipart/form-data; boundary=...` bodies into text fields and file parts. */
export function parseMultipart(body: Buffer, contentType: string): ParsedBody | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return null;
  const delim = Buffer.from(`--${boundary.trim()}`);
  const out: ParsedBody = { fields: new Map(), files: [] };
  let pos = body.indexOf(delim);
  if (pos < 0) return null;
  for (;;) {
    pos += delim.length;
    // `--` after a delimiter marks the end.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const next = body.indexOf(delim, pos);
    if (next < 0) return null;
    // The part ends with CRLF before the next delimiter.
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    const part = body.subarray(pos, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) return null;
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const data = part.subarray(headerEnd + 4);
    const disp = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disp)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disp)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
    if (name !== undefined) {
      if (filename !== undefined || (type && !type.startsWith('text/plain'))) {
        out.files.push({ name, filename, contentType: type ?? 'application/octet-stream', data: Buffer.from(data) });
      } else {
        out.fields.set(name, data.toString('utf8'));
      }
    }
    pos = next;
  }
  return out;
}

/** Decode a request body by content type (JSON, urlencoded or multipart). */
export function parseBody(body: Buffer, contentType: string | undefined): ParsedBody {
  const ct = (contentType ?? '').toLowerCase();
  const empty: ParsedBody = { fields: new Map(), files: [] };
  if (body.length === 0) return empty;
  if (ct.startsWith('multipart/form-data')) return parseMultipart(body, contentType ?? '') ?? empty;
  if (ct.includes('json')) {
    try {
      const v = JSON.parse(body.toString('utf8')) as Json;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return { fields: new Map(Object.entries(v)), files: [] };
      }
    } catch {
      // A body that is not JSON carries no fields; the handler then answers for what is missing.
      return empty;
    }
    return empty;
  }
  // Default: application/x-www-form-urlencoded (Graph accepts this without a content type too).
  return { fields: new Map(new URLSearchParams(body.toString('utf8'))), files: [] };
}
