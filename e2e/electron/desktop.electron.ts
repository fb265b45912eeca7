// The real desktop app, driven by Playwright's _electron. Runs wherever an Electron binary is present (after
// `npm run build && npm run build:electron`, see `npm run check:electron-e2e`); otherwise every test reports itself
// skipped with the reason — never a silent pass.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary.ts';

const binary = findElectronBinary();
test.skip(binary.path === null, `Electron e2e skipped: ${binary.reason}`);

let app: ElectronApplication;
let page: Page;
let userData: string;
const foreignRequests: string[] = [];
const cspViolations: string[] = [];

test.beforeAll(async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'headroom-e2e-'));
  app = await electron.launch({
    executablePath: binary.path!,
    args: ['.', `--user-data-dir=${userData}`],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0' },
  });
  page = await app.firstWindow();
  page.on('request', (request) => {
    if (!request.url().startsWith('app://headroom/') && !request.url().startsWith('data:')) {
      foreignRequests.push(request.url());
    }
  });
  await page.exposeFunction('__reportCsp', (text: string) => cspViolations.push(text));
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

test('the window opens on the example plan, served over app://', async () => {
  expect(page.url()).toBe('app://headroom/index.html');
  await expect(page).toHaveTitle(/Headroom/);
  await expect(page.getByText('Food delivery platform').first()).toBeVisible({ timeout: 20_000 });
});

test('the page has no Node: no require, no process, only the named bridge', async () => {
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    module: typeof (globalThis as { module?: unknown }).module,
    bridge: Object.keys((window as unknown as { headroom: object }).headroom).sort(),
  }));
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    bridge: ['onMenuCommand', 'onOpenFile', 'openFile', 'saveFile'],
  });
});

test('exporting the CSV report goes through the native save dialog', async () => {
  const target = path.join(userData, 'report.csv');
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, target);
  await app.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]!.webContents.send('headroom:menu-command', 'export-csv');
  });
  await expect.poll(() => readFileSafe(target), { timeout: 10_000 }).toContain(',');
});

test('navigation away and window.open are blocked', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://headroom/index.html');
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('an injected inline script is blocked by the CSP; the flows caused no other violation', async () => {
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => cspViolations.some((v) => v.startsWith('script-src'))).toBe(true);
  expect(cspViolations.filter((v) => !v.startsWith('script-src'))).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
