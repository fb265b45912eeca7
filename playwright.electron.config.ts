import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium.ts';

// The desktop app's end-to-end specs, kept apart from the browser suite in playwright.config.ts and run through
// `npm run check:electron-e2e` (which builds first): `*.electron.ts` drive the real app with Playwright `_electron`
// and report a skip, with its reason, when no Electron binary is installed; `*.chromium.ts` run the built renderer
// under the shell's protocol handler and CSP in the system Chromium.
export default defineConfig({
  testDir: 'e2e/electron',
  testMatch: ['*.electron.ts', '*.chromium.ts'],
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'reports/electron-e2e-results',
  reporter: [['list'], ['json', { outputFile: 'reports/electron-e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    viewport: { width: 1400, height: 900 },
  },
});
