// Runs the Electron end-to-end spec (playwright.electron.config.ts). With no Electron binary installed every test
// skips itself, and this script says so plainly — SKIPPED, with the reason — instead of passing silently.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = 'reports/electron-e2e.json';
rmSync(report, { force: true });

const hasBinary =
  existsSync('node_modules/electron/path.txt') || Boolean(process.env.ELECTRON_OVERRIDE_DIST_PATH);
if (hasBinary) {
  for (const [cmd, args] of [
    ['npm', ['run', '--silent', 'build']],
    ['node', ['scripts/build-electron.mjs']],
  ]) {
    if (spawnSync(cmd, args, { stdio: 'inherit' }).status !== 0) process.exit(1);
  }
}

const run = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.electron.config.ts'], {
  stdio: 'inherit',
});
let stats;
let skipReasons = new Set();
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
if (expected + flaky === 0 && skipped > 0) {
  console.log(
    `\ncheck:electron-e2e SKIPPED (${skipped} tests, not run, not passed): ${[...skipReasons].join('; ')}`,
  );
  process.exit(0);
}
console.log(`check:electron-e2e OK: ${expected + flaky} passed, ${skipped} skipped`);
