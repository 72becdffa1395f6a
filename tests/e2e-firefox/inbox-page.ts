/** DM Desk's pages in Firefox as a person sees them: roles, accessible names and visible text. */
import type { ElementHandle, Page } from 'puppeteer-core';
import { eventually } from './eventually';

/** `::-p-aria` selector for an element with this role and accessible name. */
export function aria(role: string, name?: string): string {
  return name === undefined ? `::-p-aria([role="${role}"])` : `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;
}

export async function textOf(el: ElementHandle): Promise<string> {
  return el.evaluate((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
}

export class InboxPage {
  constructor(readonly page: Page) {}

  /** The one element with this role and name; waits for it to appear. */
  async get(role: string, name: string, timeout = 10_000): Promise<ElementHandle> {
    const el = await this.page.waitForSelector(aria(role, name), { timeout });
    if (!el) throw new Error(`no ${role} "${name}"`);
    return el;
  }

  /**
   * The open thread of a contact: named after the contact's name once Meta's profile has been read
   * (in the background, a moment after the rows show), by the username before that.
   */
  async thread(username: string, name: string): Promise<ElementHandle> {
    return eventually(async () => {
      for (const shown of [name, username]) {
        const el = await this.page.$(aria('region', `Conversation with ${shown}`));
        if (el) return el;
      }
      throw new Error(`no open conversation with ${name} (@${username})`);
    });
  }

  async has(role: string, name?: string): Promise<boolean> {
    return (await this.page.$(aria(role, name))) !== null;
  }

  /** Elements with `role` inside the element with `containerRole` named `containerName`. */
  async within(containerRole: string, containerName: string, role: string): Promise<ElementHandle[]> {
    const container = await this.page.$(aria(containerRole, containerName));
    return container ? container.$$(aria(role)) : [];
  }

  /** The account pills, as their visible names. */
  async pillNames(): Promise<string[]> {
    return Promise.all((await this.within('tablist', 'Instagram accounts', 'tab')).map(textOf));
  }

  /**
   * The account pill showing `name`. Found by its visible label, not its accessible name: an unread
   * count ("Lumen Coffee 2 unread") joins the name while a sync is under way.
   */
  async pill(name: string): Promise<ElementHandle> {
    return eventually(async () => {
      for (const tab of await this.within('tablist', 'Instagram accounts', 'tab')) {
        if ((await tab.evaluate((e) => e.querySelector('.pill-label')?.textContent)) === name) return tab;
      }
      throw new Error(`no account pill "${name}"`);
    });
  }

  async pillSelected(name: string): Promise<boolean> {
    const pill = await this.pill(name);
    return (await pill.evaluate((e) => e.getAttribute('aria-selected'))) === 'true';
  }

  /** The rows of the conversation list, as their visible text. */
  async rowTexts(): Promise<string[]> {
    return Promise.all((await this.within('list', 'Conversations', 'button')).map(textOf));
  }

  /** The conversation row showing `text` (a username, a preview…). */
  async row(text: string): Promise<ElementHandle> {
    return eventually(async () => {
      for (const row of await this.within('list', 'Conversations', 'button')) if ((await textOf(row)).includes(text)) return row;
      throw new Error(`no conversation row shows "${text}"`);
    });
  }

  /** The messages of the open thread, oldest first, as their visible text. */
  async messageTexts(): Promise<string[]> {
    return Promise.all((await this.within('list', 'Messages', 'listitem')).map(textOf));
  }

  /** Waits until `fn` (reading the page) returns without throwing; returns what it returned. */
  expect<T>(fn: () => Promise<T>, timeout = 10_000): Promise<T> {
    return eventually(fn, timeout);
  }
}
