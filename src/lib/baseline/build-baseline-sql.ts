import { ident } from '../sql/quote';
import { featureExpression } from '../slicing/slice-feature';
import type { BaselinePlan, RunDataset } from './baseline-plan';

/** The slicing keys of a comparison: distinct feature expressions, and each grouping as indices. */
export interface SliceKeys {
  /** SQL of each key over a run's columns. */
  keys: string[];
  /** Each distinct grouping: its key indices, the features it names and the cells that show it. */
  groupings: { keys: number[]; features: string[]; cells: string[] }[];
}

/**
 * The keys the slice cells group by (a numeric feature cut at `edges`, the same on both runs),
 * each expression once, and each grouping once however many cells show it. The overall grouping
 * (no keys) comes first.
 */
export function sliceKeys(plan: BaselinePlan, edges: Record<string, number[]>): SliceKeys {
  const keys: string[] = [];
  const groupings: SliceKeys['groupings'] = [{ keys: [], features: [], cells: [] }];
  for (const set of plan.sets) {
    const indices = set.features.map((f) => {
      const sql = featureExpression(f, edges);
      if (!keys.includes(sql)) keys.push(sql);
      return keys.indexOf(sql);
    });
    const same = groupings.find((g) => g.keys.join() === indices.join());
    if (same) same.cells.push(set.cell);
    else
      groupings.push({
        keys: indices,
        features: set.features.map((f) => f.column),
        cells: [set.cell],
      });
  }
  return { keys, groupings };
}

const where = (filter: string | undefined) => (filter?.trim() ? ` WHERE (${filter})` : '');

/** One run's rows: its id and model as text, the slicing keys and the example's value. */
function side(
  run: RunDataset,
  value: string,
  plan: BaselinePlan,
  keys: SliceKeys,
  filter?: string,
) {
  const id = plan.id ? `CAST(${ident(plan.id)} AS VARCHAR)` : 'NULL::VARCHAR';
  const model = plan.model ? `CAST(${ident(plan.model)} AS VARCHAR)` : 'NULL::VARCHAR';
  const slices = keys.keys.map((k, i) => `, ${k} AS __k${i}`).join('');
  return `SELECT ${id} AS __id, ${model} AS __model${slices}, ${value} AS __v FROM ${ident(run.name)}${where(filter)}`;
}

function sides(plan: BaselinePlan, keys: SliceKeys, filter?: string): string {
  return [
    `WITH c AS (${side(plan.candidate, plan.values.candidate.sql, plan, keys, filter)}),`,
    `b AS (${side(plan.baseline, plan.values.baseline.sql, plan, keys, filter)})`,
  ].join('\n');
}

/**
 * How the runs' examples match on the example id (within a model): rows of each run, ids repeated
 * within a run (which would pair more than once), and ids in both runs.
 */
export function matchingSql(plan: BaselinePlan, keys: SliceKeys, filter?: string): string {
  const ids = (run: string) => `SELECT DISTINCT __id, __model FROM ${run} WHERE __id IS NOT NULL`;
  const repeated = (run: string) =>
    `(SELECT count(*) FROM (SELECT 1 FROM ${run} WHERE __id IS NOT NULL GROUP BY __id, __model HAVING count(*) > 1))::DOUBLE`;
  return [
    sides(plan, { keys: [], groupings: keys.groupings }, filter),
    `SELECT (SELECT count(*) FROM c)::DOUBLE AS rows_candidate, (SELECT count(*) FROM b)::DOUBLE AS rows_baseline,`,
    `  ${repeated('c')} AS repeated_candidate, ${repeated('b')} AS repeated_baseline,`,
    `  (SELECT count(*) FROM (${ids('c')}) x JOIN (${ids('b')}) y`,
    `    ON x.__id = y.__id AND x.__model IS NOT DISTINCT FROM y.__model)::DOUBLE AS common`,
  ].join('\n');
}

/**
 * The sufficient statistics of every slice (and overall) of both runs in one pass: each run's
 * count, sum and variance of the values; on the pairs (paired: an id in both runs, within a
 * model) the count, the mean difference's sum and variance and the 2x2 table of 0/1 values; the
 * ids in one run only; and how many values are not 0 or 1 (then the tests are for means).
 * Unpaired, the runs' rows are stacked and no example pairs.
 */
export function comparisonSql(
  plan: BaselinePlan,
  keys: SliceKeys,
  paired: boolean,
  filter?: string,
): string {
  const k = keys.keys.map((_, i) => `__k${i}`);
  const joined = paired
    ? [
        `j AS (SELECT coalesce(c.__model, b.__model) AS __model`,
        ...k.map((x) => `  , coalesce(c.${x}, b.${x}) AS ${x}`),
        `  , c.__v AS __vc, b.__v AS __vb, c.__id IS NOT NULL AS __in_c, b.__id IS NOT NULL AS __in_b`,
        `  FROM c FULL JOIN b ON c.__id = b.__id AND c.__model IS NOT DISTINCT FROM b.__model)`,
      ]
    : [
        `j AS (SELECT __model${k.map((x) => `, ${x}`).join('')}, __v AS __vc, NULL::DOUBLE AS __vb, true AS __in_c, false AS __in_b FROM c`,
        `  UNION ALL SELECT __model${k.map((x) => `, ${x}`).join('')}, NULL::DOUBLE, __v, false, true FROM b)`,
      ];
  const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::DOUBLE`;
  const both = '__vc IS NOT NULL AND __vb IS NOT NULL';
  const model = plan.model ? ['__model'] : [];
  const sets = keys.groupings.map((g) => `(${[...model, ...g.keys.map((i) => k[i])].join(', ')})`);
  const mask = k.length > 0 ? `grouping(${k.join(', ')})` : '0';
  return [
    `${sides(plan, keys, filter)},`,
    ...joined,
    `SELECT ${mask} AS grouping_mask, ${plan.model ? '__model' : 'NULL::VARCHAR'} AS model${k.map((x) => `, ${x}`).join('')},`,
    `  count(__vc)::DOUBLE AS n_c, coalesce(sum(__vc), 0)::DOUBLE AS sum_c, var_samp(__vc)::DOUBLE AS var_c,`,
    `  count(__vb)::DOUBLE AS n_b, coalesce(sum(__vb), 0)::DOUBLE AS sum_b, var_samp(__vb)::DOUBLE AS var_b,`,
    `  ${count(both)} AS n_p, coalesce(sum(__vc - __vb), 0)::DOUBLE AS sum_d, var_samp(__vc - __vb)::DOUBLE AS var_d,`,
    `  coalesce(sum(__vc) FILTER (WHERE ${both}), 0)::DOUBLE AS sum_pc,`,
    `  ${count('__vc = 1 AND __vb = 1')} AS both_right, ${count('__vc = 1 AND __vb = 0')} AS candidate_only_right,`,
    `  ${count('__vc = 0 AND __vb = 1')} AS baseline_only_right, ${count('__vc = 0 AND __vb = 0')} AS both_wrong,`,
    `  ${count('__in_c AND NOT __in_b')} AS only_c, ${count('__in_b AND NOT __in_c')} AS only_b,`,
    `  ${count('coalesce(__vc NOT IN (0, 1), false) OR coalesce(__vb NOT IN (0, 1), false)')} AS not_binary`,
    `FROM j GROUP BY GROUPING SETS (${sets.join(', ')})`,
  ].join('\n');
}
