import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations, importsOf, readImportGraph, type ImportGraph } from './import-graph';

/** The rules themselves, in plain words, are in boundaries.ts. */
const ROOT = path.resolve(__dirname, '../../..');
const SOURCES = ['entrypoints', 'components', 'lib'];

function graphOf(files: Record<string, string>): ImportGraph {
  // Synthetic files resolve against the real tree, so they import real modules.
  return new Map(Object.entries(files).map(([file, text]) => [file, importsOf(ROOT, file, text)]));
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
    ]);
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
