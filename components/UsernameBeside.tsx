import type { ComponentChildren } from 'preact';

/**
 * The "@username" shown beside a contact's name in a row (nothing when the name already is the
 * username). `children` replaces the plain text, e.g. with the search terms marked.
 */
export function UsernameBeside({ username, children }: { username: string | null; children?: ComponentChildren }) {
  if (!username) return null;
  return (
    <>
      {' '}
      <span class="row-username">{children ?? username}</span>
    </>
  );
}
