/**
 * Tokens, kept in the background's storage only. No request, notice, log line or error message
 * ever carries one to a UI page. The same item remembers which accounts the person disconnected
 * and when a silent re-login was last tried for each account, so both survive a worker restart.
 */
import { storage } from '../storage';

/** The last silent re-login tried because of one account. */
export interface ReauthAttempt {
  at: number;
  /** The account still could not be reached with the token that login gave (or the login failed). */
  failed: boolean;
}

export interface StoredTokens {
  user: { token: string; expiresAt: number | null } | null;
  /** Page token per Instagram account id. */
  pages: Record<string, { pageId: string; token: string }>;
  /**
   * Accounts the person disconnected, and when. A silent re-login never brings one back; only
   * an interactive Connect does (and then it leaves this list).
   */
  disconnected?: Record<string, number>;
  /** Silent re-login attempts per account id, for backing off. */
  reauth?: Record<string, ReauthAttempt>;
}

const tokensItem = /* @__PURE__ */ storage.defineItem<StoredTokens>('local:auth.tokens', { fallback: { user: null, pages: {} } });

export interface TokenStore {
  get(): Promise<StoredTokens>;
  set(tokens: StoredTokens): Promise<void>;
}

export const tokenStore: TokenStore = {
  get: () => tokensItem.getValue(),
  set: (tokens) => tokensItem.setValue(tokens),
};

export function memoryTokenStore(initial: StoredTokens = { user: null, pages: {} }): TokenStore {
  let value = structuredClone(initial);
  return {
    get: async () => structuredClone(value),
    set: async (tokens) => {
      value = structuredClone(tokens);
    },
  };
}
