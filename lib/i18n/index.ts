/**
 * Every word the extension shows comes from here: `t('area.key')` reads locales/<language>.yml
 * (built into the browser's _locales) in the browser's own language, with English as the fallback.
 *   t('list.empty')                              plain text
 *   t('list.unread', { name })                   a named value: "{name}" in the message
 *   t('list.conversations', n, { count })        a plural picked by n ("1 … | {count} …")
 * Keys are typed from locales/en.yml, so a missing or misspelt key fails the type check, and the
 * locale test fails when another language lacks a key English has.
 */
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';

export const t = i18n.t;

/**
 * The language the words are shown in, as a BCP 47 tag ("en-US", "de", "pt-BR"): what Intl and
 * date-fns follow, so dates and numbers match the words around them. The browser's UI language
 * when it is the same language as the messages (keeping its region: "en-GB", "de-AT", "es-MX"),
 * else the language of the messages the browser picked (each locale file names its own).
 */
export function uiLocale(): string {
  const messages = t('ext.locale') || 'en';
  let browserTag = '';
  try {
    browserTag = browser.i18n.getUILanguage().replace('_', '-');
  } catch {
    // Outside an extension page (a unit test without the i18n API) the messages decide.
  }
  const base = (tag: string) => tag.split('-')[0]?.toLowerCase();
  return browserTag && base(browserTag) === base(messages) ? browserTag : messages === 'en' ? 'en-US' : messages;
}

/** "rtl" for a right-to-left UI language, so pages can set `dir` on their root. */
export function uiDirection(): 'ltr' | 'rtl' {
  return /^(ar|fa|he|ur)\b/i.test(uiLocale()) ? 'rtl' : 'ltr';
}
