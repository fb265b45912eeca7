// Builds the command-line tool into one self-contained file, dist-cli/headroom.mjs (gitignored), which the `headroom`
// bin and `npm run cli` run with plain Node: no TypeScript loader at run time (it cost ~300 ms per start) and no
// node_modules (zod and the engine are bundled in). Runs on `npm ci` / `npm install` (the `prepare` script) and in
// src/cli/spawn.test.ts, so the bundle is built from the current source. `--outdir DIR` builds elsewhere.
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const outdirIndex = process.argv.indexOf('--outdir');
const outdir = outdirIndex > 0 ? process.argv[outdirIndex + 1] : 'dist-cli';

// esbuild is not a direct dependency: it comes with tsx (as for scripts/build-electron.mjs). An install without dev
// tools (`npm ci --omit=dev`) has no esbuild: say so instead of failing the install.
const fromRoot = createRequire(import.meta.url);
let build;
try {
  ({ build } = createRequire(fromRoot.resolve('tsx/package.json'))('esbuild'));
} catch {
  console.warn(
    `build-cli: esbuild is not installed (an install without dev dependencies?); ${outdir}/headroom.mjs ` +
      (existsSync(`${outdir}/headroom.mjs`) ? 'was left as it was.' : 'was not built.'),
  );
  process.exit(0);
}

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { headroom: 'src/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Smaller source parses faster (the whole bundle is compiled on every start); function names are kept so an
  // internal error's stack still reads.
  minify: true,
  keepNames: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  banner: { js: '// Built by scripts/build-cli.mjs from src/cli/main.ts; do not edit.' },
});
