// The built renderer (dist/) under the shell's own protocol handler and CSP, in Chromium — no Electron binary needed.
// Every request to the page's origin is answered by createAppProtocolHandler (the code main.ts registers for app://),
// so the page gets exactly the headers the desktop app sends. Checks: the app starts on the example plan with no
// CSP violation, no request leaves the origin, and an injected inline script is blocked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createAppProtocolHandler } from '../../electron/app-protocol.ts';
import { CSP_META_TAG } from '../../electron/csp.ts';

const ORIGIN = 'http://headroom.test';
const handler = createAppProtocolHandler(path.resolve('dist'));

// zod 4 probes for eval support with a caught `new Function('')` unless `z.config({ jitless: true })` runs first; under
// this CSP the probe is blocked (so eval stays off) but still reports a violation. Tolerated only while the built
// renderer does not set jitless; once it does, any eval violation fails the test.
const rendererSetsJitless = readdirSync('dist/assets')
  .filter((f) => f.endsWith('.js'))
  .some((f) => /jitless:(!0|true)/.test(readFileSync(path.join('dist/assets', f), 'utf8')));
const isZodEvalProbe = (v: string): boolean => !rendererSetsJitless && v.startsWith('script-src eval ');

test('the renderer runs under the desktop CSP with no violation and no foreign request', async ({ page }) => {
  const foreign: string[] = [];
  const violations: string[] = [];
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(`${ORIGIN}/`)) {
      foreign.push(url);
      return route.abort();
    }
    const response = await handler(new Request(`app://headroom${url.slice(ORIGIN.length)}`));
    let body = Buffer.from(await response.arrayBuffer());
    // Until index.html carries the <meta> CSP tag itself, add it here so the tag is checked along with the header.
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      const html = body.toString('utf8');
      if (!html.includes('http-equiv="Content-Security-Policy"')) {
        body = Buffer.from(html.replace(/<head>/i, `<head>\n    ${CSP_META_TAG}`));
      }
    }
    return route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body });
  });
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(error.message));
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  const response = await page.goto(`${ORIGIN}/index.html`);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  await expect(page.getByText('Food delivery platform').first()).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(1000);
  if (violations.some(isZodEvalProbe)) {
    test.info().annotations.push({
      type: 'warning',
      description:
        "zod's eval probe was blocked by the CSP; add z.config({ jitless: true }) at renderer start-up",
    });
  }
  expect(violations.filter((v) => !isZodEvalProbe(v))).toEqual([]);
  // No CSP complaint in the console either (e.g. a directive a <meta> tag cannot carry).
  const cspConsole = consoleProblems.filter((t) =>
    /Content Security Policy|Content-Security-Policy/i.test(t),
  );
  expect(cspConsole.filter((t) => rendererSetsJitless || !t.includes("'unsafe-eval'"))).toEqual([]);
  expect(foreign).toEqual([]);

  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.some((v) => v.startsWith('script-src'))).toBe(true);
  // A string timer is compiled later by the page itself (not by Playwright's evaluation, which CSP does not cover).
  await page.evaluate(() => {
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
  });
  await page.waitForTimeout(200);
  const evalBlocked = await page.evaluate(
    () => (window as unknown as { __evalRan?: boolean }).__evalRan !== true,
  );
  expect(evalBlocked).toBe(true);
});
