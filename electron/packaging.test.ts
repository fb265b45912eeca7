import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireFromBuilder } from '../scripts/builder-deps.mjs';

// Static checks of the packaging configuration (electron-builder.yml, package.json, build/ icons). The offline pack
// itself (what app.asar holds, which fuses get flipped) is `npm run check:pack`.
// Parsed with the YAML reader electron-builder itself uses.
const { load } = requireFromBuilder('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; executableName: string; mimeTypes: string[]; maintainer: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean };
  files: string[];
  fileAssociations: Array<{ ext: string; name: string }>;
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
};

function pngSize(buffer: Buffer): { width: number; height: number } {
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.headroom.desktop');
    expect(config.productName).toBe('Headroom');
    expect(config.linux.executableName).toBe('headroom-desktop');
  });

  it('sets every fuse of the checklist (item 19)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the built app into an asar, with nothing to rebuild', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual([
      'package.json',
      'dist/**/*',
      'dist-electron/main.cjs',
      'dist-electron/preload.cjs',
      '!**/*.map',
    ]);
    expect(config.npmRebuild).toBe(false);
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('targets Linux AppImage + deb, Windows NSIS and macOS dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
  });

  it('associates .headroom.json plan files', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'headroom.json', name: 'Headroom plan' }),
    ]);
    expect(config.linux.mimeTypes).toEqual(['application/x-headroom-plan+json']);
  });
});

describe('package.json', () => {
  it('points "main" at the bundled main process the build writes and main.ts loads its preload from', () => {
    expect(pkg.main).toBe('dist-electron/main.cjs');
    const build = readFileSync('scripts/build-electron.mjs', 'utf8');
    expect(build).toContain("entryPoints: { main: 'electron/main.ts' }");
    expect(build).toContain("entryPoints: { preload: 'electron/preload.ts' }");
    expect(readFileSync('electron/main.ts', 'utf8')).toContain(
      "path.join(appRoot, 'dist-electron', 'preload.cjs')",
    );
  });

  it('has start, dist and the desktop checks', () => {
    expect(pkg.scripts.start).toBe('npm run build && npm run build:electron && electron .');
    expect(pkg.scripts.dist).toContain('electron-builder');
    for (const name of ['check:pack', 'check:electronegativity', 'check:electron-e2e', 'web']) {
      expect(pkg.scripts[name], name).toBeTruthy();
    }
  });
});

describe('icons (generated from build/icon.svg by npm run build:icons)', () => {
  it('were generated from the current SVG', () => {
    const svg = readFileSync('build/icon.svg');
    expect(readFileSync('build/icons/source.sha256', 'utf8').trim()).toBe(
      createHash('sha256').update(svg).digest('hex'),
    );
  });

  it('has the referenced files with the sizes their names say', () => {
    expect(pngSize(readFileSync('build/icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(`build/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
    for (const file of [config.linux.icon, config.win.icon, config.mac.icon])
      expect(existsSync(file), file).toBe(true);
  });

  it('has a valid ICO holding PNG images up to 256 px', () => {
    const ico = readFileSync('build/icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const { width } = pngSize(ico.subarray(offset, offset + length));
      expect(ico.readUInt8(entry) || 256).toBe(width);
      sizes.push(width);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has a valid ICNS holding PNG images up to 1024 px', () => {
    const icns = readFileSync('build/icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length;) {
      const type = icns.toString('ascii', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      pngSize(icns.subarray(offset + 8, offset + length));
      types.push(type);
      offset += length;
    }
    expect(types).toEqual(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']);
  });
});
