// The set-up every test of the real main process shares: a temporary folder laid out as main expects (the built
// renderer, the user-data and documents folders), a plain command line, console.warn captured, and main itself loaded
// under a fake Electron. Cleaned up after each test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';
import { createFakeElectron, type FakeElectron } from './fake-electron.ts';

export interface MainProcessFolder {
  /** The temporary folder of the running test: app/dist, user and docs below it. */
  readonly dir: string;
  /** console.warn, captured (main logs every refused IPC request with it). */
  readonly warn: MockInstance<typeof console.warn>;
  /** Loads electron/main.ts on a new fake Electron rooted in `dir`; by default also makes the app ready. */
  loadMain(options?: Parameters<typeof createFakeElectron>[0], ready?: boolean): Promise<FakeElectron>;
}

/** Call once at the top of a test file: registers the beforeEach/afterEach that prepare and clean the folder. */
export function useMainProcessFolder(prefix: string): MainProcessFolder {
  let dir = '';
  let savedArgv: string[] = [];
  let warn: MockInstance<typeof console.warn> | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    mkdirSync(path.join(dir, 'app', 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'app', 'dist', 'index.html'), '<!doctype html><title>Headroom</title>');
    mkdirSync(path.join(dir, 'user'));
    mkdirSync(path.join(dir, 'docs'));
    savedArgv = process.argv;
    process.argv = ['/opt/Headroom/headroom-desktop'];
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    process.argv = savedArgv;
    vi.doUnmock('electron');
    vi.resetModules();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get warn() {
      if (!warn) throw new Error('useMainProcessFolder: no test is running');
      return warn;
    },
    async loadMain(options = {}, ready = true) {
      const fake = createFakeElectron(options);
      fake.paths.app = path.join(dir, 'app');
      fake.paths.userData = path.join(dir, 'user');
      fake.paths.documents = path.join(dir, 'docs');
      vi.resetModules();
      vi.doMock('electron', () => fake.module);
      await import('../main.ts');
      if (ready) await fake.ready();
      return fake;
    },
  };
}
