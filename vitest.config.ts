import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Chromium tests (web-test-runner), not Node ones.
    exclude: ['**/node_modules/**', 'packages/*/test/browser/**'],
    globalSetup: ['packages/api/test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
