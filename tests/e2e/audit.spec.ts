import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { SHARED, addCell, expect, loadFiles, openApp, openSample, test, settled } from './fixtures';
import { parseCsv, readCsvObjects } from './reference';
import { EXPECTED } from './samples-data';

const audit = EXPECTED['mcq-audit.csv'];
const MODELS = Object.keys(audit.models);

async function addAudit(page: Parameters<typeof addCell>[0]): Promise<Locator> {
  const cell = await addCell(page, 'Audit');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  await expect(cell.getByTestId('audit-findings')).toBeVisible({ timeout: 60_000 });
  // The cell ran when added and again on the pick: its buttons are clicked once the last run is in.
  await settled(page, { timeout: 60_000 });
  return cell;
}

const examplesOf = (cell: Locator, finding: string) =>
  cell
    .getByTestId('audit-findings')
    .locator(`tr[data-finding="${finding}"] [data-testid="examples"]`);

test('audit of the mcq sample: every plant found, the suspects exported, and the leaderboard without them', async ({
  page,
}) => {
  await openSample(page, 'mcq-audit');
  const cell = await addAudit(page);
  for (const [finding, n] of [
    ['gold differs', 3],
    ['suspect gold', 24],
    ['no model right', audit.agreement.all_wrong],
    ['every model right', audit.agreement.all_right],
    ['exact duplicate', 12],
    ['near duplicate', 8],
  ] as const)
    await expect(examplesOf(cell, finding), finding).toHaveAttribute('data-value', String(n));

  // The revised golds: which model's rows hold which.
  const differ = cell.getByTestId('gold-differs');
  await expect(differ.locator('tbody tr')).toHaveCount(3);
  for (const e of audit.gold_differs as { id: string; gold: Record<string, string> }[])
    await expect(differ.locator(`tr[data-id="${e.id}"]`)).toContainText(
      `${e.gold['sage-70b']}: sage-70b`,
    );

  // Suspects: exactly the planted wrong golds, each with all four models on one other answer.
  const suspects = cell.getByTestId('suspects');
  await expect(suspects.locator('tbody tr')).toHaveCount(24);
  const ids = await suspects
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  expect(ids.sort()).toEqual(audit.planted.wrong_gold);
  await expect(suspects.getByTestId('agreeing').first()).toHaveText('4 of 4');

  // Exact and near duplicates, and whose golds disagree.
  const exact = cell.getByTestId('exact-duplicates');
  for (const g of audit.exact_duplicates as { ids: string[]; golds_agree: boolean }[])
    await expect(
      exact.locator(`tr[data-ids="${g.ids.join(' ')}"] [data-testid="golds-agree"]`),
    ).toHaveText(g.golds_agree ? 'yes' : 'no');
  const near = cell.getByTestId('near-duplicates');
  const planted = (
    audit.near_duplicates as { a: string; b: string; jaccard: number; golds_agree: boolean }[]
  ).filter((x) => x.jaccard >= 0.8);
  await expect(near.locator('tbody tr')).toHaveCount(planted.length);
  for (const p of planted) {
    const row = near.locator(`tr[data-pair="${p.a} ${p.b}"]`);
    const similarity = row.getByTestId('similarity');
    expect(Number(await similarity.getAttribute('data-value'))).toBeCloseTo(p.jaccard, 12);
    await expect(row.getByTestId('golds-agree')).toHaveAttribute(
      'data-value',
      String(p.golds_agree),
    );
  }

  // Confident learning: each model's class thresholds and flagged count, as the generator worked them.
  const confident = cell.getByTestId('confident-learning');
  for (const [m, c] of Object.entries(
    audit.confident_learning as Record<
      string,
      { thresholds: Record<string, number>; flagged: string[] }
    >,
  )) {
    const row = confident.locator(`tr[data-model="${m}"]`);
    await expect(row.getByTestId('flagged')).toHaveAttribute(
      'data-value',
      String(c.flagged.length),
    );
    for (const [k, t] of Object.entries(c.thresholds))
      expect(
        Number(
          await row
            .locator(`[data-testid="threshold"][data-class="${k}"]`)
            .getAttribute('data-value'),
        ),
      ).toBeCloseTo(t, 12);
  }
  // A suspect's row: each model's answer is the agreed one, flagged by confident learning.
  const first = suspects.locator(`tr[data-id="${audit.planted.wrong_gold[0]}"]`);
  const agreed = (await first.getByTestId('answer').textContent())!.trim();
  for (const m of MODELS)
    await expect(first.locator(`[data-testid="model-answer"][data-model="${m}"]`)).toHaveText(
      (audit.confident_learning[m].flagged as string[]).includes(audit.planted.wrong_gold[0])
        ? `${agreed}*`
        : agreed,
    );

  // The suspect list as CSV, with the evidence columns a maintainer reviews.
  const download = page.waitForEvent('download');
  await cell
    .getByTestId('suspects-meta')
    .getByRole('button', { name: 'Export the list as CSV' })
    .click();
  const [header, ...rows] = parseCsv(readFileSync((await (await download).path())!, 'utf8')).filter(
    (r) => r.length > 1,
  );
  expect(header.slice(0, 5)).toEqual(['rank', 'id', 'gold', 'answer', 'agreeing']);
  for (const m of MODELS) expect(header).toContain(`answer_${m}`);
  expect(header).toContain('confident_learning_flags');
  expect(rows.map((r) => r[1]).sort()).toEqual(audit.planted.wrong_gold);

  // Shares per subject; the examples behind a count.
  await cell.getByLabel('Slice feature').selectOption('subject');
  const extremes = cell.getByTestId('extremes');
  await expect(extremes.locator('tbody tr')).toHaveCount(7);
  for (const [subject, c] of Object.entries(
    audit.by_subject as Record<string, { none_right: number; all_right: number }>,
  )) {
    const row = extremes.locator(`tr[data-slice="${subject}"]`);
    await expect(row.getByTestId('none-right')).toHaveAttribute('data-value', String(c.none_right));
    await expect(row.getByTestId('all-right')).toHaveAttribute('data-value', String(c.all_right));
  }
  await extremes
    .locator('tr[data-slice="math"]')
    .getByTestId('none-right')
    .getByRole('button')
    .click();
  await expect(cell.getByTestId('pattern-total')).toHaveText(
    `${audit.by_subject.math.none_right} examples`,
  );

  // What if the suspects were left out: accuracies as the generator counted them.
  await cell.getByRole('button', { name: /^suspect golds \(24\)/ }).click();
  const whatIf = cell.getByTestId('what-if');
  await expect(whatIf.locator('tbody tr')).toHaveCount(4);
  for (const m of MODELS) {
    const row = whatIf.locator(`tr[data-model="${m}"]`);
    await expect(row.getByTestId('n-after')).toHaveText(
      audit.without_suspects[m].n.toLocaleString('en-US'),
    );
    expect(Number(await row.getByTestId('after').getAttribute('data-value'))).toBeCloseTo(
      audit.without_suspects[m].accuracy,
      12,
    );
    expect(Number(await row.getByTestId('before').getAttribute('data-value'))).toBeCloseTo(
      audit.models[m].accuracy,
      12,
    );
  }
  await expect(cell.getByTestId('what-if-slices').locator('tbody tr')).toHaveCount(24);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/audit-sample.png' });
  for (const section of [
    'Gold that differs',
    'Suspect golds',
    'Too hard or too easy',
    'Duplicates',
    'Confident learning',
    'What if',
  ])
    await cell
      .locator(`section[aria-label="${section}"]`)
      .screenshot({ path: `test-results/audit-sample-${section.replaceAll(' ', '-')}.png` });
  await cell
    .getByTestId('audit-findings')
    .screenshot({ path: 'test-results/audit-sample-findings.png' });
  // Later copies of the exact and near duplicates instead: the generator's accuracies again.
  await cell.getByRole('button', { name: /^suspect golds/ }).click();
  await expect(whatIf).toHaveCount(0);
  await cell.getByRole('button', { name: /^later copies of duplicates \(14\)/ }).click();
  for (const m of MODELS) {
    const row = whatIf.locator(`tr[data-model="${m}"]`);
    await expect(row.getByTestId('n-after')).toHaveText(
      audit.without_later_copies[m].n.toLocaleString('en-US'),
    );
    expect(Number(await row.getByTestId('after').getAttribute('data-value'))).toBeCloseTo(
      audit.without_later_copies[m].accuracy,
      12,
    );
  }
  await cell.getByRole('button', { name: /^later copies of duplicates/ }).click();
  await expect(whatIf).toHaveCount(0);

  // Three strongest voters: the generator's count.
  await cell.getByLabel('Voting models').selectOption('3');
  await expect(examplesOf(cell, 'suspect gold')).toHaveAttribute(
    'data-value',
    String(audit.suspects_three_strongest.length),
  );
});

test('audit with one model, or ids that repeat: says why it cannot run', async ({ page }) => {
  await openSample(page, 'mcq-audit');
  const cell = await addAudit(page);
  await page.getByLabel('Global filter (SQL condition)').fill("model = 'sage-70b'");
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(cell).toContainText(
    'The audit needs two or more models answering the same examples (agreement between models is its evidence); the column model holds 1.',
  );
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(examplesOf(cell, 'gold differs')).toHaveAttribute('data-value', '3');

  // A dump where one model answers an example twice: pairing would not be one to one.
  mkdirSync('test-results', { recursive: true });
  const repeated = 'test-results/repeated-ids.csv';
  writeFileSync(
    repeated,
    'item_id,model,gold,pred\nq1,m1,A,A\nq1,m1,A,B\nq2,m1,B,B\nq1,m2,A,A\nq2,m2,B,A\n',
  );
  await loadFiles(page, [repeated]);
  await settled(page);
  const second = await addCell(page, 'Audit');
  await second.getByRole('combobox').first().selectOption('ds_repeated_ids');
  await expect(second).toContainText(
    'Pairing needs each example once per model, but values of item_id repeat: 1 id in m1 (2 rows).',
  );
});

/** 12,500 examples x 2 models with 2,000 characters of text each: a 50 MB text column. */
function writeBigText(path: string) {
  let seed = 11;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const word = () => Math.floor(random() * 1e9).toString(36);
  const lines = ['item_id,model,gold,pred,body'];
  for (let i = 0; i < 12_500; i++) {
    let body = '';
    while (body.length < 2000) body += `${word()} `;
    body = body.slice(0, 2000);
    for (const m of ['m1', 'm2']) lines.push(`i${i},${m},A,${random() < 0.7 ? 'A' : 'B'},${body}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

test('a 50 MB text column: hashed batch by batch with progress, and Cancel keeps what was found', async ({
  page,
}) => {
  test.setTimeout(180_000);
  mkdirSync('test-results', { recursive: true });
  const path = 'test-results/big-text.csv';
  writeBigText(path);
  await openApp(page);
  await loadFiles(page, [path]);
  const cell = await addCell(page, 'Audit');
  await cell.getByRole('combobox').first().selectOption('ds_big_text');
  const progress = cell.getByTestId('audit-progress');
  await expect(progress).toContainText(/batch [2-9] of 13/, { timeout: 120_000 });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(cell.getByTestId('audit-cancelled')).toBeVisible();
  await expect(examplesOf(cell, 'exact duplicate')).toHaveAttribute('data-value', '0');
  await expect(
    cell.getByTestId('audit-findings').locator('tr[data-finding="near duplicate"]'),
  ).toContainText('Cancelled.');
  await expect(cell.getByTestId('audit-meta')).toContainText('12,500 examples');
});

const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;

test.describe('on the MMLU-Pro dump', () => {
  test.skip(!existsSync(MMLU), `../shared/datasets is absent on this machine (looked for ${MMLU})`);
  test.describe.configure({ timeout: 180_000 });

  test('finds the 3 revised golds by id, lists the unanimous disagreements, and ranks the models without them', async ({
    page,
  }) => {
    const rows = readCsvObjects(MMLU);
    const byQuestion = new Map<string, Record<string, string>[]>();
    for (const r of rows)
      byQuestion.set(r.question_id, [...(byQuestion.get(r.question_id) ?? []), r]);
    const revised = [...byQuestion].filter(([, rs]) => new Set(rs.map((r) => r.answer)).size > 1);
    const unanimous = [...byQuestion]
      .filter(([, rs]) =>
        rs.every((r) => r.pred !== '' && r.pred === rs[0].pred && r.pred !== r.answer),
      )
      .map(([q]) => q);

    await openApp(page);
    await loadFiles(page, [MMLU]);
    const cell = await addAudit(page);
    await expect(examplesOf(cell, 'gold differs')).toHaveAttribute('data-value', '3');
    const differ = cell.getByTestId('gold-differs');
    for (const [q, rs] of revised) {
      const odd = rs.find((r) => rs.filter((x) => x.answer === r.answer).length === 1)!;
      await expect(differ.locator(`tr[data-id="${q}"]`)).toContainText(
        `${odd.answer}: ${odd.model}`,
      );
    }
    await expect(examplesOf(cell, 'suspect gold')).toHaveAttribute(
      'data-value',
      String(unanimous.length),
    );
    await expect(examplesOf(cell, 'no model right')).toHaveAttribute('data-value', '3220');
    // No question text in this dump: its src (63 sources) is a category, not an input to dedupe.
    await expect(
      cell.getByTestId('audit-findings').locator('tr[data-finding="exact duplicate"]'),
    ).toContainText('No text column');
    const shown = await cell
      .getByTestId('suspects')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    expect(shown.every((id) => unanimous.includes(id!))).toBe(true);

    await cell.getByRole('button', { name: /^suspect golds/ }).click();
    const whatIf = cell.getByTestId('what-if');
    await expect(whatIf.locator('tbody tr')).toHaveCount(4);
    for (const row of await whatIf.locator('tbody tr').all())
      await expect(row.getByTestId('n-after')).toHaveText(
        (12032 - unanimous.length).toLocaleString('en-US'),
      );
    await page.getByRole('button', { name: 'Hide data' }).click();
    await cell.screenshot({ path: 'test-results/audit-mmlu.png' });
  });
});
