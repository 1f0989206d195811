import { defineConfig } from 'vitest/config';

/** Browser e2e: the built renderer in Debian's Chromium against the real core via the test host. */
export default defineConfig({
  test: {
    include: ['e2e/browser/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
