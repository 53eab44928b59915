import { defineConfig } from 'vitest/config';

// End-to-end tests of the example portal in real Chromium. They need the browser bundles
// (`npm run build`) and a Chromium (CHROME_PATH, or /usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['examples/test/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
