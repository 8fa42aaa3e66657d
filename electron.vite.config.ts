import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Three builds: main (Electron glue + the CLI and browser-mode server, which share the pure core),
// preload (CommonJS, required by sandboxed renderers) and the Svelte renderer.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli.ts'),
          // Worker threads (extractor pool, search-index rebuild), started by index.js and cli.js from beside them.
          'extract-worker': resolve('src/main/core/import/extract-worker.ts'),
          'rebuild-worker': resolve('src/main/core/search/rebuild-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only electron: bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [svelte()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
