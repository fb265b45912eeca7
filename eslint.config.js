// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** Layering (docs/architecture in ../shared/reference/architecture.md), enforced here rather than by review. */
const layer = (files, patterns) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'dist-cli/',
      'release/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  // The engine imports only itself.
  layer(
    ['src/model/**/*.ts'],
    [{ regex: '^(?!\\./)', message: 'src/model is pure: it may import only its own modules (./…).' }],
  ),
  // Report formatting reads the engine's report and nothing else.
  layer(
    ['src/report/**/*.ts'],
    [{ regex: '^(?!\\./|\\.\\./model/)', message: 'src/report may import only itself and src/model.' }],
  ),
  // Decision analysis is pure: it evaluates changed plans with the engine, and reads nothing else.
  layer(
    ['src/analysis/**/*.ts'],
    [{ regex: '^(?!\\./|\\.\\./model/)', message: 'src/analysis may import only itself and src/model.' }],
  ),
  // The catalog is data plus its types.
  layer(
    ['src/catalog/**/*.ts'],
    [
      {
        regex: '^(?!\\./|\\.\\./model/)',
        message: 'src/catalog may import only itself and src/model types.',
      },
    ],
  ),
  // The same rule seen from src/catalog/import (the price list readers): the catalog is "../", the model "../../model/".
  layer(
    ['src/catalog/import/**/*.ts'],
    [
      {
        regex: '^(?!\\./|\\.\\./(?!\\.\\./)|\\.\\./\\.\\./model/)',
        message: 'src/catalog may import only itself and src/model types.',
      },
    ],
  ),
  // Components never reach storage or the desktop shell directly.
  layer(
    ['src/ui/**/*.ts', 'src/ui/**/*.svelte'],
    [
      {
        group: ['dexie', 'electron', '**/db/**', '**/node/**', 'node:*', 'fs', 'path'],
        message: 'UI goes through src/state.',
      },
    ],
  ),
  layer(
    ['src/state/**/*.ts'],
    [{ group: ['electron', '**/node/**', 'node:*', 'fs', 'path'], message: 'Use src/platform.' }],
  ),
  // The renderer's door to the OS is the browser or the Electron bridge, never Node (src/node is for CLI and main).
  layer(
    ['src/platform/**/*.ts'],
    [
      {
        group: ['**/node/**', 'node:*', 'fs', 'path'],
        message: 'src/platform runs in the renderer: no Node.',
      },
    ],
  ),
  // Decoding text is pure, shared by renderer, CLI and main process.
  layer(['src/text/**/*.ts'], [{ regex: '^(?!\\./)', message: 'src/text is pure: it imports only itself.' }]),
  // File limits are plain numbers read by renderer, preload and main alike.
  layer(
    ['src/limits/**/*.ts'],
    [{ regex: '^(?!\\./)', message: 'src/limits is pure: it imports only itself.' }],
  ),
  layer(
    ['src/db/**/*.ts'],
    [
      {
        group: ['electron', 'svelte', 'chart.js', '**/ui/**', '**/state/**', '**/node/**'],
        message: 'db is storage only.',
      },
    ],
  ),
);
