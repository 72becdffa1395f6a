import js from '@eslint/js';
import signals from '@preact/eslint-plugin-signals';
import { defineConfig } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint with type information. Each .ts/.tsx file is typed by the nearest tsconfig.json that includes
 * it: the root one for the extension, tests and scripts; tests/emulator/tsconfig.json for the Graph
 * API emulator and tests/unit/emulator/tsconfig.json for its unit tests (both run in Node, outside
 * the extension's types). Plain JavaScript files (this one) are linted without types.
 */
const UI_AND_EXTENSION = ['components/**', 'entrypoints/**', 'lib/**'];
const NODE_SIDE = ['scripts/**', 'tests/**', '*.config.{ts,js}'];

export default defineConfig(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'demo-output/**',
      'test-results/**',
      'playwright-report/**',
      'web-ext-artifacts/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // TypeScript checks names itself; `no-undef` only misreads types and declared globals.
      'no-undef': 'off',
      // A promise nobody awaits or handles loses its rejection. Write `void p` only where the result
      // is not wanted on purpose (the promise handles its own failures).
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function handed to something that ignores its result (an event handler, a
      // forEach, a JSX `onClick`) loses its rejection too: wrap it as `() => void run()`.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // The WebExtension API comes from one import (WXT's auto-imports are off): Chrome and Firefox
      // then run the same promise-based `browser`, and each file shows what it depends on.
      'no-restricted-globals': ['error', { name: 'browser', message: "Import it: import { browser } from 'wxt/browser'." }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: UI_AND_EXTENSION,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Storage items come from lib/storage: WXT's storage module would bring ~4 KB of gzipped JS
      // (migrations, metadata, snapshots) into every page and the background for nothing we use.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'wxt/utils/storage', message: "Use lib/storage: import { storage } from '…/storage'." },
            { name: '@wxt-dev/storage', message: "Use lib/storage: import { storage } from '…/storage'." },
          ],
        },
      ],
    },
  },
  {
    files: NODE_SIDE,
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  // Hooks wherever hooks are written. Preact's `preact/hooks` (useEffect, useMemo, useCallback, ...)
  // carry React's names and rules, which is all both rules look at.
  {
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx', 'lib/**/*.{ts,tsx}', 'tests/unit/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Misuses of @preact/signals a reader cannot see. `no-conditional-value-read` wants every signal a
  // computed or effect depends on read before its first early return, so its dependencies show at a
  // glance. Left out: `no-value-after-await`, which flags any read after an await in any async
  // function, while our models' async methods read the current state after awaits on purpose,
  // outside any computed or effect (`.peek()` there would say the same thing). Tests build signals
  // next to JSX on purpose, so they are not checked.
  {
    files: UI_AND_EXTENSION,
    plugins: { signals },
    rules: {
      'signals/no-signal-write-in-computed': 'error',
      'signals/no-signal-truthiness': 'error',
      'signals/no-signal-in-component-body': 'error',
      'signals/no-conditional-value-read': 'error',
    },
  },
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // Audio and video in a conversation come from Instagram without any caption track to offer.
      'jsx-a11y/media-has-caption': 'off',
    },
  },
);
