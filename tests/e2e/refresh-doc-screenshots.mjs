// `npm run screenshots`: after an end-to-end run, copies each picture the docs show
// (docs/screenshots/<name>.png) from test-results/<name>.png, where the tests write it, and every
// cell kind's picture at 1280 and 1920 px (test-results/cell-<kind>-<width>.png, written by
// tests/e2e/cell-kinds.spec.ts), new ones included. The tests themselves never write into tracked
// files, so `npm test` leaves the tree as it was. Ends in failure when a cell kind of
// src/lib/cells/ has no picture at either width, so a new kind cannot go unpictured.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';

const docs = new URL('../../docs/screenshots/', import.meta.url);
const results = new URL('../../test-results/', import.meta.url);
const cells = new URL('../../src/lib/cells/', import.meta.url);
const WIDTHS = [1280, 1920];

const cellShots = existsSync(results)
  ? readdirSync(results).filter((n) => /^cell-[a-z-]+-(1280|1920)\.png$/.test(n))
  : [];
const names = new Set([...readdirSync(docs).filter((n) => n.endsWith('.png')), ...cellShots]);
const missing = [];
let copied = 0;
for (const name of names) {
  if (existsSync(new URL(name, results))) {
    copyFileSync(new URL(name, results), new URL(name, docs));
    copied++;
  } else missing.push(name);
}
console.log(`Refreshed ${copied} screenshots in docs/screenshots/.`);
if (missing.length > 0)
  console.log(
    `No test wrote these in this run (a skipped test?), kept as they were: ${missing.join(', ')}`,
  );

// A kind is a folder of src/lib/cells/ holding <kind>/<kind>-kind.ts (registry.ts).
const kinds = readdirSync(cells, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/${d.name}-kind.ts`, cells)))
  .map((d) => d.name);
const unpictured = kinds.flatMap((kind) =>
  WIDTHS.filter((w) => !existsSync(new URL(`cell-${kind}-${w}.png`, docs))).map(
    (w) => `cell-${kind}-${w}.png`,
  ),
);
if (unpictured.length > 0) {
  console.error(
    `These cell kinds have no screenshot in docs/screenshots/: ${unpictured.join(', ')}. ` +
      'Show each kind in tests/e2e/cell-kinds.spec.ts and run npm run screenshots again.',
  );
  process.exitCode = 1;
}
