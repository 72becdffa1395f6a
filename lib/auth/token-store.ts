/**
 * Tokens, kept in the background's storage only. No request, notice, log line or error message
 * ever carries one to a UI page.
 */
import { storage } from 'wxt/utils/storage';

export interface StoredTokens {
  user: { token: string; expiresAt: number | null } | null;
  /** Page token per Instagram account id. */
  pages: Record<string, { pageId: string; token: string }>;
}

const tokensItem = storage.defineItem<StoredTokens>('local:auth.tokens', { fallback: { user: null, pages: {} } });

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
