// Tiny valid media files generated in code (no binary fixtures).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { mp4 } from './video';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Colour derived from a string, so each avatar/media id has its own stable colour. */
export function colorFor(key: string): [number, number, number] {
  const h = createHash('sha1').update(key).digest();
  return [64 + ((h[0] ?? 0) % 160), 64 + ((h[1] ?? 0) % 160), 64 + ((h[2] ?? 0) % 160)];
}

/** A solid-colour PNG with a lighter diagonal band (so it is visibly an image). */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const band = Math.abs(x - y) < width / 8;
      const o = row + 1 + x * 3;
      raw[o] = band ? Math.min(255, rgb[0] + 60) : rgb[0];
      raw[o + 1] = band ? Math.min(255, rgb[1] + 60) : rgb[1];
      raw[o + 2] = band ? Math.min(255, rgb[2] + 60) : rgb[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A two-frame animated 1×1 GIF (colour alternates). */
export function gif(rgb: [number, number, number]): Buffer {
  const frame = (colourIndex: number): number[] => [
    0x21,
    0xf9,
    0x04,
    0x04,
    0x32,
    0x00,
    0x00,
    0x00, // graphic control: 0.5 s delay
    0x2c,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0x00, // image descriptor 1×1
    0x02,
    0x02,
    0x44 | (colourIndex << 3),
    0x01,
    0x00, // LZW min size 2: clear, index, end
  ];
  return Buffer.from([
    ...Buffer.from('GIF89a', 'ascii'),
    1,
    0,
    1,
    0,
    0xf1,
    0,
    0, // 1×1, global colour table of 4
    rgb[0],
    rgb[1],
    rgb[2],
    255,
    255,
    255,
    0,
    0,
    0,
    0,
    0,
    0,
    0x21,
    0xff,
    0x0b,
    ...Buffer.from('NETSCAPE2.0', 'ascii'),
    0x03,
    0x01,
    0x00,
    0x00,
    0x00, // loop forever
    ...frame(0),
    ...frame(1),
    0x3b,
  ]);
}

/** 0.5 s of a quiet 440 Hz tone, 8 kHz mono 8-bit PCM WAV. */
export function wav(): Buffer {
  const rate = 8000;
  const n = rate / 2;
  const data = Buffer.alloc(n);
  for (let i = 0; i < n; i++) data[i] = 128 + Math.round(20 * Math.sin((2 * Math.PI * 440 * i) / rate));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + n, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(n, 40);
  return Buffer.concat([h, data]);
}

/** A minimal one-page PDF with correct xref offsets. */
export function pdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface MediaFile {
  type: string;
  body: Buffer;
}

const cache = new Map<string, MediaFile>();

/** Media for `/cdn/media/<id>.<ext>` and `/cdn/avatar/<id>.png` style names. */
export function mediaFor(key: string, ext: string, preview: boolean): MediaFile | null {
  const cacheKey = `${key}.${ext}.${preview ? 'p' : ''}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const rgb = colorFor(key);
  let file: MediaFile | null = null;
  if (ext === 'png' || ext === 'jpg') file = { type: 'image/png', body: png(preview ? 32 : 96, preview ? 40 : 120, rgb) };
  else if (ext === 'gif') file = { type: 'image/gif', body: gif(rgb) };
  else if (ext === 'wav') file = { type: 'audio/wav', body: wav() };
  else if (ext === 'pdf') file = { type: 'application/pdf', body: pdf(`Wholesale order ${key}`) };
  else if (ext === 'mp4') file = { type: 'video/mp4', body: mp4(rgb) };
  if (file) {
    if (cache.size > 2000) cache.clear();
    cache.set(cacheKey, file);
  }
  return file;
}

/**
 * Media behind an address that does not say what it is, like Meta's messaging CDN
 * (`lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=…`): `/cdn/messaging/v<id>` is a video,
 * `/cdn/messaging/i<id>` an image. A client learns which only by loading it.
 */
export function messagingAssetFor(asset: string): MediaFile | null {
  if (asset.startsWith('v')) return mediaFor(`messaging${asset}`, 'mp4', false);
  if (asset.startsWith('i')) return mediaFor(`messaging${asset}`, 'png', false);
  return null;
}
