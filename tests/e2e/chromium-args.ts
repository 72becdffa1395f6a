/**
 * How the tests, the demo and the benchmark start Debian's Chromium with the built extension
 * (Debian's package, flags checked on this machine): only our extension, no first-run UI, nothing that
 * reaches for the network on its own.
 */
export function chromiumArgs(extensionDir: string, opts: { headless: boolean }): string[] {
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
  ];
}
