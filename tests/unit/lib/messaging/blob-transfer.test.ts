import { describe, expect, it } from 'vitest';
import { DeskError } from '@/lib/errors';
import { decodeBlob, encodeBlob, type EncodedBlob } from '@/lib/messaging/blob-transfer';

const PNG = ['image/png'];

/** Every byte value, more than one encoding chunk's worth, in an order that shows a shift. */
function sampleBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  return bytes;
}

/** The first index where two byte arrays differ, or -1 (a deep toEqual is slow on 100 kB). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return i;
  return -1;
}

/** What the browser does to a request on its way: JSON and back. */
const overTheWire = (encoded: EncodedBlob): unknown => JSON.parse(JSON.stringify(encoded));

async function refusal(payload: unknown, limits = { maxBytes: 1000, types: PNG }): Promise<DeskError> {
  try {
    decodeBlob(payload, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(DeskError);
    return e as DeskError;
  }
  throw new Error('the payload was accepted');
}

describe('blob transfer', () => {
  it('keeps every byte and the type through JSON, for sizes around base64’s padding and its chunking', async () => {
    for (const length of [0, 1, 2, 3, 4, 0x8000 - 1, 0x8000, 0x8000 + 1, 100_000]) {
      const bytes = sampleBytes(length);
      const encoded = await encodeBlob(new Blob([bytes], { type: 'image/png' }));
      expect(encoded.size).toBe(length);
      const blob = decodeBlob(overTheWire(encoded), { maxBytes: 200_000, types: PNG });
      expect(blob.type).toBe('image/png');
      expect(blob.size).toBe(length);
      expect(firstDifference(new Uint8Array(await blob.arrayBuffer()), bytes)).toBe(-1);
    }
  });

  it('carries a File picked by a person (a Blob with a name)', async () => {
    const file = new File([sampleBytes(10)], 'photo.png', { type: 'image/png' });
    const blob = decodeBlob(overTheWire(await encodeBlob(file)), { maxBytes: 100, types: PNG });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(sampleBytes(10));
  });

  it('refuses a payload that is missing or not an object', async () => {
    for (const payload of [undefined, null, 'aGVsbG8=', 42, []]) {
      const e = await refusal(payload);
      expect(e.kind).toBe('invalid-request');
      expect(e.message).toMatch(/could not keep the image/i);
    }
  });

  it('refuses a type it was not asked to accept, or a malformed one', async () => {
    const base64 = btoa('abc');
    expect((await refusal({ type: 'text/html', size: 3, base64 })).message).toContain('text/html');
    expect((await refusal({ type: 'image/svg+xml', size: 3, base64 })).message).toMatch(/not accepted/);
    for (const type of ['', 'png', 'image/png; charset=<script>', 'image/png\nx', 42]) {
      expect((await refusal({ type, size: 3, base64 })).message).toMatch(/type/);
    }
  });

  it('refuses what is larger than its limit before decoding it', async () => {
    const big = btoa('x'.repeat(1001));
    expect((await refusal({ type: 'image/png', size: 1001, base64: big })).message).toMatch(/larger than 1000 bytes/);
    // A size that lies about a larger content is refused too.
    expect((await refusal({ type: 'image/png', size: 10, base64: big })).message).toMatch(/does not match its size/);
  });

  it('refuses content that is not base64, or cut off', async () => {
    for (const base64 of ['abc', '<img src=x onerror=alert(1)>', 'aGVs bG8=', 'aGVsbG8===', 'a=bc', 42, null]) {
      expect((await refusal({ type: 'image/png', size: 5, base64 })).message).toMatch(/base64|size/);
    }
    const whole = btoa('hello world!');
    expect((await refusal({ type: 'image/png', size: 12, base64: whole.slice(0, 8) })).message).toMatch(/does not match its size/);
  });

  it('refuses a size that is not a whole, non-negative number', async () => {
    for (const size of [-1, 1.5, Number.NaN, '3', null]) {
      expect((await refusal({ type: 'image/png', size, base64: btoa('abc') })).message).toMatch(/size/);
    }
  });
});
