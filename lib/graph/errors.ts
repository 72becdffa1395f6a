/**
 * Every failure of a Graph call becomes a GraphError whose `kind` says what the app should do.
 * Classification uses `code` / `error_subcode` only: Meta localises the message text.
 */
import { t } from '../i18n';

export type GraphErrorKind =
  /** The token is invalid or expired (190): re-authenticate. */
  | 'auth'
  /** A permission is missing for this account (10, 200 without a more specific subcode). */
  | 'permission'
  /** The owner switched off "Allow access to messages" in the Instagram app (200/2534041). */
  | 'messaging-disabled'
  /** Too many calls (4, 17, 32, 613, 80002, 80006): back off. */
  | 'rate-limit'
  /** The reply window is closed (10/2534022 and Messenger variants). */
  | 'window-closed'
  /** The recipient cannot receive messages (551, 10/2018108, 200/1545041). */
  | 'recipient-unavailable'
  /** Meta asks for less data in one call (1 "reduce the amount of data"). */
  | 'too-much-data'
  /** Temporary failure on Meta's side (2, 5xx): retry later. */
  | 'transient'
  /** The request was refused as invalid (100 and friends). */
  | 'invalid-request'
  /** The message no longer exists (9000001). */
  | 'deleted'
  /** The network failed before Meta answered. */
  | 'network'
  /** Meta answered something we could not read. */
  | 'malformed'
  | 'unknown';

export interface GraphErrorInit {
  kind: GraphErrorKind;
  message: string;
  code?: number | null;
  subcode?: number | null;
  httpStatus?: number | null;
  /** For rate limits: how long Meta asks us to wait. */
  retryAfterMs?: number | null;
}

export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly kind: GraphErrorKind;
  readonly code: number | null;
  readonly subcode: number | null;
  readonly httpStatus: number | null;
  readonly retryAfterMs: number | null;

  constructor(init: GraphErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.code = init.code ?? null;
    this.subcode = init.subcode ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80002, 80006]);
const WINDOW_CLOSED_SUBCODES = new Set([2534022, 2018278, 2018065]);

export function classifyGraphError(code: number | null, subcode: number | null, httpStatus: number | null): GraphErrorKind {
  if (code === 190 || code === 102 || code === 463 || code === 467) return 'auth';
  if (code !== null && RATE_LIMIT_CODES.has(code)) return 'rate-limit';
  if (code === 10 && subcode !== null && WINDOW_CLOSED_SUBCODES.has(subcode)) return 'window-closed';
  if (code === 10 && subcode === 2018108) return 'recipient-unavailable';
  if (code === 200 && subcode === 2534041) return 'messaging-disabled';
  if ((code === 200 || code === 551) && subcode === 1545041) return 'recipient-unavailable';
  if (code === 551) return 'recipient-unavailable';
  if (code === 10 || code === 200 || code === 3 || (code !== null && code >= 200 && code < 300)) return 'permission';
  if (code === 9000001) return 'deleted';
  if (code === 1 && subcode === 1357046) return 'transient';
  if (code === 1) return 'too-much-data';
  if (code === 2) return 'transient';
  if (code === 100) return 'invalid-request';
  if (httpStatus !== null && httpStatus >= 500) return 'transient';
  return 'unknown';
}

/** Default wording a person can act on, in the browser's language; callers may replace it with something more specific. */
export function describeGraphErrorKind(kind: GraphErrorKind): string {
  switch (kind) {
    case 'auth':
      return t('errors.graphAuth');
    case 'permission':
      return t('errors.graphPermission');
    case 'messaging-disabled':
      return t('errors.graphMessagingDisabled');
    case 'rate-limit':
      return t('errors.graphRateLimit');
    case 'window-closed':
      return t('errors.graphWindowClosed');
    case 'recipient-unavailable':
      return t('errors.graphRecipientUnavailable');
    case 'too-much-data':
      return t('errors.graphTooMuchData');
    case 'transient':
      return t('errors.graphTransient');
    case 'invalid-request':
      return t('errors.graphInvalidRequest');
    case 'deleted':
      return t('errors.graphDeleted');
    case 'network':
      return t('errors.graphNetwork');
    case 'malformed':
      return t('errors.graphMalformed');
    case 'unknown':
      return t('errors.graphUnknown');
  }
}
