import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Meta endpoints are fixed at build time (see lib/config.ts). The host permissions follow them:
 * a production build may only reach Meta's hosts; a build pointed at a loopback server (the Graph
 * API emulator used by the demo and the tests) may only reach loopback.
 */
const graphBase = process.env.WXT_GRAPH_API_BASE ?? 'https://graph.facebook.com/v24.0';
const isLoopback = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(graphBase + '/');

/** The fixed Firefox add-on id keeps `identity.getRedirectURL()` stable, so it can be registered with Meta. */
const GECKO_ID = 'dm-desk@dmdesk.app';

export default defineConfig({
  // @wxt-dev/i18n turns locales/<language>.yml into _locales/*/messages.json at build time and types
  // every key (lib/i18n is the one place the code reads them from).
  //
  // No webextension-polyfill: Chrome's MV3 APIs return promises and Firefox has `browser` natively,
  // so `browser` from wxt/browser is the browser's own API in both (one less 10 KB in every page and
  // the background). Messages are answered through sendResponse (lib/messaging/protocol.ts).
  modules: ['@wxt-dev/i18n/module'],
  // No auto-imports: `browser`, `defineBackground` and the rest are imported where they are used,
  // so every file states its dependencies and lint and the type checker see real bindings.
  imports: false,
  outDir: process.env.DMDESK_OUT_DIR ?? '.output',
  // Terser (two compress passes) minifies about 230 bytes of gzip tighter than Vite's default
  // minifier in the background, which has to stay within its 40 KB budget; it is plain JS, with no
  // binary to download.
  vite: () => ({ plugins: [preact()], build: { minify: 'terser', terserOptions: { compress: { passes: 2 } } } }),
  // `wxt zip -b firefox` also writes the sources zip Firefox reviewers rebuild from
  // (SOURCE_CODE_REVIEW.md says how). It holds what the build reads and the docs, nothing else: no
  // tests, no node_modules, outputs, logs or screenshots, and no stray file lying in the working tree.
  // tests/store/sources-rebuild.test.ts rebuilds the package from it and compares every file.
  zip: {
    includeSources: [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'env.d.ts',
      'entrypoints/**',
      'components/**',
      'lib/**',
      'assets/**',
      'public/**',
      'locales/**',
      'README.md',
      'ARCHITECTURE.md',
      'SOURCE_CODE_REVIEW.md',
      'docs/store/**/*.md',
      'scripts/store/zip.ts',
      'scripts/store/package-checks.ts',
    ],
    excludeSources: ['**/*.log'],
  },
  hooks: {
    // Each page is built on its own, so everything it needs before it shows anything is one
    // script file (its lazy parts stay separate). Built together, the side panel loaded ten: the
    // browser hands a page its extension files through its busy main thread, and the panel's
    // first open without its snapshot waited about 20 ms for the last of them
    // (scripts/bench/trace-first-open.ts). Pages that share code each carry their own copy of it.
    'entrypoints:grouped': (_wxt, groups) => {
      const pages = groups.flatMap((group) => (Array.isArray(group) && group.length > 1 ? group.splice(0) : []));
      const rest = groups.filter((group) => !Array.isArray(group) || group.length > 0);
      groups.splice(0, groups.length, ...rest, ...pages.map((page) => [page]));
    },
    'vite:build:extendConfig': (entrypoints, config) => {
      const page = entrypoints.length === 1 ? entrypoints[0] : undefined;
      if (!page || !page.inputPath.endsWith('.html')) return;
      const output = config.build?.rollupOptions?.output;
      if (!output || Array.isArray(output)) return;
      // Rolldown's built-in tag for what the entry imports statically, at any depth.
      Object.assign(output, { codeSplitting: { groups: [{ name: page.name, tags: ['$initial'] }] } });
    },
    // WXT copies each page's <title> into the toolbar button's and the sidebar's title. Those are
    // read before any page runs, so they name the extension in the browser's language instead
    // (the pages set their own title from the locale when they open).
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const key of ['action', 'browser_action', 'page_action', 'sidebar_action'] as const) {
        const entry = manifest[key] as { default_title?: string } | undefined;
        if (entry) entry.default_title = '__MSG_ext_name__';
      }
    },
  },
  manifest: ({ browser }) => ({
    default_locale: 'en',
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    permissions: ['storage', 'identity', 'alarms', 'notifications', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: isLoopback
      ? ['http://127.0.0.1/*', 'http://localhost/*']
      : // Only the Graph API is fetched. Pictures and videos from Meta's content servers are shown by
        // <img> and <video>, which Chrome loads without a host permission. Firefox's tracking
        // protection blocks those servers as social trackers unless the extension holds an explicit
        // host permission for them (docs/store/permissions.md).
        ['https://graph.facebook.com/*', ...(browser === 'firefox' ? ['https://*.fbcdn.net/*', 'https://*.cdninstagram.com/*'] : [])],
    action: { default_title: '__MSG_ext_name__' },
    commands:
      browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_ext_commandOpenInbox__' } }
        : { 'open-inbox': { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_ext_commandOpenInbox__' } },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // Mozilla counts anything handled outside the browser: the replies and images a person
              // sends go to Meta's Graph API, with Meta's login token. Nothing goes anywhere else
              // (docs/store/data-disclosures.md).
              data_collection_permissions: { required: ['authenticationInfo', 'personalCommunications'] },
            },
            // data_collection_permissions needs Firefox for Android 142; without this web-ext lint warns.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
