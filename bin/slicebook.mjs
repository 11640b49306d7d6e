#!/usr/bin/env node
// `npx slicebook run ...`: runs the TypeScript CLI (src/cli/main.ts) through tsx, so the runner is
// the very code the app is built from, with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
