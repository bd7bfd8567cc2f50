#!/usr/bin/env node
// Runs the TypeScript command line from source through tsx, so that the CLI
// needs no build step. (The packaged desktop app cannot run it: its
// run-as-node fuse is off; see README.)
import { tsImport } from 'tsx/esm/api';

await tsImport('../electron/cli/index.ts', import.meta.url);
