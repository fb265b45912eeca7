#!/usr/bin/env node
// The `headroom` command (and `npm run cli`): runs the bundled CLI, dist-cli/headroom.mjs, with plain Node. The bundle
// is built by `npm ci` / `npm install` (the `prepare` script) or `npm run build:cli`; see docs/cli.md.
try {
  await import('../dist-cli/headroom.mjs');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist-cli')) throw e;
  process.stderr.write(
    'headroom: the command-line tool is not built yet: run "npm run build:cli" (npm ci does it) and try again.\n',
  );
  process.exitCode = 1;
}
