// `npm run screenshots`: after an end-to-end run, copies each picture the docs show
// (docs/screenshots/<name>.png) from test-results/<name>.png, where the tests write it. The tests
// themselves never write into tracked files, so `npm test` leaves the tree as it was.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';

const docs = new URL('../../docs/screenshots/', import.meta.url);
const results = new URL('../../test-results/', import.meta.url);
const missing = [];
let copied = 0;
for (const name of readdirSync(docs).filter((n) => n.endsWith('.png'))) {
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
