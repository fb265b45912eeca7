// Finds the Electron binary the `electron` npm package would run, without triggering its download
// (requiring the package in plain Node downloads Electron when the binary is missing).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ElectronBinary {
  path: string | null;
  /** Why there is none, for the skip message. */
  reason: string;
}

export function findElectronBinary(root = process.cwd()): ElectronBinary {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = path.join(override, relative ?? 'electron');
    return existsSync(candidate)
      ? { path: candidate, reason: '' }
      : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  if (relative === null) {
    return {
      path: null,
      reason:
        'no Electron binary: node_modules/electron/path.txt is missing (the binary was never downloaded; ' +
        'GitHub downloads are blocked on this machine). Run `npx install-electron` on a machine with internet.',
    };
  }
  const candidate = path.join(pkgDir, 'dist', relative);
  return existsSync(candidate)
    ? { path: candidate, reason: '' }
    : { path: null, reason: `no Electron binary at ${candidate}` };
}
