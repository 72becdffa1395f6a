/**
 * Filling a saved reply's variables from the contact and the account. The rule, also told on the
 * options page (VARIABLE_HELP):
 *   {first_name}  the first word of the contact's name; "there" when the name is unknown, so
 *                 "Hi {first_name}," reads "Hi there," (never "Hi Instagram User," or a username);
 *   {name}        the contact's full name; else their username; else "there";
 *   {username}    the contact's Instagram username (without @); else their name; else "there";
 *   {account}     your account's name; else its username.
 * A name is unknown when Meta gave none (or gave "Instagram User", or it reads as that in the
 * UI's language). The fallback word ("there") is in the UI's language. Anything else in braces stays
 * as written.
 */
import { UNKNOWN_PARTICIPANT, unknownParticipantName } from '../format/text';
import { t } from '../i18n';

export interface FillContext {
  contact: { name?: string | null; username: string | null } | null;
  account: { name: string | null; username: string } | null;
}

export const VARIABLES = ['first_name', 'name', 'username', 'account'] as const;
export type Variable = (typeof VARIABLES)[number];

/** The fallback word for a contact DM Desk knows nothing about ("there" in English), in the UI's language. */
export function unknownContactWord(): string {
  return t('composer.unknownContactWord');
}

/** What each variable becomes, in words for the options page (read in the UI's language when shown). */
export const VARIABLE_HELP: Readonly<Record<Variable, string>> = {
  get first_name() {
    return t('composer.variableFirstName', { word: unknownContactWord(), first_name: '{first_name}' });
  },
  get name() {
    return t('composer.variableName', { word: unknownContactWord() });
  },
  get username() {
    return t('composer.variableUsername', { word: unknownContactWord() });
  },
  get account() {
    return t('composer.variableAccount');
  },
};

const clean = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/** The contact's real name, or '' when Meta withheld it. */
function knownName(ctx: FillContext): string {
  const name = clean(ctx.contact?.name);
  return name === UNKNOWN_PARTICIPANT || name === unknownParticipantName() ? '' : name;
}

export function variableValue(variable: Variable, ctx: FillContext): string {
  const name = knownName(ctx);
  const fallback = unknownContactWord();
  const username = clean(ctx.contact?.username).replace(/^@/, '');
  switch (variable) {
    case 'first_name':
      return name.split(' ')[0] || fallback;
    case 'name':
      return name || username || fallback;
    case 'username':
      return username || name || fallback;
    case 'account':
      return clean(ctx.account?.name) || clean(ctx.account?.username);
  }
}

/** The reply's text with every known variable filled in. */
export function fillReply(text: string, ctx: FillContext): string {
  return text.replace(/\{(first_name|name|username|account)\}/g, (_, v: Variable) => variableValue(v, ctx));
}
