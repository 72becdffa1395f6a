/**
 * Carrying a Blob (an image picked for a reply) from a page to the background in a request.
 *
 * Chrome's extension messaging serializes every message as JSON, so a Blob cannot travel as is:
 * the page sends its bytes as base64 with its type, and the background makes a Blob of them again.
 * Base64 adds a third, and Chrome refuses a message over 64 MiB; the largest image a reply may
 * carry (lib/policy/attachments.ts) stays far below that.
 *
 * The background does not trust what a page sends: `decodeBlob` refuses anything malformed,
 * of a type it was not asked to accept, or larger than its limit, before decoding a byte.
 */
import { DeskError } from '../errors';
import { t } from '../i18n';

/** A Blob as it travels in a JSON message. */
export interface EncodedBlob {
  /** The MIME type, e.g. "image/png". */
  type: string;
  /** How many bytes `base64` decodes to (checked on arrival: a cut-off message is refused). */
  size: number;
  /** The bytes, in standard base64 with padding. */
  base64: string;
}

export interface DecodeLimits {
  /** The most bytes accepted. */
  maxBytes: number;
  /** The MIME types accepted; any well-formed type when absent. */
  types?: readonly string[];
}

/**
 * Bytes per String.fromCharCode call: well below any engine's argument limit, and the fastest
 * size measured (an 8 MB image encodes in about 0.1 s; 32 KiB chunks or spreading took several
 * times longer).
 */
const CHUNK = 0x2000;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The page side: a Blob (or File) as it can travel in a request. */
export async function encodeBlob(blob: Blob): Promise<EncodedBlob> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    // apply takes the typed array as it is (a spread would copy it into an array first).
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return { type: blob.type, size: bytes.length, base64: btoa(binary) };
}

/**
 * The background side: the Blob a page sent, or a DeskError ('invalid-request') saying in words
 * what was wrong with it. Nothing is decoded unless the whole payload is well formed and within
 * `limits`.
 */
export function decodeBlob(payload: unknown, limits: DecodeLimits): Blob {
  if (typeof payload !== 'object' || payload === null) throw refused(t('errors.imageMissing'));
  const { type, size, base64 } = payload as Record<string, unknown>;
  if (typeof type !== 'string' || !MIME_TYPE.test(type)) throw refused(t('errors.imageTypeMalformed'));
  if (limits.types && !limits.types.includes(type.toLowerCase())) throw refused(t('errors.imageTypeRefused', { type }));
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw refused(t('errors.imageSizeMalformed'));
  // The limit in plain digits, as the page's own size checks name it in bytes.
  if (size > limits.maxBytes) throw refused(t('errors.imageTooLarge', { bytes: String(limits.maxBytes) }));
  if (typeof base64 !== 'string' || base64.length % 4 !== 0 || !BASE64.test(base64)) throw refused(t('errors.imageNotBase64'));
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const length = (base64.length / 4) * 3 - padding;
  if (length !== size) throw refused(t('errors.imageCutOff'));
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: type.toLowerCase() });
}

/** A refusal in whole sentences ("DM Desk could not keep the image: … Attach it again."). */
function refused(message: string): DeskError {
  return new DeskError('invalid-request', message);
}
