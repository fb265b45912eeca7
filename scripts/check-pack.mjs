// Packaging configuration check (offline): runs electron-builder's real packing step (`--dir`) against a stand-in
// Electron folder (`electronDist`), then asserts what app.asar holds and which fuses were flipped.
// This is a CONFIGURATION check, not a build of a runnable app: the stand-in "electron" executable is a small file
// carrying only the fuse sentinel and wire (the format @electron/fuses edits), because the real binary cannot be
// downloaded here. Installers (AppImage, deb, NSIS, dmg) are built with `npm run dist` on a machine with internet.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { requireFromBuilder } from './builder-deps.mjs';

const asar = requireFromBuilder('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = requireFromBuilder('@electron/fuses');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const problems = [];
const fail = (message) => problems.push(message);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

if (!existsSync('dist/index.html')) {
  const b = run('npm', ['run', '--silent', 'build']);
  if (!b.ok) {
    console.error(b.output);
    process.exit(1);
  }
}
const e = run('node', ['scripts/build-electron.mjs']);
if (!e.ok) {
  console.error(e.output);
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'headroom-pack-'));
try {
  // Stand-in Electron: an executable with the fuse sentinel, wire version 1 and 8 fuses, all enabled ('1') so that
  // every fuse the config turns off visibly changes.
  const electronDist = path.join(work, 'electron-dist');
  mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  const stub = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for the packaging check"\nexit 1\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from('11111111'),
  ]);
  writeFileSync(path.join(electronDist, 'electron'), stub);
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  writeFileSync(path.join(electronDist, 'version'), '45.4.1');

  const out = path.join(work, 'out');
  const started = Date.now();
  const pack = run('npx', [
    'electron-builder',
    '--linux',
    'dir',
    '--x64',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${out}`,
    '--publish',
    'never',
  ]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!pack.ok) {
    console.error(pack.output);
    console.error(`check:pack: electron-builder --dir failed after ${seconds}s (see output above).`);
    process.exit(1);
  }

  const unpacked = path.join(out, 'linux-unpacked');
  const asarPath = path.join(unpacked, 'resources', 'app.asar');
  if (!existsSync(asarPath)) fail('resources/app.asar was not produced (is "asar: true" set?)');
  if (existsSync(path.join(unpacked, 'resources', 'app'))) fail('an unpacked resources/app folder exists');
  if (existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked'))) fail('app.asar.unpacked exists');

  if (existsSync(asarPath)) {
    const files = asar.listPackage(asarPath).map((f) => f.replaceAll('\\', '/'));
    const allowed = [
      /^\/package\.json$/,
      /^\/dist$/,
      /^\/dist\/index\.html$/,
      /^\/dist\/assets$/,
      /^\/dist\/assets\/[\w.-]+\.(js|css|svg|png|woff2?|json|webmanifest|ico|txt)$/,
      /^\/dist\/[\w.-]+\.(svg|png|ico|webmanifest|txt|json)$/,
      /^\/dist-electron$/,
      /^\/dist-electron\/(main|preload)\.cjs$/,
    ];
    for (const file of files) {
      if (!allowed.some((re) => re.test(file))) fail(`unexpected file in app.asar: ${file}`);
    }
    for (const required of [
      '/package.json',
      '/dist/index.html',
      '/dist-electron/main.cjs',
      '/dist-electron/preload.cjs',
    ]) {
      if (!files.includes(required)) fail(`app.asar lacks ${required}`);
    }
    for (const banned of [
      /node_modules/,
      /\.ts$/,
      /\.map$/,
      /^\/src\//,
      /^\/electron\//,
      /test/i,
      /^\/e2e\//,
    ]) {
      const hit = files.find((f) => banned.test(f));
      if (hit) fail(`app.asar holds ${hit} (matches ${banned})`);
    }
    const pkg = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8'));
    if (pkg.main !== 'dist-electron/main.cjs') fail(`packaged package.json "main" is ${pkg.main}`);
    for (const key of ['devDependencies', 'dependencies', 'scripts']) {
      if (pkg[key] && Object.keys(pkg[key]).length > 0) fail(`packaged package.json still has ${key}`);
    }
    console.log(`app.asar: ${files.filter((f) => /\.\w+$/.test(f)).length} files`);
  }

  // Fuses, as written into the (stand-in) binary by electron-builder's electronFuses step.
  const wire = await getCurrentFuseWire(path.join(unpacked, 'headroom-desktop'));
  const expected = {
    RunAsNode: 48,
    EnableCookieEncryption: 49,
    EnableNodeOptionsEnvironmentVariable: 48,
    EnableNodeCliInspectArguments: 48,
    EnableEmbeddedAsarIntegrityValidation: 49,
    OnlyLoadAppFromAsar: 49,
    LoadBrowserProcessSpecificV8Snapshot: 48,
    GrantFileProtocolExtraPrivileges: 48,
  };
  for (const [name, state] of Object.entries(expected)) {
    const actual = wire[FuseV1Options[name]];
    if (actual !== state) {
      fail(`fuse ${name} is ${String.fromCharCode(actual)} but should be ${String.fromCharCode(state)}`);
    }
  }

  if (problems.length > 0) {
    console.error(`check:pack FAILED (packing took ${seconds}s):\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
  console.log(
    `check:pack OK in ${seconds}s — configuration check against a stand-in Electron (not a runnable app): ` +
      'app.asar holds only package.json, dist/ and dist-electron/{main,preload}.cjs; all 8 fuses as configured.',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
