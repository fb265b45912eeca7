/** `require(name)` as app-builder-lib (electron-builder's core) would resolve it. */
export function requireFromBuilder(name: string): unknown;
