import { Fragment, type ComponentChildren } from 'preact';

/**
 * A translated sentence with parts that are markup, not text: `message` comes from t() with its
 * `{slots}` left unfilled (the typed t() wants a value for each: pass the slot itself), and each
 * slot is replaced by the node of the same name. The sentence
 * keeps the word order of its language; text around the slots is rendered as text, never as HTML.
 *   <Words message={t('accounts.cantRead', { username: '{username}' })} parts={{ username: <strong>@{username}</strong> }} />
 */
export function Words({ message, parts }: { message: string; parts: Record<string, ComponentChildren> }) {
  const pieces = message.split(/\{([A-Za-z0-9_]+)\}/);
  return (
    <>
      {pieces.map((piece, i) =>
        i % 2 === 0 ? (
          piece
        ) : (
          <Fragment key={i}>{Object.prototype.hasOwnProperty.call(parts, piece) ? parts[piece] : `{${piece}}`}</Fragment>
        ),
      )}
    </>
  );
}
