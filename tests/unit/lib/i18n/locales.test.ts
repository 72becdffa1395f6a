import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { messagesOf, useLanguage } from '../../support/i18n';
import { t, uiLocale } from '@/lib/i18n';

const LOCALES = fs
  .readdirSync(path.resolve(import.meta.dirname, '../../../../locales'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => f.replace(/\.yml$/, ''));
const OTHERS = LOCALES.filter((l) => l !== 'en');

/** The named values ({name}) and numbered ones ($1) a message uses, sorted. */
function slots(message: string): string[] {
  return [...new Set([...message.matchAll(/\{([A-Za-z0-9_]+)\}|\$([1-9])/g)].map((m) => m[0]))].sort();
}
const pluralForms = (message: string) => message.split(' | ').length;

describe('shipped languages', () => {
  test('English, Spanish, Brazilian Portuguese and German ship', () => {
    expect(LOCALES.sort()).toEqual(['de', 'en', 'es', 'pt_BR']);
  });

  describe.each(OTHERS)('%s', (language) => {
    const english = messagesOf('en');
    const own = messagesOf(language);

    test('has every key English has, and no other', () => {
      expect(Object.keys(own).filter((k) => !(k in english))).toEqual([]);
      expect(Object.keys(english).filter((k) => !(k in own))).toEqual([]);
    });

    test('fills the same values and has the same plural forms as English', () => {
      const wrong = Object.keys(english)
        .filter((key) => key in own)
        .filter((key) => {
          const [en, other] = [english[key] ?? '', own[key] ?? ''];
          return slots(en).join() !== slots(other).join() || pluralForms(en) !== pluralForms(other);
        })
        .map((key) => `${key}: "${own[key]}"`);
      expect(wrong).toEqual([]);
    });

    test('has no empty message', () => {
      expect(
        Object.entries(own)
          .filter(([, m]) => m.trim() === '')
          .map(([k]) => k),
      ).toEqual([]);
    });
  });
});

describe('t', () => {
  test('reads the browser language and falls back to English', () => {
    expect(t('ext.commandOpenInbox')).toBe('Open the DM Desk inbox');
    useLanguage('de');
    expect(t('ext.commandOpenInbox')).toBe('DM-Desk-Posteingang öffnen');
    expect(uiLocale()).toBe('de');
    useLanguage('pt_BR');
    expect(uiLocale()).toBe('pt-BR');
    useLanguage('de', 'en-US');
    expect(uiLocale()).toBe('de');
    useLanguage('en', 'en-GB');
    expect(uiLocale()).toBe('en-GB');
  });
});
