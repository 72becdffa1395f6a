/**
 * What the parts of the login service share: its dependencies, the clock, the errors a caller
 * sees, and one serialised way to change the stored tokens (read, change, write, one at a time).
 */
import type { MetaEndpoints } from '../config';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import type { StoredTokens, TokenStore } from './token-store';

/**
 * What disconnecting did at Meta: `not-needed` while other accounts stay connected; `revoked` when
 * the last account went and Meta withdrew DM Desk's access; `failed` when that could not be done
 * (no working login), so the person has to remove the app at Meta themselves.
 */
export type RevokeOutcome = 'not-needed' | 'revoked' | 'failed';

export interface DisconnectResult {
  revoke: RevokeOutcome;
}

/** Pauses an account's sync while its data is deleted (implemented by the sync service). */
export interface SyncControl {
  /** No new run starts for the account; resolves once a run under way (and its follow-up) ended. */
  stop(accountId: string): Promise<void>;
  /** Lets the account sync again. */
  resume(accountId: string): void;
}

export interface AuthDeps {
  client: GraphClient;
  endpoints: () => Promise<MetaEndpoints>;
  launch: (url: string, interactive: boolean) => Promise<string | undefined>;
  redirectUrl: () => string;
  tokens: TokenStore;
  onAccountsChanged: () => void;
  /** Disconnect stops the account's sync through this before deleting its data. */
  syncControl?: SyncControl;
  now?: () => number;
}

export type PageToken = { pageId: string; token: string };

export const isAuthFailure = (e: unknown): boolean => e instanceof GraphError && e.kind === 'auth';

export const notConnected = (): DeskError => new DeskError('auth', t('auth.notConnected'));
export const loginExpired = (): DeskError => new DeskError('auth', t('auth.loginExpired'));

export class AuthContext {
  /** Token-store changes (read, change, write), one at a time. */
  private writes: Promise<void> = Promise.resolve();

  constructor(readonly deps: AuthDeps) {}

  now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Reads, changes and writes the token store, one change at a time. */
  update(change: (tokens: StoredTokens) => void): Promise<void> {
    const next = this.writes.then(async () => {
      const tokens = await this.deps.tokens.get();
      change(tokens);
      await this.deps.tokens.set(tokens);
    });
    // The caller of this change sees its failure; the chain only has to go on for the next one.
    this.writes = next.catch((e: unknown) => logDiagnostic('auth', 'Could not store the login state', e));
    return next;
  }
}
