/**
 * The options page's state: every setting (each a stored signal, so a change made in another tab,
 * the side panel or the background shows at once), the connected accounts with connect and
 * disconnect, the Meta app settings, the archive and the diagnostics log. It reads the cache,
 * re-reads on the background's notices, and asks the background for every write of the cache.
 */
import { computed, signal } from '@preact/signals';
import type { Account } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { isDeskError } from '../errors';
import { t } from '../i18n';
import type { Notice, RequestName, Requests } from '../messaging/protocol';
import type { ClockChoice } from '../format/locale';
import { clockSetting, type MetaOverrides } from '../settings';
import type { SyncPreset, WorkingHours } from '../policy/sync-cadence';
import { createArchiveModel, createDiagnosticsModel, type ArchiveDeps, type DiagnosticsDeps } from './options-archive';
import { storedSignal, type StoredItem } from './stored-signal';

export interface OptionsSettingItems {
  timeZone: StoredItem<string>;
  humanAgent: StoredItem<boolean>;
  syncPreset: StoredItem<SyncPreset>;
  workingHours: StoredItem<WorkingHours>;
  notificationsOff: StoredItem<string[]>;
  meta: StoredItem<MetaOverrides>;
  /** 12- or 24-hour clock, or the language's (the stored setting when not given). */
  clock?: StoredItem<ClockChoice>;
}

export interface OptionsDeps extends Omit<ArchiveDeps, 'onImported'>, DiagnosticsDeps {
  listAccounts(): Promise<Account[]>;
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  onNotice(listener: (notice: Notice) => void): () => void;
  settings: OptionsSettingItems;
  /** Forgets the side panel's first-paint rows of an account being disconnected. */
  forgetFirstPaint(accountId: string): void;
}

export type OptionsModel = ReturnType<typeof createOptionsModel>;
export type ConnectionsModel = OptionsModel['connections'];
export type MetaSettingsModel = OptionsModel['meta'];

/** What the last disconnect did at Meta, when it was the last account. */
export interface RevokeNotice {
  username: string;
  revoke: 'revoked' | 'failed';
}

export type MetaProblems = Partial<Record<keyof MetaOverrides, string>>;
export type MetaOutcome = { kind: 'saved' } | { kind: 'reconnect' } | { kind: 'error'; text: string };

/** What a connect or disconnect says when it failed for no reason DM Desk can name. */
export const actionFailed = (): string => t('connections.actionFailed');
/** What saving the Meta app settings says when it failed for no reason DM Desk can name. */
export const metaSaveFailed = (): string => t('options.saveFailed');

export function createOptionsModel(deps: OptionsDeps) {
  const settings = {
    timeZone: storedSignal(deps.settings.timeZone),
    humanAgent: storedSignal(deps.settings.humanAgent),
    syncPreset: storedSignal(deps.settings.syncPreset),
    workingHours: storedSignal(deps.settings.workingHours),
    notificationsOff: storedSignal(deps.settings.notificationsOff),
    clock: storedSignal(deps.settings.clock ?? clockSetting),
  };
  const metaSetting = storedSignal(deps.settings.meta);

  const accounts = signal<Account[]>([]);
  const accountsLoaded = signal(false);
  const busy = signal(false);
  const connectionError = signal<string | null>(null);
  const revokeNotice = signal<RevokeNotice | null>(null);
  const metaProblems = signal<MetaProblems>({});
  const metaOutcome = signal<MetaOutcome | null>(null);

  let accountLoads = 0;
  const loadAccounts = async (): Promise<void> => {
    const mine = ++accountLoads;
    try {
      const list = await deps.listAccounts();
      if (mine !== accountLoads) return;
      // An account added or removed changes what the archive holds.
      const remeasure = accountsLoaded.value && list.length !== accounts.value.length;
      accounts.value = list;
      accountsLoaded.value = true;
      if (remeasure) void archive.measure();
    } catch (e) {
      logDiagnostic('ui', 'The options page could not read the accounts', e);
      accountsLoaded.value = true;
    }
  };

  const archive = createArchiveModel({ ...deps, onImported: () => void loadAccounts() });
  const diagnostics = createDiagnosticsModel(deps);

  /** Runs a connect or disconnect: one at a time, its failure said in words. */
  const run = async (action: () => Promise<void>): Promise<void> => {
    busy.value = true;
    connectionError.value = null;
    revokeNotice.value = null;
    try {
      await action();
    } catch (e) {
      if (!isDeskError(e)) logDiagnostic('ui', 'A connect or disconnect on the options page failed', e);
      connectionError.value = isDeskError(e) ? e.message : actionFailed();
    } finally {
      busy.value = false;
      await loadAccounts();
    }
  };

  const connections = {
    accounts: computed(() => accounts.value),
    loaded: computed(() => accountsLoaded.value),
    busy: computed(() => busy.value),
    error: computed(() => connectionError.value),
    revokeNotice: computed(() => revokeNotice.value),
    connect: (): Promise<void> =>
      run(async () => {
        await deps.request('connect', {});
      }),
    disconnect: (account: Account): Promise<void> =>
      run(async () => {
        // The side panel's first-paint rows may be this account's: they go with its data, from
        // now on (a panel closing meanwhile may still write what it showed).
        deps.forgetFirstPaint(account.id);
        const { revoke } = await deps.request('disconnect', { accountId: account.id });
        if (revoke !== 'not-needed') revokeNotice.value = { username: account.username, revoke };
      }),
  };

  const meta = {
    setting: metaSetting,
    problems: computed(() => metaProblems.value),
    outcome: computed(() => metaOutcome.value),
    /** The person edits the form again: the last outcome no longer describes it. */
    editing: (): void => {
      metaOutcome.value = null;
    },
    /**
     * Asks the background to check and store the values (it owns the logins a change of endpoint
     * must forget). Resolves true once they are stored and shown by `setting`.
     */
    save: async (values: MetaOverrides): Promise<boolean> => {
      metaOutcome.value = null;
      try {
        const result = await deps.request('saveMetaSettings', values);
        metaProblems.value = result.problems;
        if (Object.keys(result.problems).length > 0) return false;
        await metaSetting.reload();
        metaOutcome.value = { kind: result.endpointsChanged ? 'reconnect' : 'saved' };
        return true;
      } catch (e) {
        if (!isDeskError(e)) logDiagnostic('ui', 'Saving the Meta app settings failed', e);
        metaOutcome.value = { kind: 'error', text: isDeskError(e) ? e.message : metaSaveFailed() };
        return false;
      }
    },
  };

  let unsubscribe: (() => void) | null = null;

  return {
    settings,
    connections,
    meta,
    archive,
    diagnostics,
    /** Turns an account's browser notifications on or off. */
    setNotifications: (accountId: string, on: boolean): Promise<boolean> =>
      settings.notificationsOff.update((off) =>
        on ? off.filter((id) => id !== accountId) : [...off.filter((id) => id !== accountId), accountId],
      ),
    /** Reads everything the page shows and follows the background's notices until `dispose`. */
    start: async (): Promise<void> => {
      unsubscribe ??= deps.onNotice((n) => {
        if (n.type === 'accounts-changed') void loadAccounts();
        archive.onNotice(n);
      });
      await Promise.all([loadAccounts(), archive.start(), diagnostics.start()]);
    },
    dispose: (): void => {
      unsubscribe?.();
      unsubscribe = null;
      diagnostics.dispose();
      for (const s of [...Object.values(settings), metaSetting]) s.dispose();
    },
  };
}
