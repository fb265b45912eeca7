import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
  extraMetadata?: unknown;
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
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
      '!node_modules{,/**/*}',
    ]);
    expect(config.npmRebuild).toBe(false);
    // The runtime libraries are dependencies (issue 8 §9) but Vite and esbuild bundled them already: none is packed,
    // and the packaged package.json lists none (npm run check:pack checks the asar itself).
    expect(config.extraMetadata).toEqual({ dependencies: null });
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

describe('dependencies (issue 8 §9)', () => {
  // Every package the shipped code imports (renderer, main process, CLI), read from the sources themselves.
  const testSupport = /\.test\.ts$|\.check\.mjs$|test-helpers\.ts$|arbitraries\.ts$|testing\.ts$/;
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'test-support' ? [] : sources(p);
      return /\.(ts|svelte|mjs)$/.test(e.name) && !testSupport.test(e.name) ? [p] : [];
    });
  }
  const imported = new Set<string>();
  for (const file of [...sources('src'), ...sources('electron'), ...sources('bin')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)'([^'.][^']*)'/gm)) {
      const name = m[1]!;
      if (name.startsWith('node:')) continue;
      imported.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);
    }
  }

  it('lists every library the app or the CLI runs as a dependency, and nothing else', () => {
    imported.delete('electron'); // the desktop runtime itself: electron-builder wants it in devDependencies
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual([...imported].sort());
    expect(imported).toEqual(new Set(['chart.js', 'dexie', 'markdown-it', 'papaparse', 'svelte', 'zod']));
  });

  it('keeps build and test tools in devDependencies', () => {
    for (const tool of [
      'vite',
      'vitest',
      'tsx',
      'typescript',
      'electron',
      'electron-builder',
      'fast-check',
    ]) {
      expect(pkg.devDependencies?.[tool], tool).toBeTruthy();
      expect(pkg.dependencies?.[tool], tool).toBeUndefined();
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
