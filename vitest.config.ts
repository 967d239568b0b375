import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'connectors/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/admin/src/**/*.test.ts',
      'rules/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'apps/admin/build/**', 'apps/admin/.svelte-kit/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/db-setup.ts'],
  },
});
