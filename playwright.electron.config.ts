import { defineConfig } from '@playwright/test';

// The desktop app's end-to-end specs (Playwright `_electron`), kept apart from the browser suite in
// playwright.config.ts. Run through `npm run check:electron-e2e`, which builds the app first and reports a skip,
// with its reason, when no Electron binary is installed.
export default defineConfig({
  testDir: 'e2e/electron',
  testMatch: '*.electron.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'reports/electron-e2e-results',
  reporter: [['list'], ['json', { outputFile: 'reports/electron-e2e.json' }]],
});
