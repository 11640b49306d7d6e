import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupStatistics } from '../../src/lib/cells/represent/group-statistics';
import { sliceOfRow } from '../../src/lib/cells/represent/slice-key';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { sumBuckets } from '../../src/lib/metrics/resample-buckets';

type Row = Record<string, unknown>;

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(() => engine.close());

/** Rows as statisticsSql gives them for a rate: model, two features (one missing), group. */
const STATISTICS = `SELECT * FROM (VALUES
    ('m1', 'A', 'x', 0, 3.0, 3.0, 2.0, 0.0, true),
    ('m1', 'A', 'x', 7, 2.0, 1.0, 1.0, 0.0, false),
    ('m1', 'A', NULL, 7, 4.0, 4.0, 1.0, 1.0, true),
    ('m2', 'A', 'x', 49, 1.0, 0.0, 0.0, 0.0, false),
    ('m2', 'A', 'x', 0, 5.0, 5.0, 5.0, 0.0, true),
    ('m2', 'B', 'y', 3, 2.0, 2.0, 0.0, 0.0, true)
  ) v(slice_0, slice_1, slice_2, bucket, rows, n, correct, undecided, "binary")`;

const sliceOf = (row: Row) => ({ model: String(row.slice_0), key: sliceOfRow(row, 2, 1).key });

describe('groupStatistics', () => {
  it('sums each slice over its groups as sumBuckets does, and keeps each group`s row', async () => {
    const table = await engine.query(STATISTICS);
    const rows = table.toArray().map((r) => r.toJSON() as Row);
    const { totals, groups } = groupStatistics(table, sliceOf);
    const byKey = (list: Row[]) =>
      Object.fromEntries(list.map((r) => [JSON.stringify([r.slice_0, r.slice_1, r.slice_2]), r]));
    expect(byKey(totals)).toEqual(byKey(sumBuckets(rows)));
    // m1 in A · x: groups 0 and 7, 5 rows, 4 labelled, 3 right; binary only where all read are.
    expect(byKey(totals)['["m1","A","x"]']).toEqual({
      slice_0: 'm1',
      slice_1: 'A',
      slice_2: 'x',
      rows: 5,
      n: 4,
      correct: 3,
      undecided: 0,
      binary: false,
    });
    // m2 in A · x: group 49 reads no example, so its binary does not count.
    expect(byKey(totals)['["m2","A","x"]'].binary).toBe(true);
    const ax = groups.get('m1')!.get(JSON.stringify(['A', 'x']))!;
    expect(ax).toHaveLength(50);
    expect(ax.map((g, i) => (g ? i : -1)).filter((i) => i >= 0)).toEqual([0, 7]);
    expect(ax[7]).toEqual({ rows: 2, n: 1, correct: 1, undecided: 0, binary: false });
    expect(groups.get('m1')!.get(JSON.stringify(['A', null]))![7]).toMatchObject({ n: 4 });
    expect([...groups.get('m2')!.keys()]).toEqual([
      JSON.stringify(['A', 'x']),
      JSON.stringify(['B', 'y']),
    ]);
  });
});
