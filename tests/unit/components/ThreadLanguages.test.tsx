/**
 * The open thread speaks the browser's language: message kinds, reactions (who reacted, listed the
 * language's way), quoted replies, the reply box's limits and plurals, the outbox, the reply
 * window's countdown, image checks (sizes with the language's decimal mark) and saved replies'
 * fallback word.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Composer } from '@/components/Composer';
import { MessageBubble } from '@/components/MessageBubble';
import { OutboxBubble } from '@/components/OutboxBubble';
import { previewOf } from '@/lib/format/text';
import { checkImages } from '@/lib/policy/attachments';
import { describeReplyWindow, formatRemaining } from '@/lib/policy/reply-window';
import { fillReply, VARIABLE_HELP } from '@/lib/saved-replies/fill';
import { message, outboxItem } from '../support/factories';
import { useLanguage } from '../support/i18n';

afterEach(cleanup);

const HOUR = 60 * 60 * 1000;

function composer(text: string) {
  render(
    <Composer
      text={text}
      onText={() => undefined}
      sending={false}
      error={null}
      disabledReason={null}
      images={[]}
      imageErrors={[]}
      onAddImages={() => undefined}
      onRemoveImage={() => undefined}
      onSend={() => Promise.resolve(true)}
    />,
  );
}

describe('the thread in German', () => {
  it('names message kinds, who reacted and whose message a reply quotes', () => {
    useLanguage('de');
    const original = message({ id: 'm0', isOwn: true, text: '', kind: 'image' });
    render(
      <ul>
        <MessageBubble
          message={message({
            id: 'm1',
            text: 'Danke!',
            replyToId: 'm0',
            reactions: [
              {
                emoji: '❤️',
                users: [
                  { id: 'u1', username: 'leo.brews' },
                  { id: 'ig1', username: 'atelier' },
                ],
              },
            ],
          })}
          timeZone="UTC"
          now={1000}
          accountId="ig1"
          customerName="leo.brews"
          replyTarget={original}
        />
        <MessageBubble
          message={message({ id: 'm2', kind: 'deleted', text: '' })}
          timeZone="UTC"
          now={1000}
          accountId="ig1"
          customerName="leo.brews"
        />
      </ul>,
    );
    expect(screen.getByRole('img', { name: '❤️ von leo.brews und dir' })).toBeTruthy();
    expect(screen.getByText('Antwort an dich')).toBeTruthy();
    expect(screen.getByText('Foto gesendet')).toBeTruthy();
    expect(screen.getByText('Nachricht wurde gelöscht')).toBeTruthy();
    expect(previewOf({ text: '', kind: 'image', isOwn: true, createdTime: 1 })).toBe('Du: Foto gesendet');
  });

  it('counts what is over the limit with the right plural', () => {
    useLanguage('de');
    composer('a'.repeat(1001));
    expect(screen.getByRole('alert').textContent).toBe('Zu lang für Instagram: Entferne 1 Byte (ein Emoji zählt bis zu 4).');
    cleanup();
    composer('a'.repeat(1003));
    expect(screen.getByRole('alert').textContent).toContain('Entferne 3 Bytes');
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
  });

  it('says how long the reply window stays open, and why a file was left out', () => {
    useLanguage('de');
    expect(formatRemaining(51 * HOUR)).toBe('2 T. 3 Std.');
    expect(describeReplyWindow({ state: 'open', closesAt: 5 * HOUR }, 0)).toBe('Antwortfenster schließt in 5 Std.');
    const big = { name: 'c.png', type: 'image/png', size: 9 * 1024 * 1024 };
    expect(checkImages([], [big]).errors).toEqual(['„c.png“ ist 9,0 MB groß; Instagram akzeptiert Bilder bis 8,0 MB.']);
  });

  it('fills an unknown contact with its own word', () => {
    useLanguage('de');
    expect(fillReply('Hallo {first_name},', { contact: { name: 'Instagram-Nutzer', username: null }, account: null })).toBe('Hallo du,');
    expect(VARIABLE_HELP.first_name).toContain('„Hallo {first_name},“');
  });
});

describe('the thread in Spanish and Brazilian Portuguese', () => {
  it('counts photos still on their way', () => {
    useLanguage('pt_BR');
    render(
      <ul>
        <OutboxBubble
          item={outboxItem({ text: '', uploadIds: ['a', 'b'] })}
          timeZone="UTC"
          now={Date.now()}
          onRetry={() => undefined}
          onEdit={() => undefined}
          onDiscard={() => undefined}
        />
      </ul>,
    );
    expect(screen.getByText('2 fotos')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Enviando…');
  });

  it('lists three people who reacted the Spanish way', () => {
    useLanguage('es');
    render(
      <ul>
        <MessageBubble
          message={message({
            reactions: [
              {
                emoji: '😂',
                users: [
                  { id: 'u1', username: 'ana' },
                  { id: 'u2', username: 'leo' },
                  { id: 'ig1', username: 'atelier' },
                ],
              },
            ],
          })}
          timeZone="UTC"
          now={1000}
          accountId="ig1"
          customerName="ana"
        />
      </ul>,
    );
    expect(screen.getByRole('img', { name: '😂 de ana, leo y ti' })).toBeTruthy();
  });
});
