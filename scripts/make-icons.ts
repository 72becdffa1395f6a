/**
 * Draws DM Desk's toolbar icon (a speech bubble on a rounded blue square) at every size the
 * stores and browsers ask for, into public/icon/. Run once after changing the design:
 * `npx tsx scripts/make-icons.ts`. Pure Node (zlib), so no image tool is needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const SUPERSAMPLE = 4;

type Rgba = [number, number, number, number];
const BLUE: Rgba = [37, 99, 235, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function inRoundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inBubble(x: number, y: number): boolean {
  const inEllipse = ((x - 0.5) / 0.3) ** 2 + ((y - 0.46) / 0.24) ** 2 <= 1;
  // Tail: a triangle under the bubble's lower left.
  const inTail = y >= 0.6 && y <= 0.8 && x >= 0.3 && x <= 0.46 && x - 0.3 <= (0.8 - y) * 0.8;
  return inEllipse || inTail;
}

function pixel(x: number, y: number): Rgba {
  if (!inRoundedSquare(x, y, 0.22)) return [0, 0, 0, 0];
  return inBubble(x, y) ? WHITE : BLUE;
}

function render(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [r, g, b, a] = pixel((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          acc[0]! += r * a;
          acc[1]! += g * a;
          acc[2]! += b * a;
          acc[3]! += a;
        }
      }
      const alpha = acc[3]! / SUPERSAMPLE ** 2;
      const o = 1 + px * 4;
      row[o] = acc[3] ? Math.round(acc[0]! / acc[3]!) : 0;
      row[o + 1] = acc[3] ? Math.round(acc[1]! / acc[3]!) : 0;
      row[o + 2] = acc[3] ? Math.round(acc[2]! / acc[3]!) : 0;
      row[o + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = path.resolve('public/icon');
fs.mkdirSync(dir, { recursive: true });
for (const size of SIZES) fs.writeFileSync(path.join(dir, `${size}.png`), render(size));
console.log(`Wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to ${dir}`);
