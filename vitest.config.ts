import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Two projects: the core and the Node edges (CLI, server, main-process glue) on Node; the renderer's state
// modules and components in a DOM (happy-dom), compiled by Svelte for the browser so runes behave as in the app.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'tests/core/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/server/**/*.test.ts',
            'tests/main/**/*.test.ts',
            'tests/faults/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        plugins: [svelte()],
        // Svelte's browser build (mount, effects) for the test files too, not its server build.
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
