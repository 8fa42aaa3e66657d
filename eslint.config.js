import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,svelte}', 'src/renderer/**/*.svelte.ts', 'tests/renderer/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  {
    // The core is pure: no Electron, no DOM. It runs in the CLI, browser mode, workers and tests.
    files: ['src/main/core/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'src/main/core is platform-neutral: keep electron in src/main glue.',
            },
          ],
          patterns: [
            {
              group: ['electron/*', '../*.js', '../index', '../window', '../menu', '../ipc'],
              message: 'core imports only downward.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    // Code the CLI, browser mode and tests load must never pull in electron (it triggers a binary download).
    files: [
      'src/main/cli.ts',
      'src/main/cli/**/*.ts',
      'src/main/server/**/*.ts',
      'tests/core/**/*.ts',
      'tests/cli/**/*.ts',
      'tests/server/**/*.ts',
      'tests/main/**/*.ts',
      'tests/helpers/**/*.ts',
      'tests/faults/**/*.ts',
      'scripts/faults/**/*.ts',
      'src/main/web-preferences.ts',
      'src/main/channels.ts',
      'src/main/ipc-handler.ts',
      'src/preload/bridge.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron only in src/main glue.' }] },
      ],
    },
  },
);
