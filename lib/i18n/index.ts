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

/** The browser's UI language as a BCP 47 tag ("en-US", "de", "pt-BR"): what Intl and date-fns follow. */
export function uiLocale(): string {
  let tag = '';
  try {
    tag = browser.i18n.getUILanguage();
  } catch {
    // Outside an extension page (a unit test without the i18n API) English is the answer.
  }
  return (tag || 'en-US').replace('_', '-');
}

/** "rtl" for a right-to-left UI language, so pages can set `dir` on their root. */
export function uiDirection(): 'ltr' | 'rtl' {
  return /^(ar|fa|he|ur)\b/i.test(uiLocale()) ? 'rtl' : 'ltr';
}
