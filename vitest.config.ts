import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Keychain and CLI tests share one Secret Service; files run in parallel, tests inside a file in order.
    pool: 'forks',
    reporters: ['default'],
  },
});
