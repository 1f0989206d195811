import { defineConfig } from 'vitest/config';

/** Electron specs (Playwright _electron); run by scripts/build/runElectronE2e.ts, which skips with a reason when there is no Electron binary. */
export default defineConfig({
  test: {
    include: ['e2e/electron/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
