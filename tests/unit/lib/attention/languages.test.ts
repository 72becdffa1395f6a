/**
 * What the background writes for a person (the toolbar tooltip, notifications, failures) is in the
 * browser's language, with plurals and numbers as that language writes them.
 */
import { describe, expect, it } from 'vitest';
import { Attention, badgeFor } from '@/lib/attention';
import { toDeskError } from '@/lib/errors-map';
import { GraphError, describeGraphErrorKind } from '@/lib/graph/errors';
import { parseSendResult } from '@/lib/graph/parse';
import { deskHandlers } from '@/lib/desk/writes';
import { decodeBlob } from '@/lib/messaging/blob-transfer';
import { unknownRequestMessage } from '@/lib/messaging/protocol';
import { describeRateLimitWait, describeSyncFailure } from '@/lib/sync/failure';
import { parseAuthRedirect } from '@/lib/auth/oauth';
import { account, message } from '../../support/factories';
import { useLanguage } from '../../support/i18n';

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('nothing was thrown');
}

describe('the background speaks the browser’s language', () => {
  it('writes the toolbar tooltip in German, counting with German plurals and digits', () => {
    useLanguage('de');
    expect(badgeFor({ unread: 1, syncing: false, failures: [] }).title).toBe('DM Desk — 1 ungelesene Unterhaltung');
    expect(badgeFor({ unread: 1234, syncing: false, failures: [] }).title).toBe('DM Desk — 1.234 ungelesene Unterhaltungen');
    expect(badgeFor({ unread: 0, syncing: true, failures: [] }).title).toBe('DM Desk — sucht nach neuen Nachrichten…');
    expect(badgeFor({ unread: 0, syncing: false, failures: [{ account: 'lumencoffee', message: 'x' }] }).title).toBe(
      'DM Desk — keine ungelesenen Unterhaltungen; Handlungsbedarf:\n@lumencoffee: x',
    );
  });

  it('keeps the English tooltip word for word', () => {
    expect(badgeFor({ unread: 2, syncing: false, failures: [{ account: 'a', message: 'b' }] }).title).toBe(
      'DM Desk — 2 unread conversations; needs attention:\n@a: b',
    );
    expect(badgeFor({ unread: 0, syncing: false, failures: [] }).title).toBe('DM Desk — no unread conversations');
  });

  it('names a grouped notification in Spanish and Brazilian Portuguese', async () => {
    for (const [language, title] of [
      ['es', '5 mensajes nuevos para @lumencoffee'],
      ['pt_BR', '5 novas mensagens para @lumencoffee'],
    ] as const) {
      useLanguage(language);
      const shown: Array<{ title: string; message: string }> = [];
      const attention = new Attention({
        setBadge: async () => undefined,
        showNotification: async (_, n) => void shown.push(n),
        notify: () => undefined,
      });
      const messages = ['a', 'b', 'c', 'd', 'e'].map((id, i) => message({ id, conversationId: `c${i}`, createdTime: i }));
      await attention.announce(account({ username: 'lumencoffee' }), messages, new Map());
      expect(shown[0]?.title).toBe(title);
    }
  });

  it('says why Instagram failed, in German, down to the unreadable answer and the wait', () => {
    useLanguage('de');
    expect(describeGraphErrorKind('network')).toBe('Instagram ist nicht erreichbar. Prüfe deine Verbindung und versuch es noch einmal.');
    expect(thrown(() => parseSendResult({})).message).toBe('Instagram hat eine unlesbare Antwort auf eine gesendete Nachricht geschickt.');
    expect(describeRateLimitWait(61_000)).toMatch(/in etwa 2 Minuten erneut/);
    expect(describeRateLimitWait(60_000)).toMatch(/in etwa 1 Minute erneut/);
    expect(describeSyncFailure(new DOMException('full', 'QuotaExceededError')).message).toMatch(/^Der Browser hat keinen Platz mehr/);
    expect(toDeskError(new Error('secret')).message).toBe('Bei der Verbindung mit Instagram ist etwas schiefgelaufen.');
    expect(toDeskError(new GraphError({ kind: 'auth', message: describeGraphErrorKind('auth') })).message).toMatch(/^Deine Meta-Anmeldung/);
  });

  it('refuses a login, an image and an unknown request in German', () => {
    useLanguage('de');
    expect(thrown(() => parseAuthRedirect('https://x.example/#state=s&error=access_denied', 's')).message).toMatch(
      /^Du hast die Meta-Anmeldung abgebrochen\./,
    );
    expect(thrown(() => decodeBlob({ type: 'image/png', size: 2000, base64: 'AAAA' }, { maxBytes: 1000 })).message).toBe(
      'DM Desk konnte das Bild nicht speichern: Es ist größer als 1000 Bytes. Hänge es erneut an.',
    );
    expect(unknownRequestMessage('later')).toMatch(/^Der Hintergrunddienst von DM Desk kennt die Anfrage „later“ nicht\./);
  });

  it('refuses a label the pages asked for in Spanish', async () => {
    useLanguage('es');
    const desk = deskHandlers({ notify: () => undefined, now: () => 0, newId: () => 'l1' });
    await desk.saveLabel({ name: 'Mayoristas', color: 'red' });
    await expect(desk.saveLabel({ name: 'mayoristas', color: 'blue' })).rejects.toThrow('Ya hay una etiqueta llamada “mayoristas”.');
    await expect(desk.saveLabel({ name: ' ', color: 'blue' })).rejects.toThrow('Una etiqueta necesita un nombre.');
  });
});
