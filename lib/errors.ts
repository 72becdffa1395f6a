/**
 * A failure a person reads. `kind` lets the UI choose the way forward (retry, reconnect, settings);
 * `message` is plain text that never contains a token or raw server output.
 */
export type DeskErrorKind =
  | 'not-configured'
  | 'access-denied'
  | 'auth-failed'
  | 'auth'
  | 'permission'
  | 'messaging-disabled'
  | 'rate-limit'
  | 'window-closed'
  | 'recipient-unavailable'
  | 'network'
  | 'invalid-request'
  | 'not-found'
  | 'failed';

export class DeskError extends Error {
  override readonly name = 'DeskError';
  constructor(
    readonly kind: DeskErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export function isDeskError(e: unknown): e is DeskError {
  return e instanceof DeskError;
}
