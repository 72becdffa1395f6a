/**
 * Deep links: every conversation has an address, `sidepanel.html#/account/<id>/conversation/<id>`,
 * that opens it directly. Shared by the side panel (reads and writes its address) and the
 * background (a notification's click opens one).
 */
export interface Route {
  accountId: string | null;
  conversationId: string | null;
}

/** An address typed or pasted by hand may not decode: such a part selects nothing. */
function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodePart);
  const route: Route = { accountId: null, conversationId: null };
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if (parts[i] === 'account') route.accountId = parts[i + 1] || null;
    if (parts[i] === 'conversation') route.conversationId = parts[i + 1] || null;
  }
  return route;
}

export function formatRoute(route: Route): string {
  if (!route.accountId) return '#/';
  const account = `#/account/${encodeURIComponent(route.accountId)}`;
  return route.conversationId ? `${account}/conversation/${encodeURIComponent(route.conversationId)}` : account;
}
