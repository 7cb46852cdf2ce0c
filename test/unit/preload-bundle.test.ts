// The preload runs before every page load in the sandboxed window: it must stay small and must not carry zod
// (the contract's schemas belong to main, which validates; the preload only routes calls by name).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const MAX_BYTES = 30 * 1024;

describe('the preload bundle', () => {
  it('is at most 30 KB and has no zod inside', async () => {
    const result = await build({
      entryPoints: ['electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles[0]?.contents.byteLength ?? Number.POSITIVE_INFINITY;
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.includes('node_modules/zod'))).toEqual([]);
    expect(inputs).toContain('shared/operations.ts');
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });
});
