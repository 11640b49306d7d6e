import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectAccuracies, expectRole, loadFiles, openApp, settle, test } from './fixtures';
import { EXPECTED, LOAN_ROLES, SAMPLES, loanNotebookFile } from './samples-data';

/**
 * Issue 17 item 9 and issue 16 case 13, in the browser: a notebook saved before the data gained a
 * column (and lost one) keeps the roles it names, guesses the rest and says so on the dataset; the
 * notebook is a format-version-1 file, which opens migrated and is saved as version 2.
 */
test.describe.configure({ timeout: 120_000 });

const LOAN = `${SAMPLES}loan-approval.parquet`;

const { region: _region, ...savedBeforeRegion } = LOAN_ROLES;

function oldNotebook(): string {
  const notebook = loanNotebookFile(
    'Loans, saved before region was recorded',
    {
      // No `region` (the data has it now), a `branch` the data no longer has, and two roles
      // the guess would not give (sex and income_k ignored).
      roles: { ...savedBeforeRegion, sex: 'ignore', income_k: 'ignore', branch: 'group' },
      taskKind: 'binary',
    },
    1,
  );
  const path = join(mkdtempSync(join(tmpdir(), 'slicebook-roles-')), 'loans.slicebook.json');
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

test('saved roles naming only some columns: applied, the rest guessed, the difference said; a version-1 file saved as version 2', async ({
  page,
}) => {
  const path = oldNotebook();
  await openApp(page);
  await page.getByTestId('notebook-input').setInputFiles(path);
  await expect(page.locator('.missing-data')).toContainText('loan-approval.parquet');
  await loadFiles(page, [LOAN]);
  await settle(page);

  const dataset = page.locator('.dataset[data-dataset="ds_loan_approval"]');
  const warnings = dataset.getByTestId('dataset-warning');
  await expect(warnings).toHaveText([
    'The saved roles name 1 column this data lacks: branch; their roles are not used.',
    'The saved roles do not name 1 column of this data, so its role was guessed: region (group feature).',
  ]);
  await expectRole(dataset, 'sex', 'ignore');
  await expectRole(dataset, 'income_k', 'ignore');
  await expectRole(dataset, 'region', 'group');
  await expectAccuracies(dataset, EXPECTED['loan-approval.parquet'].models);
  const cell = page.locator('.cell[data-cell="overview_1"]');
  await expect(cell.locator('[data-testid="overview"] tbody tr')).toHaveCount(2);

  await dataset.screenshot({ path: 'test-results/datasets-saved-roles.png' });

  // Saved untouched, the file keeps the roles as the user saved them, now as version 2.
  const save = async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save file' }).click();
    return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  };
  const first = await save();
  expect(first).toMatchObject({ format: 'slicebook', version: 2, stacking: [] });
  expect(first.datasets).toEqual(JSON.parse(readFileSync(path, 'utf8')).datasets);

  // A role the user sets writes the roles of the data's columns: the difference is gone.
  await dataset.getByLabel('role of region', { exact: true }).selectOption('ignore');
  await expect(warnings).toHaveCount(0);
  const second = await save();
  expect(second.datasets.ds_loan_approval.roles).toMatchObject({
    sex: 'ignore',
    income_k: 'ignore',
    region: 'ignore',
  });
  expect(second.datasets.ds_loan_approval.roles.branch).toBeUndefined();
});
