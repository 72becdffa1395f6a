import { defineConfig } from 'vitest/config';

/**
 * `npm run test:store`: the store packages, checked the way a reviewer would (slow: it installs
 * the sources in a clean folder). Kept apart from the unit tests, which run in a few seconds.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/store/**/*.test.ts'],
    // About a minute and a half on an idle 2-core machine; far longer when other work shares it.
    testTimeout: 900_000,
    hookTimeout: 60_000,
  },
});
