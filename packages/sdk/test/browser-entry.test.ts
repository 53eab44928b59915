import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the browser entry of @baylink/sdk', () => {
  it('bundles without zod or jose', async () => {
    const inputs = await bundledInputs('../src/index.ts');
    expect(inputs.some((input) => input.includes('src/client/transport.ts'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/(zod|jose)\//.test(input))).toEqual([]);
  });

  it('is the only entry that does: the server entry brings zod and jose', async () => {
    const inputs = await bundledInputs('../src/server/index.ts');
    expect(inputs.some((input) => /node_modules\/zod\//.test(input))).toBe(true);
    expect(inputs.some((input) => /node_modules\/jose\//.test(input))).toBe(true);
  });
});
