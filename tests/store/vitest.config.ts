import { defineConfig } from 'vitest/config';

/**
 * `npm run test:store`: the store packages, checked the way a reviewer would (slow: it installs
 * the sources in a clean folder). Kept apart from the unit tests, which run in a few seconds.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/store/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
