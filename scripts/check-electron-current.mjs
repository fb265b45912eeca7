// Electron security checklist item 16: the Electron in use is current — at most two majors behind the latest on npm —
// and nothing with a known high/critical advisory ships. Needs the npm registry; the latest version is cached for a
// day in reports/ so repeated test runs do not ask again. Without a registry answer the version check says SKIPPED
// with the reason (it never passes silently).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const MAX_MAJORS_BEHIND = 2;
const installed = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const major = (v) => Number.parseInt(String(v).split('.')[0], 10);
let failed = false;

// The latest version, from the cache when fresh.
const cache = 'reports/electron-latest.json';
let latest;
if (existsSync(cache) && Date.now() - statSync(cache).mtimeMs < 24 * 3600 * 1000) {
  latest = JSON.parse(readFileSync(cache, 'utf8')).latest;
} else {
  const r = spawnSync('npm', ['view', 'electron', 'version'], { encoding: 'utf8', timeout: 20_000 });
  const answer = (r.stdout ?? '').trim();
  if (r.status === 0 && /^\d+\.\d+\.\d+/.test(answer)) {
    latest = answer;
    mkdirSync('reports', { recursive: true });
    writeFileSync(cache, JSON.stringify({ latest, checked: new Date().toISOString() }));
  } else {
    console.log(
      `electron-current: version check SKIPPED — the npm registry did not answer (${r.error?.message ?? r.stderr?.trim() ?? 'no output'})`,
    );
  }
}
if (latest !== undefined) {
  const behind = major(latest) - major(installed);
  if (behind > MAX_MAJORS_BEHIND) {
    console.error(
      `electron-current: Electron ${installed} is ${behind} majors behind ${latest} (limit ${MAX_MAJORS_BEHIND})`,
    );
    failed = true;
  } else {
    console.log(
      `electron-current: Electron ${installed}, latest ${latest}: ${behind} major(s) behind (limit ${MAX_MAJORS_BEHIND})`,
    );
  }
}

// What ships: "dependencies" lists the libraries the app and the CLI run (svelte, chart.js, dexie, zod, papaparse),
// bundled at build time by Vite and esbuild; they are what `npm audit --omit=dev` audits.
const runtimeDeps = Object.keys(pkg.dependencies ?? {});
if (runtimeDeps.length > 0) {
  const audit = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], {
    encoding: 'utf8',
    timeout: 60_000,
    // Under `npm run --silent` the child npm inherits loglevel=silent and would hide why the audit failed.
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  const output = `${audit.stdout ?? ''}${audit.stderr ?? ''}`;
  if (audit.status !== 0 && /audit endpoint returned an error|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test(output)) {
    console.log('electron-current: npm audit SKIPPED — the registry audit endpoint is unavailable here');
  } else if (audit.status !== 0) {
    console.error(`electron-current: npm audit --omit=dev reports high/critical advisories:\n${output}`);
    failed = true;
  }
} else {
  console.log(
    'electron-current: no runtime "dependencies" (everything shipped is bundled at build time); npm audit --omit=dev has nothing to audit',
  );
}
process.exit(failed ? 1 : 0);
