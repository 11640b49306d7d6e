import { addCell, expect, expectAccuracies, openSample, test } from './fixtures';
import { loanRows } from './samples-data';

/**
 * Issue 16, case 6, in the app: the global filter is exactly one condition on the data's columns,
 * decided by DuckDB's parser. `true) OR (true` once broke out of the parentheses (a fairness table
 * for one model counted the other's rows), and a trailing `--` comment hid the closing one.
 */
const PREFIX =
  "The filter must be one condition on the data's columns (e.g. region = 'north' AND age >= 30); ";

test('the global filter runs when it is one condition, and says why when it is not', async ({
  page,
}) => {
  await openSample(page, 'loan-approval');
  const overview = await addCell(page, 'Overview');
  await overview.getByLabel('Dataset').selectOption('ds_loan_approval');
  const filter = page.getByLabel('Global filter (SQL condition)');
  const apply = async (text: string) => {
    await filter.fill(text);
    await page.getByRole('button', { name: 'Apply' }).click();
  };
  const problem = overview.locator('.cell-error p');

  await apply('true) OR (true');
  const refusal = `${PREFIX}DuckDB cannot read this one as one: syntax error at or near ")".`;
  await expect(problem).toHaveText(refusal);
  // Said where the filter is typed, too.
  await expect(page.locator('.filter-problem')).toHaveText(refusal);
  await page.screenshot({ path: 'test-results/global-filter-refused.png' });

  await apply("region = 'rural' -- rural only");
  await expect(problem).toHaveText(
    `${PREFIX}this one ends in a -- comment, which would hide what follows it: remove it.`,
  );

  await apply('regoin = 1');
  await expect(problem).toContainText(
    'The filter does not fit ds_loan_approval: Referenced column "regoin" not found',
  );

  // One condition: each model's accuracy over its own rural rows, counted by hand.
  await apply("region = 'rural'");
  await expect(problem).toHaveCount(0);
  await expect(page.locator('.filter-problem')).toHaveCount(0);
  const models: Record<string, { n: number; correct: number }> = {};
  for (const r of (await loanRows()).filter((r) => r.region === 'rural')) {
    models[r.model] ??= { n: 0, correct: 0 };
    models[r.model].n++;
    if (r.prediction === r.label) models[r.model].correct++;
  }
  await expectAccuracies(overview, models);
});
