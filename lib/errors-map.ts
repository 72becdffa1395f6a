import { DeskError, type DeskErrorKind } from './errors';
import { GraphError, type GraphErrorKind, describeGraphErrorKind } from './graph/errors';

const FROM_GRAPH: Record<GraphErrorKind, DeskErrorKind> = {
  auth: 'auth',
  permission: 'permission',
  'messaging-disabled': 'messaging-disabled',
  'rate-limit': 'rate-limit',
  'window-closed': 'window-closed',
  'recipient-unavailable': 'recipient-unavailable',
  'too-much-data': 'failed',
  transient: 'failed',
  'invalid-request': 'invalid-request',
  deleted: 'not-found',
  network: 'network',
  malformed: 'failed',
  unknown: 'failed',
};

/** Any failure, as something a person can read. Unknown errors never leak their text. */
export function toDeskError(e: unknown): DeskError {
  if (e instanceof DeskError) return e;
  if (e instanceof GraphError) return new DeskError(FROM_GRAPH[e.kind], e.message);
  return new DeskError('failed', describeGraphErrorKind('unknown'));
}
