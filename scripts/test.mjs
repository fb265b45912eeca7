// The one test command (`npm test`): type checks, lint, unit tests, build, end-to-end tests and the extra checks,
// each counted, ending with the line `N passed, N failed` that CI reads. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'reports';
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(cmd, args, env = {}) {
  console.log(`\n=== ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** A check that is not a test runner counts as one test. */
function check(name, cmd, args, env) {
  if (run(cmd, args, env)) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);

// The renderer build first: some unit tests check what it produced (the CSP meta tag in dist/index.html).
check('build', 'npm', ['run', '--silent', 'build']);

// Unit, property and migration tests (Vitest).
{
  const out = `${reports}/vitest.json`;
  rmSync(out, { force: true });
  const ok = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const r = readJson(out);
  if (r) {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    if (r.numFailedTests > 0) failures.push('vitest');
  }
  if (!ok && (!r || r.numFailedTests === 0)) {
    failed += 1;
    failures.push('vitest (run failed)');
  }
}

// Extra checks registered by package.json scripts named check:* (run in name order).
const suiteReports = [`${reports}/electron-e2e.json`];
for (const out of suiteReports) rmSync(out, { force: true });
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const name of Object.keys(pkg.scripts ?? {})
  .filter((s) => s.startsWith('check:'))
  .sort()) {
  check(name, 'npm', ['run', '--silent', name]);
}

// Checks that run a Playwright suite of their own report its skipped tests here, so the summary counts them.
for (const out of suiteReports) {
  const r = readJson(out);
  if (r?.stats?.skipped) {
    skipped += r.stats.skipped;
    console.log(`(${r.stats.skipped} skipped in ${out}: see the check's output for why)`);
  }
}

// End-to-end tests in Chromium (Playwright), when the suite exists.
if (existsSync('playwright.config.ts')) {
  const out = `${reports}/playwright.json`;
  rmSync(out, { force: true });
  const ok = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const r = readJson(out);
  if (r?.stats) {
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected;
    skipped += r.stats.skipped ?? 0;
    if (r.stats.unexpected > 0) failures.push('playwright');
  }
  if (!ok && (!r?.stats || r.stats.unexpected === 0)) {
    failed += 1;
    failures.push('playwright (run failed)');
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
