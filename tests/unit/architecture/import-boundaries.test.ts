import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DB_INDEX, DB_WRITERS } from './boundaries';
import { findViolations, importsOf, readImportGraph, type ImportGraph } from './import-graph';

/** The rules themselves, in plain words, are in boundaries.ts. */
const ROOT = path.resolve(__dirname, '../../..');
const SOURCES = ['entrypoints', 'components', 'lib'];

function graphOf(files: Record<string, string>): ImportGraph {
  // Synthetic files resolve against the real tree, so they import real modules; lib/db's real
  // entry point says which writers it passes on.
  const graph: ImportGraph = new Map(Object.entries(files).map(([file, text]) => [file, importsOf(ROOT, file, text)]));
  graph.set(DB_INDEX, importsOf(ROOT, DB_INDEX, fs.readFileSync(path.join(ROOT, DB_INDEX), 'utf8')));
  return graph;
}

describe('import boundaries', () => {
  it('the source keeps UI code, background code and the raw database apart', () => {
    const graph = readImportGraph(ROOT, SOURCES);
    // The graph is real: a check over nothing would pass for nothing.
    expect(graph.get('entrypoints/background.ts')?.map((i) => i.target)).toContain('lib/messaging/protocol.ts');
    expect(graph.get('entrypoints/sidepanel/main.tsx')?.map((i) => i.target)).toContain('lib/db/index.ts');
    expect(findViolations(graph)).toEqual([]);
  }, 30_000);

  it('names a page that imports background-only code, even through a shared module', () => {
    const violations = findViolations(
      graphOf({
        'components/Wrong.tsx': "import { Outbox } from '@/lib/outbox/outbox';\nimport { outboxStatus } from '@/lib/outbox/status';",
        'lib/format/wrong.ts': "import { SyncService } from '../sync/service';",
      }),
    );
    expect(violations).toEqual([
      expect.stringMatching(/^components\/Wrong\.tsx:1 imports lib\/outbox\/outbox\.ts: UI code must not import background-only code/),
      expect.stringMatching(/^lib\/format\/wrong\.ts:1 imports lib\/sync\/service\.ts: shared code must not import background-only code/),
    ]);
  });

  it('names background code that imports a model or a component', () => {
    const violations = findViolations(
      graphOf({
        'lib/sync/wrong.ts': "import { createInboxModel } from '../models/inbox';",
        'entrypoints/background.ts': "export { Avatar } from '@/components/Avatar';",
      }),
    );
    expect(violations).toEqual([
      expect.stringMatching(/^lib\/sync\/wrong\.ts:1 imports lib\/models\/inbox\.ts: background code must not import UI code/),
      expect.stringMatching(/^entrypoints\/background\.ts:1 imports components\/Avatar\.tsx: background code must not import UI code/),
    ]);
  });

  it('names a page that opens the database itself, and lets it read through lib/db', () => {
    const violations = findViolations(
      graphOf({
        'components/Wrong.tsx': "import { getDB, listAccounts } from '@/lib/db';",
        'lib/models/wrong.ts': "import * as db from '../db';",
        'lib/models/right.ts': "import { listAccounts } from '../db';\nimport type { Account } from '../db/schema';",
        'lib/sync/right.ts': "import { getDB } from '../db';",
      }),
    );
    expect(violations).toEqual([
      expect.stringMatching(
        /^components\/Wrong\.tsx:1 imports lib\/db\/index\.ts: only lib\/db and background-only code open the database/,
      ),
      expect.stringMatching(
        /^lib\/models\/wrong\.ts:1 imports lib\/db\/index\.ts: only lib\/db and background-only code open the database/,
      ),
      expect.stringMatching(
        /^lib\/models\/wrong\.ts:1 imports lib\/db\/index\.ts: only lib\/db and background-only code write the database \(upgradeDeskDB, putAccount, .*saveDraft, putOpenedState.*\)/,
      ),
    ]);
  });

  it('names a page that imports one of lib/db’s writers, directly or from its file, and lets it read', () => {
    const violations = findViolations(
      graphOf({
        'entrypoints/sidepanel/main.tsx': "import { getDraft, listUploads, saveDraft, putUpload } from '@/lib/db';",
        'lib/models/wrong.ts':
          "import { deleteUploads as forget } from '../db/uploads';\nimport { getMessage, withCacheWrite } from '../db/cache-writes';",
        'components/Wrong.tsx': "import * as uploads from '@/lib/db/uploads';",
        'lib/format/wrong.ts': "export { putOpenedState } from '../db';",
        'lib/models/right.ts': "import { getDraft, listUploads } from '../db';\nimport { listUploads as list } from '../db/uploads';",
        'lib/sync/right.ts': "import { putSyncState } from '../db';",
        'lib/messaging/reply-box-writes.ts': "import { putUpload, saveDraft } from '../db';",
      }),
    );
    const rule = 'only lib/db and background-only code write the database';
    expect(violations).toEqual([
      `entrypoints/sidepanel/main.tsx:1 imports lib/db/index.ts: ${rule} (saveDraft, putUpload); ask the background through lib/messaging`,
      `lib/models/wrong.ts:1 imports lib/db/uploads.ts: ${rule} (deleteUploads); ask the background through lib/messaging`,
      `lib/models/wrong.ts:2 imports lib/db/cache-writes.ts: ${rule} (withCacheWrite); ask the background through lib/messaging`,
      `components/Wrong.tsx:1 imports lib/db/uploads.ts: ${rule} (putUpload, deleteUploads); ask the background through lib/messaging`,
      `lib/format/wrong.ts:1 imports lib/db/index.ts: ${rule} (putOpenedState); ask the background through lib/messaging`,
    ]);
  });

  it('lists every function of lib/db that writes, and only those, as a writer', () => {
    // A function writes when it opens a readwrite transaction, changes a store's records, or
    // creates stores (an upgrade). Read from the source, so a new writer must be named in DB_WRITERS.
    const WRITES =
      /'readwrite'|createObjectStore|(?:\bdb|getDB\(\)\)|\bstore|Store|\bcursor|objectStore\([^)]*\))\.(?:put|add|delete|clear|update)\(/;
    const found: Record<string, string[]> = {};
    const dir = path.join(ROOT, 'lib/db');
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort()) {
      const file = `lib/db/${name}`;
      const source = ts.createSourceFile(file, fs.readFileSync(path.join(dir, name), 'utf8'), ts.ScriptTarget.Latest, true);
      for (const statement of source.statements) {
        const exported = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (!exported) continue;
        const functions: [string, ts.Node][] = [];
        if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) functions.push([statement.name.text, statement.body]);
        if (ts.isVariableStatement(statement)) {
          for (const d of statement.declarationList.declarations) {
            if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
              functions.push([d.name.text, d.initializer]);
            }
          }
        }
        for (const [fn, body] of functions) if (WRITES.test(body.getText(source))) (found[file] ??= []).push(fn);
      }
    }
    const sorted = (r: Readonly<Record<string, readonly string[]>>) =>
      Object.fromEntries(Object.entries(r).map(([f, names]) => [f, [...names].sort()]));
    expect(sorted(found)).toEqual(sorted(DB_WRITERS));
  });

  it('lets types cross: they are erased at build time', () => {
    const violations = findViolations(
      graphOf({
        'components/Right.tsx':
          "import type { ContactProfile } from '@/lib/contacts/profile';\nimport { type AuthService } from '@/lib/auth/service';",
        'lib/sync/right.ts': "export type { InboxModel } from '../models/inbox';",
      }),
    );
    expect(violations).toEqual([]);
  });
});
