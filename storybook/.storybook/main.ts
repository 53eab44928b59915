import type { StorybookConfig } from '@storybook/web-components-vite';
import { transform } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * Vite 8's TypeScript transform leaves standard decorators (`@property() accessor x`) in its
 * output, which browsers cannot run yet. This plugin lowers our TypeScript with esbuild first,
 * as the test runner and the Rollup build do.
 */
function standardDecorators(): Plugin {
  return {
    name: 'baylink:standard-decorators',
    enforce: 'pre',
    async transform(code, id) {
      const path = id.split('?')[0] ?? id;
      if (!path.endsWith('.ts') || path.includes('/node_modules/')) return null;
      const result = await transform(code, {
        loader: 'ts',
        target: 'es2022',
        sourcemap: true,
        sourcefile: path,
        tsconfigRaw: {
          compilerOptions: { experimentalDecorators: false, useDefineForClassFields: true },
        },
      });
      return { code: result.code, map: result.map };
    },
  };
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../../packages/elements/src/**/*.stories.ts'],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), standardDecorators()];
    // Storybook's own preview runtime is one ~900 kB chunk; ours are small.
    viteConfig.build = { ...viteConfig.build, chunkSizeWarningLimit: 1200 };
    return viteConfig;
  },
};

export default config;
