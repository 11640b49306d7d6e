import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, loadFiles, openApp, overviewRows, roleOf, test } from './fixtures';

/**
 * Bad files each get a message that names the file and the problem, and whatever was loaded
 * before stays loaded and usable.
 */
const folder = mkdtempSync(join(tmpdir(), 'slicebook-bad-'));
const write = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(folder, name), data);
  return join(folder, name);
};
const good = write('good.csv', 'example_id,label,prediction\n1,1,1\n2,0,1\n3,1,1\n4,0,0\n');
const parquet = readFileSync(new URL('../../samples/loan-approval.parquet', import.meta.url));

const cases: [name: string, make: () => string, message: RegExp][] = [
  ['empty file', () => write('empty.csv', ''), /empty\.csv: the file is empty/],
  [
    'binary garbage named .csv',
    () =>
      write(
        'garbage.csv',
        Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
      ),
    /garbage\.csv: the file holds binary data/,
  ],
  [
    'a PNG named .parquet',
    () =>
      write(
        'picture.parquet',
        Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      ),
    /picture\.parquet: this is a PNG image/,
  ],
  [
    'a ZIP (Excel) file',
    () => write('book.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])),
    /book\.xlsx: this is a ZIP archive/,
  ],
  [
    'truncated Parquet',
    () => write('truncated.parquet', parquet.subarray(0, parquet.length >> 1)),
    /truncated\.parquet: the Parquet file is truncated or corrupt/,
  ],
  [
    'invalid JSON',
    () => write('broken.json', '[{"a": 1}, {"a": 2'),
    /broken\.json: not valid JSON/,
  ],
  [
    'JSON Lines with a bad line',
    () => write('lines.jsonl', '{"a": 1}\n{"a": 2}\n{"a": \n'),
    /lines\.jsonl: line 3 is not valid JSON/,
  ],
  [
    'CSV with ragged rows',
    () => write('ragged.csv', `a,b,c\n${'1,2,3\n'.repeat(50)}1,2,3,4,5\n`),
    /ragged\.csv: could not read it as CSV/,
  ],
  [
    'CSV with an unbalanced quote',
    () => write('quote.csv', `a,b\n${'1,x\n'.repeat(20)}2,"open\n3,y\n`),
    /quote\.csv: could not read it as CSV/,
  ],
];

for (const [name, make, message] of cases) {
  test(`${name}: a clear message, and earlier data stays`, async ({ page }) => {
    await openApp(page);
    await loadFiles(page, [good]);
    await loadFiles(page, [make()]);
    await expect(page.locator('.job[data-status="failed"]')).toHaveText(message);
    const dataset = page.locator('.dataset[data-dataset="ds_good"]');
    const [row] = await overviewRows(dataset);
    expect(row).toMatchObject({ model: 'all rows', n: 4, estimate: 0.75 });
  });
}

test('a label column with no values says so', async ({ page }) => {
  await openApp(page);
  await loadFiles(page, [write('nolabels.csv', 'example_id,label,prediction\n1,,1\n2,,0\n3,,1\n')]);
  await expect(page.locator('.dataset').getByText('No row has a value for "label"')).toBeVisible();
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
  for (const name of names) expect(await roleOf(dataset, name)).toBe('group');
  await expect(
    dataset.locator('.roles code').filter({ hasText: '<img src=x onerror=alert(1)>' }),
  ).toHaveCount(1);
  await expect(page.locator('img')).toHaveCount(0);
  const [row] = await overviewRows(dataset);
  expect(row).toMatchObject({ n: 2, estimate: 0.5 });
  expect(dialogs).toBe(0);
});
