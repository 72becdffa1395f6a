/** The side panel inbox as a person sees it: roles and labels, never CSS internals. */
import type { BrowserContext, Locator, Page } from '@playwright/test';

export const NARROW = { width: 400, height: 800 };
export const WIDE = { width: 1000, height: 800 };

export class InboxPage {
  page!: Page;

  constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
  ) {}

  url(path = 'sidepanel.html'): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  async open(size: { width: number; height: number } = NARROW): Promise<Page> {
    this.page = await this.context.newPage();
    await this.page.setViewportSize(size);
    await this.page.goto(this.url());
    return this.page;
  }

  /** Clicks "Connect Account" and approves on the Meta consent page. */
  async connect(): Promise<void> {
    const consent = this.context.waitForEvent('page');
    await this.page.getByRole('button', { name: 'Connect Account' }).click();
    const dialog = await consent;
    await dialog.getByRole('button', { name: 'Continue' }).click();
  }

  pill(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }
  get pills(): Locator {
    return this.page.getByRole('tablist', { name: 'Instagram accounts' }).getByRole('tab');
  }
  get rows(): Locator {
    return this.page.getByRole('list', { name: 'Conversations' }).getByRole('button');
  }
  row(name: string | RegExp): Locator {
    return this.rows.filter({ hasText: name });
  }
  get thread(): Locator {
    return this.page.getByRole('region', { name: /^Conversation with/ });
  }
  get messages(): Locator {
    return this.page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  }
  get messageBox(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }
  get sendButton(): Locator {
    return this.page.getByRole('button', { name: 'Send', exact: true });
  }
  get refreshButton(): Locator {
    return this.page.getByRole('button', { name: 'Refresh', exact: true });
  }
  get backButton(): Locator {
    return this.page.getByRole('button', { name: 'Back', exact: true });
  }
}
