import { AccountPills } from '@/components/AccountPills';
import { Avatar } from '@/components/Avatar';
import { RefreshIcon } from '@/components/Icons';
import { LabelChips, labelsOf } from '@/components/LabelChips';
import { QuickReply } from '@/components/QuickReply';
import { contactName } from '@/lib/format/contact-name';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import { UsernameBeside } from '@/components/UsernameBeside';
import { previewOf } from '@/lib/format/text';
import { clockTime, relativeTime } from '@/lib/format/time';
import { backNote } from '@/lib/models/desk-views';
import type { LabelsModel } from '@/lib/models/labels';
import type { PopupModel } from '@/lib/models/popup';

/** Toolbar popup: accounts with unread counts, refresh, recent unread conversations, quick reply. */
export function PopupApp({ model, labels }: { model: PopupModel; labels?: LabelsModel }) {
  const accounts = model.accounts.value;
  if (!accounts) return <main class="popup-main" aria-busy="true" />;
  const syncing = model.syncing.value;
  const lastSynced = model.lastSynced.value;
  const newSinceLook = model.newSinceLook.value;
  const selected = model.selectedAccountId.value;
  const recent = model.recent.value;
  const error = model.error.value;
  const now = Date.now();

  return (
    <main class="popup-main">
      <header class="popup-header">
        <h1 class="popup-title">{t('ext.name')}</h1>
        {lastSynced > 0 ? <span class="muted sync-status">{t('popup.synced', { time: clockTime(lastSynced) })}</span> : null}
        <span class="refresh-control">
          <button
            type="button"
            class={`icon-button${syncing ? ' spinning' : ''}`}
            aria-label={t('popup.refresh')}
            title={t('popup.checkNew')}
            disabled={syncing}
            onClick={() => void model.refresh()}
          >
            <RefreshIcon />
          </button>
          {newSinceLook > 0 ? (
            <span class="refresh-badge" aria-label={t('popup.newSinceLook', newSinceLook, { count: formatNumber(newSinceLook) })}>
              {formatNumber(newSinceLook)}
            </span>
          ) : null}
        </span>
      </header>
      {accounts.length > 0 ? (
        <AccountPills accounts={accounts} selectedId={selected} onSelect={model.selectAccount} unread={model.unreadCounts.value} />
      ) : (
        <p class="muted">{t('popup.noAccounts')}</p>
      )}
      {accounts.length > 0 ? (
        recent.length === 0 ? (
          <p class="muted">{t('popup.allCaughtUp')}</p>
        ) : (
          <ul class="popup-list" aria-label={t('popup.unreadList')}>
            {recent.map((c) => {
              const { primary: name, secondary, full } = contactName(c.participant);
              const open = model.expandedId.value === c.id;
              return (
                <li key={c.id} class={`popup-item${open ? ' expanded' : ''}`}>
                  <button type="button" class="conversation-row unread" aria-expanded={open} onClick={() => model.toggleExpanded(c.id)}>
                    <Avatar name={name} seed={c.participant.id} size={32} />
                    <span class="row-main">
                      <span class="row-top">
                        <span class="row-name">
                          {name}
                          <UsernameBeside username={secondary} />
                        </span>
                        <span class="row-time">{relativeTime(c.updatedTime, now)}</span>
                      </span>
                      <span class="row-preview" dir="auto">
                        {previewOf(c.lastMessage)}
                      </span>
                      {labels ? (
                        <LabelChips labels={labelsOf(labels.conversationLabels.value.get(c.id), labels.labels.value ?? [])} max={3} />
                      ) : null}
                    </span>
                  </button>
                  {open ? (
                    <QuickReply
                      name={full}
                      fill={{ contact: c.participant, account: accounts.find((a) => a.id === c.accountId) ?? null }}
                      status={model.outboxStatus.value[c.id] ?? null}
                      onOpenInPanel={() => model.openInPanel(c.accountId, c.id)}
                      onSend={(text) => model.send(c.accountId, c.id, text)}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      {model.back.value.length > 0 ? (
        <section class="popup-back" aria-labelledby="popup-back-title">
          <h2 id="popup-back-title" class="popup-section-title">
            {t('popup.backFromSnooze')}
          </h2>
          <ul class="popup-list" aria-label={t('popup.backFromSnooze')}>
            {model.back.value.slice(0, 5).map(({ conversation: c, reason, days }) => {
              const { primary: name } = contactName(c.participant);
              return (
                <li key={c.id} class="popup-item">
                  <button type="button" class="conversation-row" onClick={() => model.openInPanel(c.accountId, c.id)}>
                    <Avatar name={name} seed={c.participant.id} size={32} />
                    <span class="row-main">
                      <span class="row-top">
                        <span class="row-name">{name}</span>
                        <span class="row-time">{relativeTime(c.updatedTime, now)}</span>
                      </span>
                      <span class="back-note">{backNote({ reason, days })}</span>
                      <span class="row-preview" dir="auto">
                        {previewOf(c.lastMessage)}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <button type="button" class="button primary" onClick={() => model.openInPanel(selected ?? '', null)}>
        {t('popup.openInbox')}
      </button>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}
