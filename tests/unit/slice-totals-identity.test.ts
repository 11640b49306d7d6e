import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { buildSliceTable } from '../../src/lib/cells/slice/build-slice-table';
import { readSliceTable } from '../../src/lib/cells/slice/read-slice-table';
import { totalsFromSlices } from '../../src/lib/cells/slice/totals-from-slices';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { inferRoles } from '../../src/lib/ingest/infer-roles';
import { loadFile } from '../../src/lib/ingest/load-file';
import { columnsWith } from '../../src/lib/ingest/roles';
import { metricsFor } from '../../src/lib/metrics/metrics';
import { featureEdges } from '../../src/lib/slicing/feature-edges';
import type { SliceFeature } from '../../src/lib/slicing/slice-feature';
import { ident } from '../../src/lib/sql/quote';
import { rows } from '../helpers/rows';
import { dataFiles, SAMPLES, SHARED, shortName } from '../helpers/data-files';

/**
 * The slice table sums its totals from the slices for metrics whose statistics are counts
 * (totalsFromSlices) instead of running the totals query. Checked here against the totals query
 * on every sample and every file of ../shared/datasets, for every such metric of the file's task
 * and one, two and binned features: every value, interval, difference, p and q is the same.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(async () => {
  await engine.close();
});

const read = async (sql: string) => rows(await engine.query(sql));

describe('slice table totals summed from the slices', () => {
  const files = [...dataFiles(SAMPLES), ...dataFiles(SHARED)];
  let compared = 0;

  it.each(files.map((path, i) => [shortName(path), path, i]))(
    '%s: the same table as with the totals query',
    async (_, path, i) => {
      const table = `t${i}`;
      const loaded = await loadFile(
        { engine, decode: nodeDecode },
        { name: path.split('/').pop()!, blob: new Blob([readFileSync(path)]) },
        table,
        () => {},
      );
      const guess = inferRoles(loaded.profile);
      const numeric = new Set(
        loaded.profile.columns
          .filter((c) => c.kind === 'integer' || c.kind === 'number')
          .map((c) => c.name),
      );
      const groups = columnsWith(guess.roles, 'group');
      const categorical = groups.filter((g) => !numeric.has(g));
      const binned = groups.filter((g) => numeric.has(g));
      const featureSets: SliceFeature[][] = [
        categorical.slice(0, 1).map((column) => ({ column })),
        categorical.slice(0, 2).map((column) => ({ column })),
        binned.slice(0, 1).map((column) => ({ column, binning: { kind: 'quantile', bins: 4 } })),
      ].filter((set) => set.length > 0);
      // The notebook's filter applies to both queries: one that keeps about two rows in three.
      const first = ident(loaded.profile.columns[0].name);
      const filters = ['', `hash(CAST(${first} AS VARCHAR)) % 3 <> 0`];
      for (const metric of metricsFor(guess.taskKind))
        for (const features of featureSets)
          for (const filter of filters) {
            const edges = await featureEdges(features, table, filter, read);
            const queries = buildSliceTable({
              source: table,
              columns: loaded.profile.columns,
              roles: guess.roles,
              metric: metric.id,
              features,
              filter,
              replicates: 20,
              edges,
            });
            if (!queries.countedTotals || queries.missing) continue;
            const hasModel = queries.modelColumn !== undefined;
            const slices = await read(queries.slices);
            const bootstrap = queries.bootstrap && {
              slices: await read(queries.bootstrap.slices),
              totals: await read(queries.bootstrap.totals),
              replicates: 20,
            };
            const sliceTable = (totals: Record<string, unknown>[]) =>
              readSliceTable(metric.id, features.length, hasModel, slices, totals, bootstrap);
            const where = `${path}: ${metric.id} by ${features.map((f) => f.column).join(' x ')}`;
            expect(sliceTable(totalsFromSlices(slices, hasModel)), where).toEqual(
              sliceTable(await read(queries.totals)),
            );
            compared++;
          }
      await engine.query(`DROP TABLE ${ident(table)}`);
    },
    120_000,
  );

  it('compared tables with counted totals', () => expect(compared).toBeGreaterThan(50));

  it.skipIf(existsSync(SHARED))(
    '(../shared/datasets is absent: only the samples were checked)',
    () => {},
  );
});
