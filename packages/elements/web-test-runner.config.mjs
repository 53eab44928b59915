// Element tests in real Chromium: `npm run test:browser` from the repository root.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  rootDir: here('../..'),
  files: [here('./src/**/*.test.ts')],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    // Lowers TypeScript and standard decorators (`@property() accessor x`) for the browser.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('../../tsconfig.json') }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  // Two cores: one test file at a time keeps timings (uploads, focus) steady.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /></head>
  <body>
    <script>
      // Lit's development build warns once per page that it is in dev mode: expected here.
      globalThis.litIssuedWarnings = new Set(['dev-mode']);
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
