import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, loadFiles, openApp, overviewRows, expectRole, settle, test } from './fixtures';

/**
 * The bad-input corpus (tests/fixtures/bad; binary and large cases written by generate.mjs): each
 * file gets the message a user sees, asserted exactly, and the loan sample loaded first keeps its
 * overview after every one of them.
 */
const FIXTURES = new URL('../fixtures/bad/', import.meta.url).pathname;
const generated = mkdtempSync(join(tmpdir(), 'slicebook-bad-'));
execFileSync(process.execPath, [join(FIXTURES, 'generate.mjs'), generated]);
const path = (file: string) =>
  existsSync(join(FIXTURES, file)) ? join(FIXTURES, file) : join(generated, file);

const loan = JSON.parse(
  readFileSync(new URL('../../samples/expected.json', import.meta.url), 'utf8'),
).files['loan-approval.parquet'].models as Record<string, { n: number; correct: number }>;

interface Case {
  file: string;
  /** The failed load's message, exactly. */
  error?: string;
  /** What the dataset of a file that loads shows (its table is removed afterwards). */
  shows?: (dataset: Locator, page: Page) => Promise<void>;
  /** Saves test-results/<name>.png of the message or the dataset. */
  screenshot?: string;
}

const RAGGED = `line 4 has 2 fields where the header has 3 (delimiter: ","). Every row needs the same number of fields: check that line's delimiters and quotes.`;

const check = (dataset: Locator, text: string) =>
  expect(dataset.getByTestId('data-check').filter({ hasText: text })).toHaveText(text);
const note = (dataset: Locator, text: string) =>
  expect(dataset.locator('p.note').filter({ hasText: text })).toHaveText(text);
async function accuracy(dataset: Locator, n: number, correct: number) {
  const [row] = await overviewRows(dataset);
  expect(row.n).toBe(n);
  expect(row.estimate).toBeCloseTo(correct / n, 12);
}
async function roles(dataset: Locator, expected: Record<string, string>) {
  for (const [column, role] of Object.entries(expected)) await expectRole(dataset, column, role);
}

const GROUPS: Record<string, Case[]> = {
  'empty, binary and foreign files': [
    { file: 'empty.csv', error: 'empty.csv: the file is empty.' },
    { file: 'whitespace.csv', error: 'whitespace.csv: the file holds only whitespace.' },
    {
      file: 'header-only.csv',
      error: 'header-only.csv: the file has a header (3 columns) but no rows of data.',
    },
    {
      file: 'only-delimiters.csv',
      error:
        'only-delimiters.csv: every value in the file is empty (2 rows, 4 columns): check that it was exported completely.',
    },
    {
      file: 'garbage.csv',
      error:
        'garbage.csv: the file holds binary data that is not Parquet or Arrow. Supported: CSV/TSV, Parquet, JSON, JSON Lines, Arrow IPC.',
    },
    {
      file: 'picture.parquet',
      error:
        'picture.parquet: this is a PNG image, not a data table: open the CSV, Parquet, JSON or Arrow file that holds the results.',
    },
    {
      file: 'book.xlsx',
      error:
        'book.xlsx: this is a ZIP archive (or an Excel/Office file), not a data table: export the table as CSV or Parquet.',
    },
    {
      file: 'results.csv.gz',
      error: 'results.csv.gz: this is gzip-compressed, not a data table: decompress it first.',
    },
    {
      file: 'utf16.csv',
      error:
        'utf16.csv: the file is UTF-16 text. Save it as UTF-8 (in Excel: "CSV UTF-8") and open it again.',
    },
  ],
  'broken Parquet, Arrow and JSON': [
    {
      file: 'truncated.parquet',
      error:
        'truncated.parquet: the Parquet file is truncated or corrupt (Parquet error: Invalid Parquet file. Corrupt footer). Copy or export it again.',
    },
    {
      file: 'hollow.parquet',
      error:
        'hollow.parquet: the Parquet file is truncated or corrupt (EOF: file size of 76 is less than footer + metadata 208). Copy or export it again.',
    },
    {
      file: 'unsupported-type.parquet',
      error:
        'unsupported-type.parquet: column "odd" (a struct with an unnamed field, as a union is stored) has a type DuckDB cannot load. Convert it to text or numbers (or leave it out) and save the file again.',
    },
    {
      file: 'odd-types.parquet',
      shows: async (dataset) => {
        await roles(dataset, { wait: 'ignore', tags: 'ignore', raw: 'ignore', steps: 'ignore' });
        await accuracy(dataset, 4, 2);
      },
    },
    {
      file: 'garbage.arrow',
      error: 'garbage.arrow: the Arrow IPC file is truncated or corrupt. Export it again.',
    },
    {
      file: 'broken.json',
      error:
        "broken.json: not valid JSON (Expected ',' or '}' after property value in JSON at position 18 (line 1 column 19)).",
    },
    {
      file: 'scalar.json',
      error:
        'scalar.json: the JSON holds no rows: it must be an array of objects ([{"column": value, ...}, ...]) or one object per line.',
    },
    {
      file: 'numbers.json',
      error: 'numbers.json: item 1 of the array is not an object; expected one object per row.',
    },
    { file: 'empty-array.json', error: 'empty-array.json: the file holds no rows.' },
    {
      file: 'bad-line.jsonl',
      error: 'bad-line.jsonl: line 3 is not valid JSON (Unexpected end of JSON input).',
    },
    { file: 'array-line.jsonl', error: 'array-line.jsonl: line 2 is not a JSON object.' },
  ],
  'malformed and oversized CSV': [
    { file: 'ragged-short.csv', error: `ragged-short.csv: ${RAGGED}` },
    {
      file: 'unbalanced-quote.csv',
      error:
        'unbalanced-quote.csv: a quote (") opened on line 3 is never closed. Close it, or remove the stray quote.',
    },
    {
      file: 'mixed-delimiters.csv',
      screenshot: 'bad-input-csv-message',
      error: `mixed-delimiters.csv: line 3 has 1 field where the header has 3 (delimiter: ";"). Every row needs the same number of fields: check that line's delimiters and quotes.`,
    },
    {
      file: 'wide-10000.csv',
      error:
        "wide-10000.csv: the file has 10,000 columns; Slicebook reads at most 2,000 (each column takes memory in the browser's database, which holds about 3.1 GiB). Keep the columns you analyse, or reshape the table to long form (a row per example x feature).",
    },
    {
      file: 'bom.csv',
      shows: async (dataset) => {
        await roles(dataset, { example_id: 'id', label: 'label', prediction: 'prediction' });
        await accuracy(dataset, 3, 2);
      },
    },
    {
      file: 'latin1.csv',
      shows: async (dataset, page) => {
        await note(dataset, 'Not UTF-8 text: read as Latin-1 (ISO 8859-1).');
        const preview = page.locator('.table-card[data-table="latin1"] .preview');
        for (const city of ['São Paulo', 'Zürich', 'Montréal'])
          await expect(preview).toContainText(city);
        await accuracy(dataset, 3, 2);
      },
    },
    {
      file: 'big-field.csv',
      shows: async (dataset) => {
        await roles(dataset, { notes: 'ignore' });
        await accuracy(dataset, 2, 2);
      },
    },
  ],
  'nesting and column names': [
    {
      file: 'deep.json',
      shows: async (dataset) => {
        await note(dataset, 'Nested fields flattened to dotted column names.');
        await expectRole(dataset, 'meta.a.a.a.a.a.a', 'ignore');
        await accuracy(dataset, 1, 1);
      },
    },
    {
      file: 'very-deep.json',
      shows: async (dataset) => {
        await expectRole(dataset, 'meta.a.a.a.a.a.a', 'ignore');
        await accuracy(dataset, 1, 0);
      },
    },
    {
      file: 'duplicate-columns.csv',
      shows: async (dataset) => {
        await note(
          dataset,
          'Header cells that were empty or repeated were renamed: "prediction" -> "prediction_2", "label" -> "label_2".',
        );
        const rows = await overviewRows(dataset);
        expect(rows.map((r) => [r.model, r.n, r.estimate])).toEqual([
          ['prediction', 3, 1],
          ['prediction_2', 3, 2 / 3],
        ]);
      },
    },
    {
      file: 'empty-column-names.csv',
      shows: async (dataset) => {
        await note(
          dataset,
          'Header cells that were empty or repeated were renamed: (empty) -> "column0", (empty) -> "column3".',
        );
        await roles(dataset, { column0: 'id', column3: 'group' });
      },
    },
    {
      file: 'sql-keyword-names.csv',
      shows: async (dataset) => {
        await roles(dataset, { select: 'group', from: 'group', where: 'group', group: 'group' });
        await accuracy(dataset, 2, 1);
      },
    },
    {
      file: 'quote-names.csv',
      shows: async (dataset) => {
        await roles(dataset, { 'say "hi"': 'group', "it's": 'group' });
        await accuracy(dataset, 2, 1);
      },
    },
    {
      file: 'backslash-names.csv',
      shows: async (dataset) => {
        await roles(dataset, { 'a\\b': 'group', 'c\\\\d': 'group', '\\n': 'group' });
        await accuracy(dataset, 2, 1);
      },
    },
    {
      file: 'html-names.csv',
      shows: async (dataset, page) => {
        await roles(dataset, { '<b>bold</b>': 'group', '<img src=x onerror=alert(1)>': 'group' });
        await expect(page.locator('main img, main b')).toHaveCount(0);
        await accuracy(dataset, 2, 1);
      },
    },
    {
      file: 'emoji-names.csv',
      shows: async (dataset) => {
        await roles(dataset, { 'группа 📊': 'group', '😀': 'group' });
        await accuracy(dataset, 2, 2);
      },
    },
    {
      file: 'long-names.csv',
      shows: async (dataset) => {
        const long = readFileSync(path('long-names.csv'), 'utf8').split(',')[0];
        expect(long).toHaveLength(500);
        await expectRole(dataset, long, 'group');
        await accuracy(dataset, 2, 1);
      },
    },
  ],
  'values: nulls, non-finite and out-of-range scores, types, models, severities': [
    {
      file: 'labels-all-null.csv',
      shows: async (dataset) => {
        await expect(dataset.locator('p.note.warn').first()).toHaveText(
          'No row has a value for "label": check the roles below, or the file.',
        );
      },
    },
    {
      file: 'nonfinite-scores.csv',
      shows: async (dataset) => {
        await check(
          dataset,
          '"score" holds values that are not finite numbers (NaN or infinity), so it is not used as the score (a probability). Replace them in the file, or in a SQL cell keep the rows WHERE isfinite("score").',
        );
        await expectRole(dataset, 'score', 'group');
      },
    },
    {
      file: 'scores-out-of-range.csv',
      screenshot: 'bad-input-data-check',
      shows: async (dataset) => {
        await check(
          dataset,
          '"score" ranges from -5 to 140, outside [0, 1], so it is not a probability: it is never cut at 0.5 or read as a chance. Add a threshold on it (Derived columns) for a decision, or use ROC-AUC; if it is a percentage, add the derived column "score" / 100.',
        );
      },
    },
    {
      file: 'label-prediction-types.json',
      shows: async (dataset) => {
        await check(
          dataset,
          'The label "label" holds numbers and the prediction "prediction" holds text: they are compared as text, so 1 matches "1" but not "1.0" or "yes". Save both with the same type for exact results.',
        );
        await accuracy(dataset, 3, 1);
      },
    },
    {
      file: 'severity-text.csv',
      shows: async (dataset) => {
        await expectRole(dataset, 'severity', 'severity');
        await check(
          dataset,
          'The severity "severity" holds text, so its levels sort alphabetically ("10" before "2", words after numbers). Use numbers for an ordered shift level, or map the names to numbers in a SQL cell.',
        );
      },
    },
    {
      file: 'many-models.csv',
      shows: async (dataset) => {
        await check(
          dataset,
          '"model" has 100,000 distinct values, too many for a model column (at most 5,000 here), so it is not used as the model. If each value is a model, give it the model role: the overview then lists the first 50.',
        );
        await dataset.getByLabel('role of model', { exact: true }).selectOption('model');
        await expect(dataset.getByTestId('overview-cut')).toHaveText(
          'Showing the first 50 of 100,000 models; query the rest in a SQL cell.',
        );
        await expect(dataset.locator('[data-testid="overview"] tbody tr')).toHaveCount(50);
      },
    },
  ],
};

async function expectLoanIntact(page: Page) {
  const rows = await overviewRows(page.locator('.dataset[data-dataset="ds_loan_approval"]'));
  expect(rows.map((r) => r.model)).toEqual(Object.keys(loan).sort());
  for (const row of rows) {
    expect(row.n).toBe(loan[row.model].n);
    expect(row.estimate).toBeCloseTo(loan[row.model].correct / loan[row.model].n, 12);
  }
}

for (const [group, cases] of Object.entries(GROUPS)) {
  test(`bad input, ${group}: a clear message and the loan sample stays`, async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page);
    await page.click('[data-sample-data-only="loan-approval"]');
    await settle(page);
    await expectLoanIntact(page);
    for (const c of cases) {
      await test.step(c.file, async () => {
        await loadFiles(page, [path(c.file)]);
        const job = page.locator(`.job[data-file="${c.file}"]`);
        if (c.error) {
          await expect(job).toHaveAttribute('data-status', 'failed');
          await expect(job.locator('.error')).toHaveText(c.error);
          if (c.screenshot)
            await page.locator('.data-panel').screenshot({
              path: `test-results/${c.screenshot}.png`,
            });
        } else {
          await expect(job).toHaveAttribute('data-status', 'done');
          const table = (await page.locator('.table-card').last().getAttribute('data-table'))!;
          const dataset = page.locator(`.dataset[data-dataset="ds_${table}"]`);
          await c.shows!(dataset, page);
          if (c.screenshot) await dataset.screenshot({ path: `test-results/${c.screenshot}.png` });
          await page
            .locator(`.table-card[data-table="${table}"]`)
            .getByRole('button', { name: 'Remove' })
            .click();
          await expect(dataset).toHaveCount(0);
        }
        await job.getByRole('button', { name: 'dismiss' }).click();
        await expectLoanIntact(page);
      });
    }
  });
}

const count = Object.values(GROUPS).flat().length;
test(`the corpus has at least 40 cases (${count})`, () => {
  expect(count).toBeGreaterThanOrEqual(40);
});
