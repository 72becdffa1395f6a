/**
 * The words of one shipped language, read from locales/<language>.yml the way the build writes them
 * into _locales: for the demo and the E2E suite, which find buttons and lists by the names a person
 * sees in that language. `localeWords('de')('list.label')` is "Unterhaltungen".
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales');

/** The shipped languages as browser language tags: "en", "es", "pt-BR", "de". */
export function shippedLanguages(): string[] {
  return fs
    .readdirSync(LOCALES_DIR)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => f.replace(/\.yml$/, '').replace('_', '-'));
}

/** A shipped language's words by key ("list.label"), with `{name}` values filled. An unknown key throws. */
export function localeWords(language: string): (key: string, values?: Record<string, string>) => string {
  const file = path.join(LOCALES_DIR, `${language.replace('-', '_')}.yml`);
  const built = generateChromeMessages(parseMessagesText(fs.readFileSync(file, 'utf8'), 'YAML'));
  return (key, values = {}) => {
    const message = built[key.replaceAll('.', '_')]?.message;
    if (message === undefined) throw new Error(`No message "${key}" in ${path.basename(file)}`);
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  };
}
