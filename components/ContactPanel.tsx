import type { ComponentChildren } from 'preact';
import { buildArchive, downloadFile, messagesToCsv } from '@/lib/archive/export';
import type { ContactProfile } from '@/lib/contacts/profile';
import type { Conversation } from '@/lib/db/schema';
import { compactCount, formatNumber } from '@/lib/format/numbers';
import { contactName } from '@/lib/format/contact-name';
import { t } from '@/lib/i18n';
import { Avatar } from './Avatar';
import { Spinner } from './Icons';

interface Props {
  conversation: Conversation;
  profile: ContactProfile | null;
  error: string | null;
  onClose: () => void;
  onRefresh: () => void;
  /** More about the contact below the facts (the private notes). */
  children?: ComponentChildren;
}

async function exportConversation(conversation: Conversation, kind: 'json' | 'csv'): Promise<void> {
  const archive = await buildArchive({ conversationId: conversation.id });
  const name = `dm-desk-${conversation.participant.username ?? conversation.participant.id}-${new Date().toISOString().slice(0, 10)}`;
  if (kind === 'json') downloadFile(`${name}.json`, JSON.stringify(archive, null, 1), 'application/json');
  else downloadFile(`${name}.csv`, messagesToCsv(archive), 'text/csv');
}

/** Who the customer is, from the User Profile API (falls back to what the conversation gives). */
export function ContactPanel({ conversation, profile, error, onClose, onRefresh, children }: Props) {
  const name = contactName({
    name: profile?.name ?? conversation.participant.name,
    username: profile?.username ?? conversation.participant.username,
  }).primary;
  return (
    <aside class="contact-panel" aria-label={t('contact.panel')}>
      <header class="contact-header">
        <h3>{t('contact.title')}</h3>
        <button type="button" class="button small" onClick={onClose}>
          {t('contact.close')}
        </button>
      </header>
      <div class="contact-identity">
        {profile?.pictureUrl ? (
          <img class="contact-picture" src={profile.pictureUrl} alt="" width={64} height={64} />
        ) : (
          <Avatar name={name} seed={conversation.participant.id} size={64} />
        )}
        <div>
          <strong class="contact-name">
            {name}
            {profile?.isVerified ? (
              <span class="verified" role="img" aria-label={t('contact.verified')} title={t('contact.verified')}>
                ✔
              </span>
            ) : null}
          </strong>
          {(profile?.username ?? conversation.participant.username) ? (
            <span class="muted">@{profile?.username ?? conversation.participant.username}</span>
          ) : null}
        </div>
      </div>
      {profile === null && !error ? (
        <p class="muted">
          <Spinner /> {t('contact.loading')}
        </p>
      ) : null}
      {error ? (
        <p class="form-error" role="alert">
          {error}{' '}
          <button type="button" class="button small" onClick={onRefresh}>
            {t('contact.tryAgain')}
          </button>
        </p>
      ) : null}
      {profile?.status === 'consent-required' ? <p class="muted">{t('contact.consentRequired')}</p> : null}
      {profile?.status === 'unavailable' ? <p class="muted">{t('contact.unavailable')}</p> : null}
      <dl class="contact-facts">
        {profile?.followerCount != null ? (
          <>
            <dt>{t('contact.followers')}</dt>
            <dd title={formatNumber(profile.followerCount)}>{compactCount(profile.followerCount)}</dd>
          </>
        ) : null}
        {profile?.followsBusiness != null ? (
          <>
            <dt>{t('contact.followsYou')}</dt>
            <dd>{profile.followsBusiness ? t('contact.answerYes') : t('contact.answerNo')}</dd>
          </>
        ) : null}
        {profile?.businessFollows != null ? (
          <>
            <dt>{t('contact.youFollow')}</dt>
            <dd>{profile.businessFollows ? t('contact.answerYes') : t('contact.answerNo')}</dd>
          </>
        ) : null}
        <dt>{t('contact.scopedId')}</dt>
        <dd>
          <code>{conversation.participant.id}</code>
        </dd>
      </dl>
      {children}
      <div class="contact-export" role="group" aria-label={t('contact.export')}>
        <button type="button" class="button small" onClick={() => void exportConversation(conversation, 'json')}>
          {t('contact.exportJson')}
        </button>
        <button type="button" class="button small" onClick={() => void exportConversation(conversation, 'csv')}>
          {t('contact.exportCsv')}
        </button>
      </div>
    </aside>
  );
}
