/**
 * The browser's i18n API for unit tests: messages read from locales/<language>.yml the way the
 * build writes them into _locales, and Chrome's substitution rules ($1…$9, $$). English unless a
 * test picks another shipped language with `useLanguage`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../../locales');
const cache = new Map<string, Record<string, string>>();

/** The built messages of one shipped language ("en", "es", "pt_BR", "de"): key → text. */
export function messagesOf(language: string): Record<string, string> {
  let messages = cache.get(language);
  if (!messages) {
    const text = fs.readFileSync(path.join(LOCALES_DIR, `${language}.yml`), 'utf8');
    const built = generateChromeMessages(parseMessagesText(text, 'YAML'));
    messages = Object.fromEntries(Object.entries(built).map(([key, value]) => [key, value.message]));
    cache.set(language, messages);
  }
  return messages;
}

function fill(message: string, substitutions: string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** Answers `browser.i18n` from one shipped language, falling back to English as the browser does. */
export function useLanguage(language = 'en', uiLanguage = language === 'en' ? 'en-US' : language.replace('_', '-')): void {
  const own = messagesOf(language);
  const english = messagesOf('en');
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) => {
    const message = own[key] ?? english[key];
    if (message == null) return '';
    const subs = substitutions == null ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return fill(message, subs.map(String));
  };
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}
