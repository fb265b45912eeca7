// Loads the real esbuild bundles (what ships in app.asar), not the TypeScript sources: main.cjs with a fake
// 'electron' module, and preload.cjs in a bare VM context whose require knows only 'electron' — as in a sandboxed
// renderer, where the preload cannot load Node modules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADROOM_BRIDGE_KEYS } from '../src/platform/electron-bridge.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { createFakeElectron } from './test-support/fake-electron.ts';
import { SECURE_WEB_PREFERENCES } from './web-preferences.ts';

let dir: string;
let out: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'headroom-bundle-'));
  out = path.join(dir, 'app', 'dist-electron');
  execFileSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', out], { stdio: 'pipe' });
  mkdirSync(path.join(dir, 'app', 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'app', 'dist', 'index.html'), '<!doctype html><title>bundled</title>');
  mkdirSync(path.join(dir, 'user'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dist-electron bundles', () => {
  it('main.cjs requires nothing but electron and Node built-ins', () => {
    const source = readFileSync(path.join(out, 'main.cjs'), 'utf8');
    const required = new Set([...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect(required.has('electron')).toBe(true);
    for (const name of required) expect(name === 'electron' || name!.startsWith('node:'), name).toBe(true);
  });

  it('main.cjs starts the shell against a fake electron', async () => {
    const fake = createFakeElectron();
    fake.paths.app = path.join(dir, 'app');
    fake.paths.userData = path.join(dir, 'user');
    const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const originalLoad = moduleWithLoad._load;
    const savedArgv = process.argv;
    moduleWithLoad._load = (request, ...rest) =>
      request === 'electron' ? fake.module : originalLoad(request, ...rest);
    process.argv = ['/opt/Headroom/headroom-desktop'];
    try {
      createRequire(import.meta.url)(path.join(out, 'main.cjs'));
      await fake.ready();
    } finally {
      moduleWithLoad._load = originalLoad;
      process.argv = savedArgv;
    }
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.options.webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
    expect(fake.windows[0]!.options.webPreferences?.preload).toBe(path.join(out, 'preload.cjs'));
    const response = await fake.protocolHandlers.get('app')!(new Request('app://headroom/'));
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>bundled</title>');
  });

  it('preload.cjs runs in a sandbox-like context that can require only electron', () => {
    const fake = createFakeElectron();
    const source = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    const requested: string[] = [];
    const sandboxRequire = (name: string): unknown => {
      requested.push(name);
      if (name === 'electron') return fake.module;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(`(function (require, module, exports) {${source}\n})`, {})(
      sandboxRequire,
      module,
      module.exports,
    );
    expect(requested).toEqual(['electron']);
    expect(Object.keys(fake.exposed)).toEqual(['headroom']);
    expect(Object.keys(fake.exposed.headroom as object).sort()).toEqual([...HEADROOM_BRIDGE_KEYS].sort());
  });
});
