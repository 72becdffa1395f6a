import type { ArchiveFile } from '@/lib/archive/export';
import { DEFAULT_WORKING_HOURS, type SyncPreset, type WorkingHours } from '@/lib/policy/sync-cadence';
import type { ImportReport } from '@/lib/archive/report';
import type { Account } from '@/lib/db/schema';
import type { DiagnosticEntry } from '@/lib/diagnostics';
import type { DeskError } from '@/lib/errors';
import type { Notice, RequestName, Requests } from '@/lib/messaging/protocol';
import type { OptionsDeps } from '@/lib/models/options';
import type { ArchiveSize } from '@/lib/models/options-archive';
import type { MetaOverrides } from '@/lib/settings';
import { memoryItem } from './memory-item';

/** An in-memory cache, storage and background for the options model. */
export function fakeOptionsDeps(init: { accounts?: Account[] } = {}) {
  const listeners = new Set<(n: Notice) => void>();
  const diagnosticsWatchers = new Set<(entries: DiagnosticEntry[]) => void>();
  const world = {
    accounts: init.accounts ?? [],
    sizes: new Map<string, ArchiveSize>(),
    requests: [] as Array<{ name: RequestName; payload: unknown }>,
    failNext: {} as Partial<Record<RequestName, DeskError | Error>>,
    /** What the background answers, per request. */
    answers: {
      connect: { accounts: 1 },
      disconnect: { revoke: 'not-needed' },
      importArchive: {
        conversations: 1,
        messages: 2,
        kept: 0,
        skippedConversations: {},
        skippedMessages: {},
        repaired: {},
      } as ImportReport,
      saveMetaSettings: { endpointsChanged: false, problems: {} },
    } as Partial<{ [N in RequestName]: Requests[N]['response'] }>,
    downloads: [] as Array<{ name: string; file: Blob }>,
    forgotten: [] as string[],
    diagnostics: [] as DiagnosticEntry[],
    copied: [] as string[],
    copyRefused: false,
    settings: {
      timeZone: memoryItem(''),
      humanAgent: memoryItem(false),
      syncPreset: memoryItem<SyncPreset>('realtime'),
      workingHours: memoryItem<WorkingHours>(DEFAULT_WORKING_HOURS),
      notificationsOff: memoryItem<string[]>([]),
      meta: memoryItem<MetaOverrides>({ graphApiBase: '', oauthDialogUrl: '', appId: '' }),
    },
    notify: (n: Notice) => listeners.forEach((l) => l(n)),
    logDiagnostics(entries: DiagnosticEntry[]) {
      world.diagnostics = entries;
      diagnosticsWatchers.forEach((w) => w(entries));
    },
  };
  const deps: OptionsDeps = {
    listAccounts: async () => world.accounts,
    request: async <N extends RequestName>(name: N, payload: Requests[N]['request']) => {
      world.requests.push({ name, payload });
      const failure = world.failNext[name];
      if (failure) {
        delete world.failNext[name];
        throw failure;
      }
      if (name === 'saveMetaSettings') {
        const answer = world.answers.saveMetaSettings!;
        // The background stores the values it accepts.
        if (Object.keys(answer.problems).length === 0) await world.settings.meta.setValue(payload as MetaOverrides);
      }
      return (world.answers[name] ?? null) as Requests[N]['response'];
    },
    onNotice: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    settings: world.settings,
    forgetFirstPaint: (id) => world.forgotten.push(id),
    archiveSizes: async () => world.sizes,
    exportArchive: async ({ accountIds }, kind) => {
      const file: ArchiveFile = {
        format: 'dm-desk-archive',
        version: 1,
        exportedAt: '2026-11-21T15:00:00.000Z',
        accounts: world.accounts.filter((a) => accountIds.includes(a.id)),
        conversations: [],
        messages: [],
      };
      return kind === 'json' ? new Blob([JSON.stringify(file)], { type: 'application/json' }) : new Blob(['csv'], { type: 'text/csv' });
    },
    download: (name, file) => world.downloads.push({ name, file }),
    persistStorage: async () => true,
    readDiagnostics: async () => world.diagnostics,
    watchDiagnostics: (l) => {
      diagnosticsWatchers.add(l);
      return () => diagnosticsWatchers.delete(l);
    },
    clearDiagnostics: async () => world.logDiagnostics([]),
    copyText: async (text) => {
      if (world.copyRefused) throw new DOMException('denied', 'NotAllowedError');
      world.copied.push(text);
    },
    now: () => Date.UTC(2026, 10, 21, 15, 0),
  };
  return { deps, world };
}
