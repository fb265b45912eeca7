// Builds the Electron main process and preload with esbuild into dist-electron/ (gitignored):
//   dist-electron/main.cjs     – everything bundled except 'electron' (zod included, so the asar needs no node_modules)
//   dist-electron/preload.cjs  – one self-contained CommonJS file: a sandboxed preload may only require 'electron'
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

// esbuild is not a direct dependency: it comes with tsx (and Vite). Load it from tsx's tree so hoisting does not matter.
const fromRoot = createRequire(import.meta.url);
const { build } = createRequire(fromRoot.resolve('tsx/package.json'))('esbuild');

// `--outdir DIR` builds elsewhere (the bundle test uses a temporary folder).
const outdirIndex = process.argv.indexOf('--outdir');
const outdir = outdirIndex > 0 ? process.argv[outdirIndex + 1] : 'dist-electron';
rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron'],
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { main: 'electron/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir,
});
await build({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outExtension: { '.js': '.cjs' },
  outdir,
  // A sandboxed preload has no Node: refuse any node: import that slipped in.
  plugins: [
    {
      name: 'sandboxed-preload',
      setup(b) {
        b.onResolve({ filter: /^(node:|fs$|path$|child_process$|os$)/ }, (args) => ({
          errors: [{ text: `The sandboxed preload cannot import ${args.path}` }],
        }));
      },
    },
  ],
});
console.log(`Built ${outdir}/main.cjs and ${outdir}/preload.cjs`);
