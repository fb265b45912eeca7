import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium.ts';

// End-to-end tests drive the built renderer in Debian's Chromium (`apt-get install -y chromium`), served by
// `vite preview`. The Electron specs (e2e/electron) skip themselves when the Electron binary is missing.
/** E2E_PORT lets several checkouts run their suites side by side; 4173 otherwise. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    trace: 'off',
  },
  webServer: {
    command: `npm run --silent build && npm run --silent web -- --host 127.0.0.1 --port ${E2E_PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
