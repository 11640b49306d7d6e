import { ident, literal } from '../sql/quote';
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

/**
 * Two rows are the same example when their ids match, and their models where there are models (a
 * row without a model pairs with none): plain equalities, which DuckDB hash-joins.
 */
function sameExample(plan: BaselinePlan, x: string, y: string): string {
  return `${x}.__id = ${y}.__id${plan.model ? ` AND ${x}.__model = ${y}.__model` : ''}`;
}

/** Whether the values are 0/1 (right or wrong), are not (errors), or must be looked at (scores). */
function binaryValues(plan: BaselinePlan): boolean | undefined {
  const { binary } = plan.values.candidate;
  return binary === plan.values.baseline.binary ? binary : undefined;
}

/**
 * The rows of a run the comparison reads, as one condition: its own rows in a table of several
 * runs, under the filter; empty for every row.
 */
export function runCondition(run: RunDataset, filter?: string): string {
  const conditions = filter?.trim() ? [`(${filter})`] : [];
  if (run.runRows) {
    const { column, value } = run.runRows;
    conditions.unshift(`CAST(${ident(column)} AS VARCHAR) = ${literal(value)}`);
  }
  return conditions.join(' AND ');
}

const where = (condition: string) => (condition ? ` WHERE ${condition}` : '');

/** Ids of one type in both runs join as they are; of different types (1 and "1"), as text. */
function idAsText(plan: BaselinePlan): boolean {
  const type = (run: RunDataset) => run.columns.find((c) => c.name === plan.id)?.sqlType;
  return type(plan.candidate) !== type(plan.baseline);
}

/** One run's rows: its id, its model as text, the slicing keys and the example's value. */
function side(
  run: RunDataset,
  value: string,
  plan: BaselinePlan,
  keys: SliceKeys,
  filter?: string,
) {
  const id = !plan.id
    ? 'NULL'
    : idAsText(plan)
      ? `CAST(${ident(plan.id)} AS VARCHAR)`
      : ident(plan.id);
  const model = plan.model ? `CAST(${ident(plan.model)} AS VARCHAR)` : 'NULL::VARCHAR';
  const slices = keys.keys.map((k, i) => `, ${k} AS __k${i}`).join('');
  return `SELECT ${id} AS __id, ${model} AS __model${slices}, ${value} AS __v, true AS __here FROM ${ident(run.name)}${where(runCondition(run, filter))}`;
}

function sides(plan: BaselinePlan, keys: SliceKeys, filter?: string): string {
  return [
    `WITH c AS (${side(plan.candidate, plan.values.candidate.sql, plan, keys, filter)}),`,
    `b AS (${side(plan.baseline, plan.values.baseline.sql, plan, keys, filter)})`,
  ].join('\n');
}

/** How many rows each run has (under the filter): a join that makes more has repeated ids. */
export function rowsSql(plan: BaselinePlan, keys: SliceKeys, filter?: string): string {
  return [
    `${sides(plan, { keys: [], groupings: keys.groupings }, filter)}`,
    `SELECT (SELECT count(*) FROM c)::DOUBLE AS rows_candidate, (SELECT count(*) FROM b)::DOUBLE AS rows_baseline`,
  ].join('\n');
}

/**
 * How the runs' examples match on the example id (within a model): rows of each run, ids repeated
 * within a run (which would pair more than once), and ids in both runs.
 */
export function matchingSql(plan: BaselinePlan, keys: SliceKeys, filter?: string): string {
  const ids = (run: string) =>
    `SELECT __id, __model, count(*) AS n FROM ${run} WHERE __id IS NOT NULL GROUP BY ALL`;
  const repeated = (run: string) => `(SELECT count(*) FROM ${run} WHERE n > 1)::DOUBLE`;
  return [
    `${sides(plan, { keys: [], groupings: keys.groupings }, filter)},`,
    `ci AS (${ids('c')}), bi AS (${ids('b')})`,
    `SELECT (SELECT count(*) FROM c)::DOUBLE AS rows_candidate, (SELECT count(*) FROM b)::DOUBLE AS rows_baseline,`,
    `  ${repeated('ci')} AS repeated_candidate, ${repeated('bi')} AS repeated_baseline,`,
    `  (SELECT count(*) FROM ci x JOIN bi y ON ${sameExample(plan, 'x', 'y')})::DOUBLE AS common`,
  ].join('\n');
}

/**
 * The sufficient statistics of every slice (and overall) of both runs in one pass: each run's
 * count and sum of the values; on the pairs (paired: an id in both runs, within a model) their
 * count, the sum of the candidate's values, of the differences and of the products (for 0/1
 * values, the pairs both right: the rest of the 2x2 table follows); variances where the values
 * are not known to be 0/1; the ids in one run only; and how many values are not 0 or 1 where
 * that is not known (then the tests are for means). `__vc + 0 * __vb` is the candidate's value
 * where the pair is complete. Unpaired, the runs' rows are stacked and no example pairs.
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
        `  , c.__v AS __vc, b.__v AS __vb, c.__here IS NOT NULL AS __in_c, b.__here IS NOT NULL AS __in_b`,
        `  FROM c FULL JOIN b ON ${sameExample(plan, 'c', 'b')})`,
      ]
    : [
        `j AS (SELECT __model${k.map((x) => `, ${x}`).join('')}, __v AS __vc, NULL::DOUBLE AS __vb, true AS __in_c, false AS __in_b FROM c`,
        `  UNION ALL SELECT __model${k.map((x) => `, ${x}`).join('')}, NULL::DOUBLE, __v, false, true FROM b)`,
      ];
  const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::DOUBLE`;
  const sum = (value: string) => `coalesce(sum(${value}), 0)::DOUBLE`;
  const group = grouping(plan, keys);
  const binary = binaryValues(plan);
  const spread =
    binary === true
      ? []
      : [
          'var_samp(__vc)::DOUBLE AS var_c, var_samp(__vb)::DOUBLE AS var_b, var_samp(__vc - __vb)::DOUBLE AS var_d',
        ];
  const check =
    binary === undefined
      ? [count('coalesce(__vc NOT IN (0, 1), false) OR coalesce(__vb NOT IN (0, 1), false)')]
      : [`${binary ? 0 : 1}::DOUBLE`];
  return [
    `${sides(plan, keys, filter)},`,
    ...joined,
    `SELECT ${group.columns},`,
    `  count(__vc)::DOUBLE AS n_c, ${sum('__vc')} AS sum_c, count(__vb)::DOUBLE AS n_b, ${sum('__vb')} AS sum_b,`,
    `  count(__vc - __vb)::DOUBLE AS n_p, ${sum('__vc - __vb')} AS sum_d, ${sum('__vc * __vb')} AS sum_cb,`,
    `  ${sum('__vc + 0 * __vb')} AS sum_pc,`,
    ...spread.map((x) => `  ${x},`),
    `  ${count('__in_c AND NOT __in_b')} AS only_c, ${count('__in_b AND NOT __in_c')} AS only_b,`,
    `  ${count('__in_c')} AS rows_c, ${count('__in_b')} AS rows_b, ${count('__in_c AND __in_b')} AS matched,`,
    `  ${check[0]} AS not_binary`,
    `FROM j ${group.groupBy}`,
  ].join('\n');
}

/** The grouping of a comparison: the mask, model and key columns, and the GROUPING SETS clause. */
function grouping(plan: BaselinePlan, keys: SliceKeys): { columns: string; groupBy: string } {
  const k = keys.keys.map((_, i) => `__k${i}`);
  const model = plan.model ? ['__model'] : [];
  const sets = keys.groupings.map((g) => `(${[...model, ...g.keys.map((i) => k[i])].join(', ')})`);
  const mask = k.length > 0 ? `grouping(${k.join(', ')})` : '0';
  return {
    columns: `${mask} AS grouping_mask, ${plan.model ? '__model' : 'NULL::VARCHAR'} AS model${k.map((x) => `, ${x}`).join('')}`,
    groupBy: `GROUP BY GROUPING SETS (${sets.join(', ')})`,
  };
}

/**
 * One run's statistics per slice and model (the candidate's of `plan`), for a history of runs:
 * the count, sum and variance of the values, and how many are not 0 or 1.
 */
export function runSlicesSql(plan: BaselinePlan, keys: SliceKeys, filter?: string): string {
  const group = grouping(plan, keys);
  return [
    `WITH c AS (${side(plan.candidate, plan.values.candidate.sql, plan, keys, filter)})`,
    `SELECT ${group.columns}, count(__v)::DOUBLE AS n_c, coalesce(sum(__v), 0)::DOUBLE AS sum_c,`,
    `  var_samp(__v)::DOUBLE AS var_c, count(*) FILTER (WHERE __v NOT IN (0, 1))::DOUBLE AS not_binary`,
    `FROM c ${group.groupBy}`,
  ].join('\n');
}
