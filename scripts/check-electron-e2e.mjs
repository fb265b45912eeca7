// Runs the desktop end-to-end specs (playwright.electron.config.ts): the renderer under the shell's protocol handler
// and CSP in Chromium, and the real app through Playwright's _electron. With no Electron binary installed the
// _electron tests skip themselves, and this script says so plainly — SKIPPED, with the reason — never a silent pass.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = 'reports/electron-e2e.json';
rmSync(report, { force: true });

// The specs need the built renderer (npm test builds it before the checks) and the built main process.
const steps = [['node', ['scripts/build-electron.mjs']]];
if (!existsSync('dist/index.html')) steps.unshift(['npm', ['run', '--silent', 'build']]);
for (const [cmd, args] of steps) {
  if (spawnSync(cmd, args, { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const run = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.electron.config.ts'], {
  stdio: 'inherit',
});
let stats;
const skipReasons = new Set();
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  stats = json.stats;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? [])
          if (a.type === 'skip' && a.description) skipReasons.add(a.description);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of json.suites ?? []) walk(suite);
} catch {
  console.error('check:electron-e2e: Playwright wrote no report');
  process.exit(1);
}

const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = stats;
if (run.status !== 0 || unexpected > 0) {
  console.error(
    `check:electron-e2e FAILED: ${unexpected} failed, ${expected + flaky} passed, ${skipped} skipped`,
  );
  process.exit(1);
}
const passed = expected + flaky;
if (skipped > 0) {
  console.log(
    `\ncheck:electron-e2e: ${passed} passed; ${skipped} SKIPPED (not run, not passed): ${[...skipReasons].join('; ')}`,
  );
} else {
  console.log(`\ncheck:electron-e2e OK: ${passed} passed`);
}
