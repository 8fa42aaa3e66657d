import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/core/**/*.test.ts',
      'tests/cli/**/*.test.ts',
      'tests/server/**/*.test.ts',
      'tests/main/**/*.test.ts',
      'tests/faults/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
