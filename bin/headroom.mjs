#!/usr/bin/env node
// The `headroom` command: runs the TypeScript CLI (src/cli/main.ts) through tsx's loader API, so nothing needs to be
// built first.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/main.ts', import.meta.url);
