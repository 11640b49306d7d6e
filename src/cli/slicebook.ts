import { main } from './main';

/**
 * The `slicebook` command: what `vite build --mode runner` builds into dist-runner/slicebook.js,
 * which bin/slicebook.mjs runs. Tests run this file through tsx, on the sources.
 */
process.exitCode = await main(process.argv.slice(2));
