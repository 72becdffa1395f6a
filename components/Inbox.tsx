import type { ReadonlySignal } from '@preact/signals';
import type { ConversationListModel } from '@/lib/models/conversation-list';
import type { InboxModel } from '@/lib/models/inbox';
import type { ContactNotesModel } from '@/lib/models/contact-notes';
import type { LabelsModel } from '@/lib/models/labels';
import type { SearchModel } from '@/lib/models/search';
import { t } from '@/lib/i18n';
import { AccountNotice } from './AccountNotice';
import { AccountPills } from './AccountPills';
import { ConversationList } from './ConversationList';
import { DeskActions } from './DeskActions';
import { DeskLayer } from './DeskLayer';
import { DeskViewEmpty } from './DeskViewEmpty';
import { ViewTabs } from './ViewTabs';
import { EmptyState } from './EmptyState';
import { labelsOf } from './LabelChips';
import { LabelFilter } from './LabelFilter';
import { AlertIcon, InboxIcon, InstagramIcon, RefreshIcon, SendIcon, Spinner } from './Icons';
import { SkeletonRows } from './SkeletonRows';
import { SyncStatus } from './SyncStatus';
import { LazyThread } from './LazyThread';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';

interface Props {
  model: InboxModel;
  wide: ReadonlySignal<boolean>;
  now: ReadonlySignal<number>;
  timeZone: ReadonlySignal<string | undefined>;
  humanAgent: ReadonlySignal<boolean>;
  search: SearchModel;
  /** The labels (chips, the list's filter, the picker); without them no labels show. */
  labels?: LabelsModel;
  /** Private notes on the open conversation's contact (in the contact panel). */
  notes?: ContactNotesModel;
  onOpenConnections: () => void;
}

/** The whole inbox: account pills, conversation list and thread, in a wide or narrow layout. */
export function Inbox({ model, wide, now, timeZone, humanAgent, search, labels, notes, onOpenConnections }: Props) {
  const accounts = model.accounts.value;
  const tz = timeZone.value;

  if (accounts === null) return <SkeletonRows />;

  if (accounts.length === 0) {
    return (
      <main class="inbox inbox-empty">
        <EmptyState icon={<InstagramIcon size={32} />} title={t('inbox.noAccountsTitle')}>
          <p>{t('inbox.noAccountsBody')}</p>
          <button type="button" class="button primary" onClick={() => void model.connect()} disabled={model.connecting.value}>
            {model.connecting.value ? <Spinner /> : null} {t('inbox.connectAccount')}
          </button>
          <ConnectError model={model} onOpenConnections={onOpenConnections} />
        </EmptyState>
      </main>
    );
  }

  const account = model.selectedAccount.value;
  const conversation = model.selectedConversation.value;
  const thread = model.thread.value;
  const list = model.list.value;
  const isWide = wide.value;
  const showThread = conversation !== null;
  const state = list?.syncState.value ?? null;

  return (
    <main class={`inbox ${isWide ? 'wide' : 'narrow'}`}>
      <header class="toolbar">
        <AccountPills accounts={accounts} selectedId={model.selectedAccountId.value} onSelect={(id) => void model.selectAccount(id)} />
        <div class="toolbar-actions">
          {isWide ? <SyncStatus lastSyncedAt={state?.lastSyncedAt ?? null} timeZone={tz} /> : null}
          <button
            type="button"
            class={`icon-button${model.syncing.value ? ' spinning' : ''}`}
            aria-label={t('inbox.refresh')}
            title={t('inbox.refresh')}
            onClick={() => void model.refresh()}
            disabled={model.syncing.value}
          >
            <RefreshIcon />
          </button>
        </div>
      </header>
      <div class="panes">
        {!isWide && showThread ? null : (
          <section class="list-pane" aria-label={t('inbox.listPane')}>
            {account && account.status !== 'ok' ? (
              <>
                <AccountNotice
                  account={account}
                  connecting={model.connecting.value}
                  onOpenConnections={onOpenConnections}
                  onReconnect={() => void model.connect()}
                />
                <ConnectError model={model} onOpenConnections={onOpenConnections} />
              </>
            ) : null}
            {/* An expired login still leaves the saved conversations readable; a missing permission has none. */}
            {account && account.status !== 'ok' && account.status !== 'reconnect' ? null : (
              <>
                <SearchBox
                  value={search.text.value}
                  allAccounts={search.allAccounts.value}
                  onInput={(q) => search.setText(q, account)}
                  onAllAccounts={(all) => search.setAllAccounts(all, account)}
                  onClear={() => search.clear()}
                  suggestions={search.suggestions.value}
                  onPickLabel={(name) => search.pickLabel(name, account)}
                />
                {search.results.value !== null ? (
                  <SearchResults
                    query={search.text.value}
                    results={search.results.value}
                    accounts={accounts}
                    showAccount={search.allAccounts.value}
                    notice={search.notice.value}
                    total={search.total.value}
                    labels={search.labelsById.value}
                    now={now.value}
                    timeZone={tz}
                    onOpen={(r) =>
                      void (async () => {
                        const c = r.conversation;
                        if (c.accountId !== model.selectedAccountId.value) await model.selectAccount(c.accountId);
                        const focus = r.kind === 'message' ? { messageId: r.message.id, createdTime: r.message.createdTime } : undefined;
                        // A note opens with the contact panel, where it is kept.
                        if (r.kind === 'note' && !model.contactOpen.value) await model.toggleContact();
                        await model.openConversation(c.id, focus);
                      })()
                    }
                  />
                ) : (
                  <ListContent model={model} list={list} now={now.value} timeZone={tz} humanAgent={humanAgent.value} labels={labels} />
                )}
              </>
            )}
          </section>
        )}
        {showThread && conversation && account && thread ? (
          <LazyThread
            thread={thread}
            conversation={conversation}
            accountId={account.id}
            contactOpen={model.contactOpen.value}
            onToggleContact={() => void model.toggleContact()}
            onBack={() => model.closeConversation()}
            showBack={!isWide}
            now={now.value}
            timeZone={tz}
            humanAgent={humanAgent.value}
            labels={labels}
            labelIds={list?.desks.value.get(conversation.id)?.labelIds}
            notes={notes}
            deskActions={
              list ? (
                <DeskActions
                  list={list}
                  conversation={conversation}
                  now={now.value}
                  timeZone={tz}
                  onDoneAndNext={() => void model.doneAndNext()}
                  onMarkedUnread={() => model.closeConversation()}
                />
              ) : null
            }
          />
        ) : isWide ? (
          <section class="thread thread-placeholder" aria-label={t('inbox.threadPane')}>
            <EmptyState icon={<SendIcon size={32} />} title={t('inbox.selectConversation')} />
          </section>
        ) : null}
      </div>
      <DeskLayer model={model} list={list} now={now.value} timeZone={tz} />
    </main>
  );
}

function ListContent({
  model,
  list,
  now,
  timeZone,
  humanAgent,
  labels,
}: {
  model: InboxModel;
  list: ConversationListModel | null;
  now: number;
  timeZone: string | undefined;
  humanAgent: boolean;
  labels?: LabelsModel;
}) {
  const conversations = list?.conversations.value ?? null;
  const state = list?.syncState.value ?? null;
  const failed = state?.error && state.error.kind !== 'permission' ? state.error : null;
  const neverSynced = !state?.lastSyncedAt;

  if (list === null || conversations === null || (conversations.length === 0 && !failed && (neverSynced || state?.running))) {
    return <SkeletonRows />;
  }
  if (conversations.length === 0 && failed) {
    return (
      <EmptyState tone="error" icon={<AlertIcon />} title={t('inbox.loadFailedTitle')}>
        <p>{failed.message}</p>
        <button type="button" class="button" onClick={() => void model.refresh()} disabled={model.syncing.value}>
          {t('inbox.retry')}
        </button>
      </EmptyState>
    );
  }
  if (conversations.length === 0) {
    return (
      <EmptyState icon={<InboxIcon />} title={t('inbox.noConversationsTitle')}>
        <p>{t('inbox.noConversationsBody')}</p>
      </EmptyState>
    );
  }
  return (
    <>
      {failed ? (
        <div class="banner error" role="alert">
          <span>
            <strong>{t('inbox.loadFailedBanner')}</strong> {failed.message} {t('inbox.showingSaved')}
          </span>
          <button type="button" class="button small" onClick={() => void model.refresh()} disabled={model.syncing.value}>
            {t('inbox.retry')}
          </button>
        </div>
      ) : null}
      <ViewTabs view={list.view.value} counts={list.counts.value} onSelect={(v) => list.setView(v)} />
      {labels ? (
        <LabelFilter
          labels={labels.labels.value ?? []}
          selected={list.labelFilter.value}
          counts={list.labelCounts.value}
          onChange={(ids) => list.setLabelFilter(ids)}
        />
      ) : null}
      {(list.visibleConversations.value ?? []).length === 0 ? (
        <DeskViewEmpty view={list.view.value} filtered={list.labelFilter.value.size > 0} />
      ) : (
        <ConversationList
          conversations={list.visibleConversations.value ?? []}
          selectedId={model.selectedConversationId.value}
          now={now}
          timeZone={timeZone}
          humanAgent={humanAgent}
          showWaiting={list.view.value === 'needs-reply'}
          rowDesk={(c) => list.rowDesk(c, now, timeZone)}
          onReopen={list.view.value === 'done' ? (id) => void list.act(id, { kind: 'reopen' }) : undefined}
          unreadIds={list.unreadIds.value}
          labelsOf={labels ? (id) => labelsOf(list.desks.value.get(id)?.labelIds, labels.labels.value ?? []) : undefined}
          onOpen={(id) => void model.openConversation(id)}
          onRowInView={list.rowInView}
        />
      )}
    </>
  );
}

function ConnectError({ model, onOpenConnections }: { model: InboxModel; onOpenConnections: () => void }) {
  const error = model.connectError.value;
  if (!error) return null;
  return (
    <div class="banner error" role="alert">
      <span>{error.message}</span>
      {error.kind === 'not-configured' ? (
        <button type="button" class="button small" onClick={onOpenConnections}>
          {t('inbox.openSettings')}
        </button>
      ) : null}
    </div>
  );
}
