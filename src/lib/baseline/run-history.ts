import type { Engine } from '../engine/engine';
import { featureEdges } from '../slicing/feature-edges';
import { meanInterval } from '../stats/student-t';
import { wilsonInterval, type Interval } from '../stats/wilson';
import { baselinePlan } from './baseline-plan';
import { runCondition, runSlicesSql, sliceKeys } from './build-baseline-sql';
import { inSliceOrder, modelOf, sliceOf } from './read-comparison';
import type { RunPair } from './run-baseline';

/** One slice (or a model's overall) of one run of a history: the metric with its 95% interval. */
export interface HistoryPoint {
  run: string;
  dataset: string;
  slice: string;
  model: string | null;
  cells: string[];
  metric: string;
  n: number;
  value: number;
  interval: Interval;
}

/**
 * The metric of each slice of the slice cells (and each model overall) in every run of a
 * history, with a Wilson interval for 0/1 values and a t interval for means. `runs` pairs each
 * run's dataset (as `baseline`) with the current one (`candidate`), whose quantiles cut numeric
 * features for every run, so a slice is the same rows' slice throughout. `read` runs each query
 * (by default the engine does).
 */
export async function runHistory(
  engine: Engine,
  runs: readonly { name: string; pairs: readonly RunPair[] }[],
  filter: string,
  read: (sql: string) => Promise<Record<string, unknown>[]> = async (sql) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>),
): Promise<HistoryPoint[] | { error: string }> {
  const points: HistoryPoint[] = [];
  for (const run of runs) {
    for (const pair of run.pairs) {
      const plan = baselinePlan(pair.baseline, pair.baseline, pair.sets);
      if ('error' in plan) return { error: `${run.name}: ${plan.error}` };
      const features = pair.sets.flatMap((s) => s.features);
      const edges = await featureEdges(
        features,
        pair.candidate.name,
        runCondition(pair.candidate, filter),
        read,
      );
      const keys = sliceKeys(plan, edges);
      const rows = await read(runSlicesSql(plan, keys, filter));
      const binary = rows.every((r) => Number(r.not_binary ?? 0) === 0);
      const named = rows.flatMap((row) => {
        const found = sliceOf(keys, row);
        return found ? [{ row, ...found, model: modelOf(row) }] : [];
      });
      for (const { row, grouping, slice, model } of inSliceOrder(keys, named)) {
        const [n, sum] = [Number(row.n_c), Number(row.sum_c)];
        const value = sum / n;
        points.push({
          run: run.name,
          dataset: pair.candidate.name,
          slice,
          model,
          cells: grouping.cells,
          metric: plan.values.candidate.metric,
          n,
          value,
          interval: binary
            ? wilsonInterval(sum, n)
            : meanInterval(value, Math.sqrt(Number(row.var_c ?? NaN)), n),
        });
      }
    }
  }
  return points;
}
