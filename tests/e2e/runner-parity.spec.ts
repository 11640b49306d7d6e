import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import type { CellResult } from '../../src/lib/notebook/run-context';
import {
  plainRow,
  resultTables,
  type FlatRow,
  type ResultTables,
} from '../../src/lib/notebook/result-tables';
import type { Page } from '@playwright/test';
import { slicebookFromSources } from '../helpers/slicebook-command';
import { writeWorseLoanDump } from '../helpers/worse-loan-dump';
import { expect, loadFiles, openApp, runForeignSql, test, settled } from './fixtures';

const NOTEBOOK = 'samples/loan-approval.slicebook.json';
const DATA = 'samples/loan-approval.parquet';

test.describe.configure({ timeout: 240_000 });

/** Equal strings, booleans and nulls; numbers equal to 1e-9 (the engines may sum in another order). */
function expectSameTables(cell: string, browser: ResultTables, cli: ResultTables) {
  expect(Object.keys(browser), `${cell}: tables`).toEqual(Object.keys(cli));
  for (const [name, rows] of Object.entries(cli)) {
    const shown = browser[name];
    expect(shown.length, `${cell}.${name}: rows`).toBe(rows.length);
    rows.forEach((row: FlatRow, i) => {
      expect(Object.keys(shown[i]), `${cell}.${name}[${i}]: columns`).toEqual(Object.keys(row));
      for (const [column, value] of Object.entries(row)) {
        const other = shown[i][column];
        const where = `${cell}.${name}[${i}].${column}`;
        if (typeof value === 'number' && typeof other === 'number')
          expect(Math.abs(other - value), where).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(value)),
          );
        else expect(other, where).toBe(value);
      }
    });
  }
}

type Hook = {
  notebook: {
    notebook: { cells: { id: string; name: string; kind: string }[] };
    results: Record<string, CellResult>;
  };
  query(sql: string): Promise<Record<string, unknown>[]>;
};

/** Every cell's result as the app holds it (NaN as null), and each SQL cell's full table. */
async function appResults(page: Page) {
  // A cell waiting in the queue still holds its result from before the data came (missing):
  // read once none runs or waits.
  await settled(page, { timeout: 60_000 });
  await page.waitForFunction(() => {
    const model = (window as unknown as { __slicebook?: Hook }).__slicebook?.notebook;
    if (!model) return false;
    const cells = model.notebook.cells.filter((c) => c.kind !== 'markdown');
    return cells.every((c) => model.results[c.id] && model.results[c.id].status !== 'running');
  });
  return page.evaluate(async () => {
    const hook = (window as unknown as { __slicebook: Hook }).__slicebook;
    const model = hook.notebook;
    return Promise.all(
      model.notebook.cells
        .filter((c) => model.results[c.id])
        .map(async (c) => {
          const result = model.results[c.id];
          // A SQL cell's result holds one page; its table holds every row.
          const rows =
            result.status === 'table' ? await hook.query(`SELECT * FROM "${c.name}"`) : undefined;
          const plain = JSON.stringify(result, (_, v) =>
            typeof v === 'number' && !Number.isFinite(v) ? null : v,
          );
          return { name: c.name, kind: c.kind, result: JSON.parse(plain) as CellResult, rows };
        }),
    );
  });
}

/**
 * Runs the notebook with the CLI, then opens the notebook and then its data in the app (as its
 * reader would), and compares every row of every cell. Returns the CLI's tables and the row count.
 */
async function compareRuns(page: Page, notebook: string, data: string[], dataArgs = data) {
  const out = mkdtempSync(join(tmpdir(), 'slicebook-parity-'));
  try {
    const args = ['run', notebook, ...dataArgs.flatMap((d) => ['--data', d]), '--out', out];
    const ran = await slicebookFromSources(...args);
    expect(ran.code, ran.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const cli = new Map<string, { tables: ResultTables }>();
    for (const c of summary.cells)
      if (c.files.length > 0)
        cli.set(c.name, JSON.parse(readFileSync(join(out, `${c.name}.json`), 'utf8')));

    await openApp(page, '?bench');
    await page.getByTestId('notebook-input').setInputFiles(notebook);
    await expect(page.locator('.cell')).toHaveCount(summary.cells.length);
    if (summary.cells.some((c: { kind: string }) => c.kind === 'sql')) await runForeignSql(page);
    await loadFiles(page, data);

    let compared = 0;
    for (const { name, kind, result, rows } of await appResults(page)) {
      const expected = cli.get(name);
      expect(expected, `${name}: the CLI wrote this cell`).toBeDefined();
      expect(result.status, `${name}: ran in the app`).not.toMatch(/error|missing/);
      if (Object.keys(expected!.tables).length === 0) continue;
      expectSameTables(
        name,
        resultTables(CELL_KINDS[kind], result, rows?.map(plainRow)),
        expected!.tables,
      );
      compared += Object.values(expected!.tables).reduce((n, t) => n + t.length, 0);
    }
    return { cli, compared };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('the CLI and the app compute the same numbers for every cell of the sample notebook', async ({
  page,
}) => {
  const { cli, compared } = await compareRuns(page, NOTEBOOK, [DATA]);
  // overview 2 + slices 40 + fairness 2 groups + 2 disparities + compare 6 + SQL 10 rows.
  expect(compared).toBe(62);

  // What the page shows agrees too (read from the page itself).
  const overview = cli.get('overview')!.tables.overview;
  await expect(
    page.locator('.cell[data-cell="overview"] tr[data-model="fair-gbm"] [data-testid="estimate"]'),
  ).toHaveAttribute('data-value', String(overview[1].accuracy));
  await expect(page.locator('[data-testid="slice-table"] tbody tr')).toHaveCount(40);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await page.locator('.cell[data-cell="by_age_region"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/runner-parity.png', fullPage: false });
});

test('JSON Lines per model with a metadata CSV and saved roles: the same in both', async ({
  page,
}) => {
  const files = ['atlas-7b.jsonl', 'atlas-70b.jsonl', 'nimbus-mini.jsonl', 'questions.csv'];
  const dir = mkdtempSync(join(tmpdir(), 'slicebook-llm-'));
  try {
    // The judge's score is the outcome here (the app would guess `correct`): the saved roles must
    // reach both runs alike.
    const roles = {
      question_id: 'id',
      correct: 'group',
      'response.latency_ms': 'cost',
      'response.tokens.prompt': 'cost',
      'response.tokens.completion': 'cost',
      model: 'model',
      'judge.score': 'outcome',
      category: 'group',
      difficulty: 'group',
      source: 'group',
    };
    const cell = (name: string, kind: string, rest: object) => ({
      id: name,
      name,
      kind,
      collapsed: false,
      ...rest,
    });
    const notebook = {
      format: 'slicebook',
      version: 1,
      title: 'LLM judge scores',
      filter: '',
      cells: [
        cell('judged', 'overview', { dataset: 'ds_atlas_7b' }),
        cell('by_category', 'slice', {
          dataset: 'ds_atlas_7b',
          metric: '',
          features: [{ column: 'category' }],
          replicates: 100,
        }),
        cell('tokens', 'sql', {
          sql: 'SELECT model, difficulty, avg("response.tokens.completion") AS tokens FROM ds_atlas_7b GROUP BY ALL ORDER BY ALL',
        }),
      ],
      data: files.map((name) => ({ name, size: 0, rows: 1500, sha256: null })),
      datasets: { ds_atlas_7b: { roles, taskKind: 'score' } },
    };
    const path = join(dir, 'llm.slicebook.json');
    writeFileSync(path, JSON.stringify(notebook));
    const data = files.map((f) => `samples/llm-eval/${f}`);
    const { cli, compared } = await compareRuns(page, path, data);
    // 3 models; 10 categories x 3 models; 3 difficulties x 3 models.
    expect(compared).toBe(3 + 30 + 9);
    // The mean judge score per model against the generator's own (samples/expected.json).
    const expected = JSON.parse(readFileSync('samples/expected.json', 'utf8')).files['llm-eval'];
    const judged = cli.get('judged')!.tables.overview;
    expect(judged.map((r) => r.model)).toEqual(['atlas-70b', 'atlas-7b', 'nimbus-mini']);
    for (const row of judged) {
      expect(row.method).toBe('t');
      expect(row.mean_outcome).toBeCloseTo(
        expected.models[row.model as string].mean_judge_score,
        9,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The terminal report of `--check`, passing and failing, shown as a terminal would for the docs. */
test('the --check report, passing on the sample and failing on a worse model', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'slicebook-check-'));
  try {
    const worse = join(dir, 'new-run.csv');
    await writeWorseLoanDump(worse);
    const run = async (data: string) => {
      const args = ['run', NOTEBOOK, '--data', data, '--out', join(dir, 'out'), '--check'];
      const r = await slicebookFromSources(...args);
      return { code: r.code, text: `$ npx slicebook ${args.join(' ')}\n${r.stdout}${r.stderr}` };
    };
    const pass = await run(DATA);
    const fail = await run(`loan-approval.parquet=${worse}`);
    expect(pass.code).toBe(0);
    expect(fail.code).toBe(1);
    const shown = `${pass.text}$ echo $?\n0\n\n${fail.text}$ echo $?\n1\n`.replaceAll(
      dir,
      '/tmp/ci',
    );
    await page.setContent('<pre id="terminal"></pre>');
    await page.locator('#terminal').evaluate((el, text) => {
      el.textContent = text;
      Object.assign(el.style, {
        background: '#1e1e1e',
        color: '#e6e6e6',
        padding: '16px',
        margin: '0',
        font: '13px/1.45 monospace',
        whiteSpace: 'pre-wrap',
      });
    }, shown);
    await expect(page.locator('#terminal')).toContainText('short of >= 0.7 by');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#terminal').screenshot({ path: 'test-results/runner-check.png' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
