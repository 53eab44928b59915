// Builds the browser bundles: the SDK and the elements as minified ES modules, each with one
// bundled type declaration file, and the service worker as one classic script. zod never enters
// these bundles: the browser entry of the SDK imports only types and zod-free constants from the
// contract (checked below).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

const entries = {
  sdk: 'packages/sdk/src/index.ts',
  elements: 'packages/elements/src/index.ts',
};

const noZodInBrowser = {
  name: 'no-zod-in-browser',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      const zod =
        chunk.type === 'chunk' &&
        Object.keys(chunk.modules).find((id) => /node_modules[\\/]zod[\\/]/.test(id));
      if (zod) this.error(`${chunk.fileName} pulls zod into a browser bundle (${zod})`);
    }
  },
};

const esm = (name, input) => ({
  input,
  output: { file: `dist/${name}.js`, format: 'es', sourcemap: true },
  plugins: [
    nodeResolve({
      browser: true,
      extensions: ['.ts', '.js', '.mjs'],
      exportConditions: ['browser', 'import', 'default'],
    }),
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json', legalComments: 'none' }),
    noZodInBrowser,
  ],
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
});

const types = (name, input) => ({
  input,
  output: { file: `dist/${name}.d.ts`, format: 'es' },
  plugins: [dts({ tsconfig: 'tsconfig.json', respectExternal: false })],
  external: [/^lit/, /^@lit\//],
});

/**
 * Workbox's modules test `process.env.NODE_ENV` for their development logging; a browser has no
 * `process`, so the service worker bundle is built for production.
 */
const productionWorkbox = {
  name: 'production-workbox',
  transform(code, id) {
    if (!/node_modules[\\/]workbox-/.test(id) || !code.includes('process.env.NODE_ENV'))
      return null;
    return { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null };
  },
};

/**
 * The service worker: ONE classic script (`iife`, no imports left: workbox's bare imports and
 * `@baylink/sdk/push-worker` are resolved here) that hosts serve from their origin or pull into
 * their own worker with `importScripts`.
 */
const serviceWorker = {
  input: 'packages/elements/src/service-worker/baylink-sw.ts',
  output: { file: 'dist/baylink-sw.js', format: 'iife', sourcemap: true },
  plugins: [
    nodeResolve({
      browser: true,
      extensions: ['.ts', '.js', '.mjs'],
      exportConditions: ['browser', 'import', 'default'],
    }),
    productionWorkbox,
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json', legalComments: 'none' }),
    noZodInBrowser,
  ],
};

export default [
  ...Object.entries(entries).flatMap(([name, input]) => [esm(name, input), types(name, input)]),
  serviceWorker,
];
