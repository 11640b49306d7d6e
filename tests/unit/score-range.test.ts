import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import type { CalibrationCell } from '../../src/lib/cells/calibration/calibration-cell';
import { runCalibrationCell } from '../../src/lib/cells/calibration/run-calibration-cell';
import type { FairnessCell } from '../../src/lib/cells/fairness/fairness-cell';
import { runFairnessCell } from '../../src/lib/cells/fairness/run-fairness-cell';
import type { SliceCell } from '../../src/lib/cells/slice/slice-cell';
import { runSliceCell } from '../../src/lib/cells/slice/run-slice-cell';
import { buildDataset, changeRoles, type Dataset } from '../../src/lib/datasets/dataset';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { thresholdRange } from '../../src/lib/metrics/threshold-range';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import type { RunContext } from '../../src/lib/notebook/run-context';
import { fixtureRows, loadFixtures } from '../helpers/load-fixtures';

// Issue 16.4: a score outside [0, 1] (risk-scores.csv: risk_score 1-10) is never read as a
// probability; the user sets a threshold or uses a rank metric, and the app says so.
let engine: Engine;
let risk: Dataset;
const rows = fixtureRows('risk-scores.csv');

beforeAll(async () => {
  engine = await createNodeEngine();
  const built = await buildDataset(
    engine,
    planDatasets(await loadFixtures(engine, ['risk-scores.csv']))[0],
  );
  // What a user did: the 1-10 score given the role "score" by hand, beside the label.
  risk = await changeRoles(engine, built, {
    ...built.roles,
    risk_score: 'score',
    reoffended: 'label',
  });
});
afterAll(() => engine.close());

const ctx = (): RunContext => ({
  engine,
  dataset: (name) => (name === risk.plan.name ? risk : undefined),
  filter: '',
  now: () => 0,
});
const cell = <C>(kind: keyof typeof CELL_KINDS, settings: object) =>
  createCell(emptyNotebook(), CELL_KINDS[kind], { dataset: risk.plan.name, ...settings }) as C;

describe('a 1-10 risk score is never treated as a probability', () => {
  it('is not guessed as a score', () => {
    expect(risk.guess.roles.risk_score).not.toBe('score');
  });

  it('the overview does not cut it at 0.5 and says to set a threshold (was: accuracy 45%)', () => {
    expect(risk.overview).toMatchObject({ status: 'missing' });
    expect(risk.overview.status === 'missing' && risk.overview.message).toMatch(
      /"risk_score" runs from 1 to 10, so it is not a probability.*threshold.*ROC-AUC/,
    );
  });

  it('the slice table refuses accuracy from it, and ranks it for ROC-AUC (checked by hand)', async () => {
    const accuracy = await runSliceCell(
      cell<SliceCell>('slice', { metric: 'accuracy', features: [{ column: 'group' }] }),
      ctx(),
    );
    expect(accuracy).toMatchObject({ status: 'missing' });
    expect('message' in accuracy && accuracy.message).toMatch(/not a probability/);

    const auc = await runSliceCell(
      cell<SliceCell>('slice', {
        metric: 'roc-auc',
        features: [{ column: 'group' }],
        replicates: 20,
      }),
      ctx(),
    );
    if (auc.status !== 'slices') throw new Error(JSON.stringify(auc));
    for (const group of ['A', 'B', 'C']) {
      // Mann-Whitney by hand: P(score of a positive > score of a negative), ties counted half.
      const mine = rows.filter((r) => r.group === group);
      const pos = mine.filter((r) => r.reoffended === '1').map((r) => Number(r.risk_score));
      const neg = mine.filter((r) => r.reoffended === '0').map((r) => Number(r.risk_score));
      let wins = 0;
      for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
      const row = auc.rows.find((r) => r.values[0] === group)!;
      expect(row.value).toBeCloseTo(wins / (pos.length * neg.length), 12);
    }
  });

  it('the fairness cell asks for a threshold, and with one counts by hand', async () => {
    const asked = await runFairnessCell(
      cell<FairnessCell>('fairness', { features: ['group'] }),
      ctx(),
    );
    expect(asked).toMatchObject({ status: 'missing' });
    expect('message' in asked && asked.message).toMatch(
      /score, not a decision: tick "score ≥".*not a probability/,
    );

    const cut = await runFairnessCell(
      cell<FairnessCell>('fairness', { features: ['group'], threshold: 5 }),
      ctx(),
    );
    if (cut.status !== 'fairness') throw new Error(JSON.stringify(cut));
    for (const group of ['A', 'B', 'C']) {
      const negatives = rows.filter((r) => r.group === group && r.reoffended === '0');
      const falsePositives = negatives.filter((r) => Number(r.risk_score) >= 5).length;
      const g = cut.groups.find((x) => x.values[0] === group)!;
      expect(g.rates.fpr.successes).toBe(falsePositives);
      expect(g.rates.fpr.trials).toBe(negatives.length);
    }
  });

  it('the calibration cell refuses it', async () => {
    const result = await runCalibrationCell(cell<CalibrationCell>('calibration', {}), ctx());
    expect(result).toMatchObject({ status: 'missing' });
    expect('message' in result && result.message).toMatch(/not a probability/);
  });

  it('a threshold spans its values: 1 to 10 in steps of 1', () => {
    const column = risk.profile.columns.find((c) => c.name === 'risk_score');
    expect(thresholdRange(column)).toEqual({ min: 1, max: 10, step: 1, middle: 6 });
    expect(thresholdRange(undefined)).toEqual({ min: 0, max: 1, step: 0.01, middle: 0.5 });
  });
});
