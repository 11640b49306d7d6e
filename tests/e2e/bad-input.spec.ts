import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, loadFiles, openApp, overviewRows, expectRole, test } from './fixtures';

/**
 * Bad input that the corpus (bad-input-corpus.spec.ts) does not cover: a broken row past the
 * part of the file the loader reads itself, and hostile column names next to good data.
 */
const folder = mkdtempSync(join(tmpdir(), 'slicebook-bad-'));
const write = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(folder, name), data);
  return join(folder, name);
};
const good = write('good.csv', 'example_id,label,prediction\n1,1,1\n2,0,1\n3,1,1\n4,0,0\n');

test('a ragged row past the first 64 KiB: DuckDB finds it, the message names the line', async ({
  page,
}) => {
  const rows = Array.from({ length: 8000 }, (_, i) => `${i},${i % 2},1`).join('\n');
  const file = write('late-ragged.csv', `id,label,prediction\n${rows}\n8000,1,1,1,1\n`);
  await openApp(page);
  await loadFiles(page, [good]);
  await loadFiles(page, [file]);
  await expect(page.locator('.job[data-status="failed"] .error')).toHaveText(
    "late-ragged.csv: a row does not have the header's 3 fields (line 8002). Every row needs the same number of fields: check that line's delimiters and quotes.",
  );
  const [row] = await overviewRows(page.locator('.dataset[data-dataset="ds_good"]'));
  expect(row).toMatchObject({ model: 'all rows', n: 4, estimate: 0.75 });
  await expect(page.locator('.table-card')).toHaveCount(1);
});

test('hostile column names are quoted in SQL and shown as text, never run', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const names = [
    '"quoted" name',
    'with space',
    'select',
    '<img src=x onerror=alert(1)>',
    'group 📊',
    "it's",
  ];
  const header = names.map((n) => `"${n.replaceAll('"', '""')}"`).join(',');
  const file = write(
    'hostile.csv',
    `label,prediction,${header}\n1,1,a,b,c,d,e,f\n0,1,a,b,c,d,e,f\n`,
  );
  await openApp(page);
  await loadFiles(page, [file]);
  const dataset = page.locator('.dataset').first();
  for (const name of names) await expectRole(dataset, name, 'group');
  await expect(
    dataset.locator('.roles code').filter({ hasText: '<img src=x onerror=alert(1)>' }),
  ).toHaveCount(1);
  await expect(page.locator('img')).toHaveCount(0);
  const [row] = await overviewRows(dataset);
  expect(row).toMatchObject({ n: 2, estimate: 0.5 });
  expect(dialogs).toBe(0);
});
