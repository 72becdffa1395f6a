/**
 * Finds words written straight into the code instead of read through `t()` (lib/i18n), with
 * TypeScript's parser. What counts as a word a person reads:
 * - text between JSX tags ("<button>Send</button>");
 * - a string given to a JSX attribute a person reads or hears (aria-label, title, placeholder, alt…);
 * - any other string or template text that reads as prose: a capital letter followed by a lower-case
 *   one, or two words with a space ("Could not send", "Done").
 * Left alone: what only the code compares or names (`e.key === 'Enter'`, case labels, imports,
 * property names, types, class names), what goes to the diagnostics log or the console, and the
 * messages of thrown errors that never reach a person. A string a person never sees that still reads
 * as prose (a date-fns pattern, a record field name) is marked with a comment on its line or the
 * line above: `// i18n-exempt: <why>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Literal {
  file: string;
  line: number;
  text: string;
}

const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);
const CODE_ATTRIBUTES =
  /^(class|className|id|key|role|type|name|href|rel|target|for|htmlFor|lang|dir|autoComplete|inputMode|enterKeyHint|accept|src|style|method|data-.*|aria-(controls|describedby|labelledby|activedescendant|owns|live|current|haspopup|sort|autocomplete|relevant|orientation))$/;
/** Calls whose string arguments are for developers, not for the person using the extension. */
const SILENT_CALLS =
  /^(logDiagnostic|console\.\w+|t|i18n\.t|describe|test|it|expect|querySelector|querySelectorAll|getElementById|addEventListener|removeEventListener|matchMedia|Symbol|RegExp|createIndex|createObjectStore|objectStore|transaction|index|get|getAll|put|delete)$/;

const LETTER = /\p{L}/u;
const PROSE = /(^|[^\p{L}])\p{Lu}\p{Ll}|\p{L}{2,}[ \u00a0]+\p{L}/u;
/** camelCase and PascalCase names (`createdAt`, `ArchiveImportError`) are code, not words. */
const IDENTIFIER = /^(\p{Ll}+\p{Lu}|\p{Lu}\p{Ll}+\p{Lu})[\p{L}\d_.$]*$/u;
const reads = (value: string) => PROSE.test(value) && !IDENTIFIER.test(value);

function callName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const left = ts.isIdentifier(e.expression) ? e.expression.text + '.' : '';
    return ts.isIdentifier(e.expression) && /^(console|i18n)$/.test(e.expression.text) ? left + e.name.text : e.name.text;
  }
  return '';
}

/** True when the string at `node` is only compared, named or handed to the developer's tools. */
function isCodeOnly(node: ts.Node): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  // Climb through the expressions that only pass a value on (a ? 'a' : 'b', ('a'), 'a' as const).
  while (
    ts.isParenthesizedExpression(parent) ||
    ts.isAsExpression(parent) ||
    ts.isSatisfiesExpression(parent) ||
    (ts.isConditionalExpression(parent) && child !== parent.condition) ||
    (ts.isBinaryExpression(parent) && /^(\?\?|\|\|)$/.test(parent.operatorToken.getText())) ||
    ts.isTemplateSpan(parent) ||
    ts.isTemplateExpression(parent)
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent) || ts.isImportTypeNode(parent)) return true;
  if (ts.isCaseClause(parent) || ts.isElementAccessExpression(parent)) return true;
  if (ts.isPropertyAssignment(parent) && parent.name === child) return true;
  if (ts.isBinaryExpression(parent) && /^(===|!==|==|!=|in)$/.test(parent.operatorToken.getText())) return true;
  // A module loaded later: import('./SnoozeMenu').
  if (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && child !== parent.expression) {
    const name = callName(parent);
    if (SILENT_CALLS.test(name)) return true;
    if (ts.isNewExpression(parent) && /Error$/.test(name)) return true;
    if (/^(includes|startsWith|endsWith|indexOf|split|replace|replaceAll|match|test|has|getItem|setItem|removeItem)$/.test(name))
      return true;
  }
  if (ts.isJsxAttribute(parent.parent ?? parent) || ts.isJsxExpression(parent)) {
    const attribute = ts.isJsxAttribute(parent)
      ? parent
      : ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)
        ? parent.parent
        : null;
    if (attribute) {
      const name = attribute.name.getText();
      return !READ_ATTRIBUTES.has(name) && (CODE_ATTRIBUTES.test(name) || !READ_ATTRIBUTES.has(name));
    }
  }
  return false;
}

function findInFile(file: string, root: string): Literal[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Literal[] = [];
  const lines = text.split('\n');
  const exempt = (line: number) => /i18n-exempt:/.test(lines[line - 1] ?? '') || /i18n-exempt:/.test(lines[line - 2] ?? '');
  const report = (node: ts.Node, value: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (!exempt(line)) found.push({ file: path.relative(root, file), line, text: value.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text);
    } else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (READ_ATTRIBUTES.has(node.name.getText()) && LETTER.test(node.initializer.text)) report(node, node.initializer.text);
      return;
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (reads(node.text) && !isCodeOnly(node)) report(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
      if (reads(parts) && !isCodeOnly(node)) report(node, parts);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every literal a person would read in the .ts/.tsx files under `dirs`. */
export function findLiteralStrings(root: string, dirs: readonly string[]): Literal[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return files.sort().flatMap((f) => findInFile(f, root));
}
