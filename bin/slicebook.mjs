#!/usr/bin/env node
// `npx slicebook run ...`: the runner built from src/cli/ (the same sources as the app) into plain
// JavaScript by `npm run build` (vite build --mode runner), run by Node alone.
import { existsSync } from 'node:fs';

const built = new URL('../dist-runner/slicebook.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    `slicebook: the runner is not built (${built.pathname} is missing): run \`npm run build\` in the slicebook folder.\n`,
  );
  process.exit(2);
}
await import(built.href);
