/**
 * How the tests, the demo and the benchmark start Debian's Chromium with the built extension
 * (Debian's package, flags checked on this machine): only our extension, no first-run UI, nothing that
 * reaches for the network on its own.
 */
export function chromiumArgs(extensionDir: string, opts: { headless: boolean; lang?: string }): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--disable-sync',
    '--disable-component-update',
    '--disable-background-networking',
    // Root (CI, containers) cannot use Chromium's sandbox.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(opts.headless ? ['--disable-gpu'] : []),
    // The browser's language ("de", "pt-BR"): chrome.i18n answers in it. Headless Chromium still
    // reports en-US from getUILanguage(), which lib/i18n's uiLocale() allows for.
    ...(opts.lang ? [`--lang=${opts.lang}`] : []),
  ];
}
