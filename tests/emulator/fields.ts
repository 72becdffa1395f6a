// Graph API field-expansion parser: `a,b{c,d},e.limit(5){f,g{h}}` → tree.
import { Errors, GraphError } from './util';

export interface FieldNode {
  name: string;
  /** From `.limit(n)`; only meaningful on edges. */
  limit?: number;
  /** Sub-fields from `{...}`; undefined when none were given. */
  children?: FieldNode[];
}

function syntaxError(msg: string, pos: number, input: string): GraphError {
  return Errors.param(`Syntax error "${msg}" at character ${pos}: ${input}`);
}

/** Parse a `fields=` value. Throws a Graph error (code 100) on malformed input. */
export function parseFields(input: string): FieldNode[] {
  let pos = 0;
  const skipWs = (): void => {
    while (pos < input.length && /\s/.test(input[pos] ?? '')) pos++;
  };
  const peek = (): string | undefined => input[pos];

  const parseName = (): string => {
    skipWs();
    const m = /^[A-Za-z0-9_]+/.exec(input.slice(pos));
    if (!m) throw syntaxError(`Expected field name instead of "${peek() ?? 'end of string'}".`, pos, input);
    pos += m[0].length;
    return m[0];
  };

  const parseField = (): FieldNode => {
    const node: FieldNode = { name: parseName() };
    skipWs();
    while (peek() === '.') {
      pos++;
      const modifier = parseName();
      skipWs();
      if (peek() !== '(') throw syntaxError(`Expected "(" instead of "${peek() ?? 'end of string'}".`, pos, input);
      pos++;
      skipWs();
      const m = /^[^)]*/.exec(input.slice(pos));
      const arg = (m?.[0] ?? '').trim();
      pos += m?.[0].length ?? 0;
      if (peek() !== ')') throw syntaxError('Expected ")" instead of end of string.', pos, input);
      pos++;
      if (modifier === 'limit') {
        if (!/^\d+$/.test(arg)) throw Errors.param(`Invalid limit "${arg}" for field ${node.name}`);
        node.limit = Number(arg);
      } else if (modifier !== 'as' && modifier !== 'order' && modifier !== 'since' && modifier !== 'until') {
        throw syntaxError(`Unknown field modifier "${modifier}".`, pos, input);
      }
      skipWs();
    }
    if (peek() === '{') {
      pos++;
      node.children = parseList('}');
      if (peek() !== '}') throw syntaxError('Expected "}" instead of end of string.', pos, input);
      pos++;
      skipWs();
    }
    return node;
  };

  const parseList = (terminator: string | undefined): FieldNode[] => {
    const out = new Map<string, FieldNode>();
    for (;;) {
      const f = parseField();
      out.set(f.name, f);
      skipWs();
      const c = peek();
      if (c === ',') {
        pos++;
        continue;
      }
      if (c === terminator) break;
      throw syntaxError(
        `Expected "," or ${terminator ? `"${terminator}"` : 'end of string'} instead of "${c ?? 'end of string'}".`,
        pos,
        input,
      );
    }
    return [...out.values()];
  };

  if (input.trim() === '') throw Errors.param('Syntax error "Expected field name instead of end of string." at character 0: ');
  return parseList(undefined);
}

/** Serialise back (used to build nested `next` URLs). */
export function formatFields(nodes: readonly FieldNode[]): string {
  return nodes
    .map((n) => {
      let s = n.name;
      if (n.limit !== undefined) s += `.limit(${n.limit})`;
      if (n.children) s += `{${formatFields(n.children)}}`;
      return s;
    })
    .join(',');
}

/** `fields=` param → tree, or the node type's defaults when absent. */
export function fieldsOrDefault(raw: string | null | undefined, defaults: readonly string[]): FieldNode[] {
  if (raw === null || raw === undefined || raw === '') return defaults.map((name) => ({ name }));
  return parseFields(raw);
}

/** Reject names not in `known` with Meta's "nonexisting field" error. */
export function assertKnownFields(nodes: readonly FieldNode[], known: ReadonlySet<string>, nodeType: string): void {
  for (const n of nodes) {
    if (!known.has(n.name)) throw Errors.param(`Tried accessing nonexisting field (${n.name}) on node type (${nodeType})`);
  }
}
