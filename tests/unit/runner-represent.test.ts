import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slicebookFromSources as slicebook } from '../helpers/slicebook-command';

/**
 * `slicebook run --check` on a metric under a target mix: the street-scenes test set reweighted to
 * the production log's mix by time of day (samples/README.md, section 7), checked against the
 * generator's own counts (samples/expected.json).
 */
const street = JSON.parse(await readFile('samples/expected.json', 'utf8')).files['street-scenes'];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-represent-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const notebook = {
  format: 'slicebook',
  version: 1,
  title: 'Under the production mix',
  filter: '',
  mixes: [
    {
      name: 'production_traffic',
      features: [{ column: 'time_of_day' }],
      source: 'table',
      shares: [],
      table: 'ds_street_scenes_production',
    },
  ],
  cells: [
    {
      id: 'r',
      name: 'under_production',
      kind: 'represent',
      collapsed: false,
      dataset: 'ds_street_scenes',
      mix: 'production_traffic',
      metric: 'accuracy',
      models: [],
      replicates: 200,
      assertions: [
        {
          label: 'accuracy under the production mix >= 0.85',
          table: 'reweighted',
          column: 'target_accuracy',
          op: '>=',
          value: 0.85,
        },
      ],
    },
  ],
  data: [
    { name: 'street-scenes.parquet', size: 0, rows: street.rows, sha256: null },
    { name: 'street-scenes-production.csv', size: 0, rows: street.production_rows, sha256: null },
  ],
  datasets: {},
};

describe('slicebook run with a target mix', () => {
  it('checks accuracy under the production mix: lowlight-v1 holds 0.85, sharp-v3 falls short', async () => {
    const path = join(dir, 'street.slicebook.json');
    await writeFile(path, JSON.stringify(notebook));
    const out = join(dir, 'out');
    const run = await slicebook(
      'run',
      path,
      '--data',
      'samples/street-scenes.parquet',
      '--data',
      'samples/street-scenes-production.csv',
      '--out',
      out,
      '--check',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Assertions: 0 of 1 hold');
    const sharp = street.models['sharp-v3'].under_production_by_time_of_day.accuracy;
    const low = street.models['lowlight-v1'].under_production_by_time_of_day.accuracy;
    expect(low).toBeGreaterThan(0.85);
    expect(sharp).toBeLessThan(0.85);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    const [outcome] = summary.assertions;
    expect(outcome.failing).toBe(1);
    expect(outcome.checked).toBe(2);
    expect(outcome.worst.value).toBeCloseTo(sharp, 12);
    expect(outcome.worst.margin).toBeCloseTo(sharp - 0.85, 12);
    expect(outcome.worst.row).toContain('model=sharp-v3');

    const rows = JSON.parse(await readFile(join(out, 'under_production.json'), 'utf8')).tables
      .reweighted;
    const row = (model: string) => rows.find((r: { model: string }) => r.model === model);
    expect(row('lowlight-v1').target_accuracy).toBeCloseTo(low, 12);
    expect(row('sharp-v3').test_accuracy).toBeCloseTo(street.models['sharp-v3'].accuracy, 12);
    expect(row('lowlight-v1').best_under_target).toBe(true);
    expect(row('sharp-v3').best_on_test).toBe(true);
  }, 150_000);
});
