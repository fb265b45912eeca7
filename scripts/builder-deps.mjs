// Loads modules that electron-builder itself depends on (js-yaml, @electron/asar, @electron/fuses) from
// electron-builder's own dependency tree, so the packaging checks use exactly what the packer uses and do not rely on
// where npm happened to hoist them.
import { createRequire } from 'node:module';

const fromRoot = createRequire(import.meta.url);
const fromBuilder = createRequire(fromRoot.resolve('electron-builder/package.json'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));

/** `require(name)` as app-builder-lib (electron-builder's core) would resolve it. */
export function requireFromBuilder(name) {
  return fromLib(name);
}
