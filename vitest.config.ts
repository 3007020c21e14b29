import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (*.test.ts); integration tests under tests/integration.
// Browser e2e tests (*.e2e.ts) run through Playwright, not here.
export default defineConfig({
  test: {
    include: ['libs/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
