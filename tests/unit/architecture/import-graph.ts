/**
 * The import graph of the extension's source, read with TypeScript's parser, and the check of the
 * rules in boundaries.ts against it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { DB_INDEX, DB_WRITERS, isBackgroundOnly, isUI, RAW_DB, SHARED_DB_WRITERS } from './boundaries';

export interface Import {
  /** The imported file, relative to the repository root. */
  target: string;
  /** Erased at build time (`import type`, `export type`, or only `type` specifiers). */
  typeOnly: boolean;
  /** The names taken by value; '*' for a namespace import or `export *`. */
  names: string[];
  /** An `export … from`: the file passes the names on. */
  reexport: boolean;
  line: number;
}

export type ImportGraph = Map<string, Import[]>;

const SOURCE = /\.(ts|tsx)$/;
const ALIASES = ['@/', '~/', '@@/', '~~/'];

/** Every .ts/.tsx file under `dirs` (or the file itself) with its imports of other source files. */
export function readImportGraph(root: string, dirs: readonly string[]): ImportGraph {
  const files = dirs.flatMap((d) => listSources(root, d));
  const graph: ImportGraph = new Map();
  for (const file of files) graph.set(file, importsOf(root, file, fs.readFileSync(path.join(root, file), 'utf8')));
  return graph;
}

function listSources(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return SOURCE.test(rel) ? [rel] : [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listSources(root, `${rel}/${e.name}`)
        : SOURCE.test(e.name) && !e.name.endsWith('.d.ts')
          ? [`${rel}/${e.name}`]
          : [],
    );
}

/** The imports of one file's text (exported for tests of the checker itself). */
export function importsOf(root: string, file: string, text: string): Import[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: Import[] = [];
  const add = (specifier: string, node: ts.Node, typeOnly: boolean, names: string[]) => {
    const target = resolve(root, file, specifier);
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    if (target) out.push({ target, typeOnly, names, reexport: ts.isExportDeclaration(node), line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      if (!clause) add(node.moduleSpecifier.text, node, false, []);
      else {
        const names: string[] = [];
        if (clause.name) names.push('default');
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) if (!el.isTypeOnly) names.push((el.propertyName ?? el.name).text);
        }
        add(node.moduleSpecifier.text, node, clause.isTypeOnly || names.length === 0, clause.isTypeOnly ? [] : names);
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) names.push('*');
      else for (const el of node.exportClause.elements) if (!el.isTypeOnly) names.push((el.propertyName ?? el.name).text);
      add(node.moduleSpecifier.text, node, node.isTypeOnly || names.length === 0, node.isTypeOnly ? [] : names);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, node, false, ['*']);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** A relative or aliased specifier as a source file relative to the root; null for packages and assets. */
function resolve(root: string, from: string, specifier: string): string | null {
  let base: string;
  const alias = ALIASES.find((a) => specifier.startsWith(a));
  if (alias) base = specifier.slice(alias.length);
  else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (SOURCE.test(candidate) && fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) {
      return candidate;
    }
  }
  return null;
}

/** Every import that breaks a rule of boundaries.ts, as one readable line each. */
export function findViolations(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    for (const imp of imports) {
      if (imp.typeOnly) continue;
      const at = `${file}:${imp.line} imports ${imp.target}`;
      const fromUI = isUI(file);
      const fromBackground = isBackgroundOnly(file);
      if (!fromBackground && isBackgroundOnly(imp.target)) {
        out.push(`${at}: ${fromUI ? 'UI' : 'shared'} code must not import background-only code (ask the background through lib/messaging)`);
      }
      if (!fromUI && isUI(imp.target)) {
        out.push(`${at}: ${fromBackground ? 'background' : 'shared'} code must not import UI code (models, components, pages)`);
      }
      const mayTakeRawDB = file.startsWith(RAW_DB.owner) || fromBackground;
      const takesRawDB =
        imp.target === RAW_DB.module ||
        (imp.target === RAW_DB.reexportedBy && (imp.names.includes(RAW_DB.name) || imp.names.includes('*')));
      if (!mayTakeRawDB && takesRawDB) {
        out.push(`${at}: only lib/db and background-only code open the database (${RAW_DB.name}); read through lib/db's query functions`);
      }
      const writers = dbWritersTaken(graph, imp);
      if (!mayTakeRawDB && !SHARED_DB_WRITERS.includes(file) && writers.length > 0) {
        out.push(
          `${at}: only lib/db and background-only code write the database (${writers.join(', ')}); ask the background through lib/messaging`,
        );
      }
    }
  }
  return out;
}

/**
 * The lib/db writers (DB_WRITERS) an import takes by value. Through lib/db's entry point, they are
 * the writers its `export … from` lines pass on; when the graph lacks the entry point (a test of
 * a few files), it is taken to pass on every writer.
 */
function dbWritersTaken(graph: ImportGraph, imp: Import): string[] {
  const pick = (writers: readonly string[], names: readonly string[]): string[] =>
    names.includes('*') ? [...writers] : names.filter((n) => writers.includes(n));
  if (imp.target !== DB_INDEX) return pick(DB_WRITERS[imp.target] ?? [], imp.names);
  const passedOn = graph.get(DB_INDEX);
  const writers = passedOn
    ? passedOn.filter((r) => r.reexport && !r.typeOnly).flatMap((r) => pick(DB_WRITERS[r.target] ?? [], r.names))
    : Object.values(DB_WRITERS).flat();
  return pick(writers, imp.names);
}
