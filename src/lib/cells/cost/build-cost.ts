import { ident, literal } from '../../sql/quote';

export interface CostOptions {
  source: string;
  /** The cost column: latency, tokens, memory, any number. */
  cost: string;
  model?: string;
  feature?: string;
  /** The notebook's global filter (a SQL condition); empty for none. */
  filter?: string;
}

/** The group keys: the model, and the feature's value with `bySlice`, as slice_0, slice_1. */
export function costGroups(o: CostOptions, bySlice: boolean): string[] {
  return [
    ...(o.model ? [`CAST(${ident(o.model)} AS VARCHAR)`] : []),
    ...(bySlice && o.feature ? [`CAST(${ident(o.feature)} AS VARCHAR)`] : []),
  ];
}

function costRows(o: CostOptions, bySlice: boolean): { sql: string; keys: string[] } {
  const groups = costGroups(o, bySlice);
  const keys = groups.map((_, i) => `slice_${i}`);
  const select = [
    ...groups.map((g, i) => `${g} AS ${keys[i]}`),
    `TRY_CAST(${ident(o.cost)} AS DOUBLE) AS cost`,
  ];
  const where = o.filter?.trim() ? `\n  WHERE (${o.filter})` : '';
  return { sql: `SELECT ${select.join(', ')}\n  FROM ${ident(o.source)}${where}`, keys };
}

/**
 * Per group: rows, n (rows with a finite cost), the mean and sample sd, the 50th and 95th
 * percentiles (linear interpolation between order statistics, numpy's default), min and max.
 */
export function costSummarySql(o: CostOptions, bySlice: boolean): string {
  const { sql, keys } = costRows(o, bySlice);
  const list = keys.map((k) => `${k}, `).join('');
  const group = keys.length > 0 ? `GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}` : '';
  const finite = `FILTER (WHERE isfinite(cost))`;
  return [
    `WITH c AS (${sql})`,
    `SELECT ${list}count(*)::DOUBLE AS rows, count(*) ${finite}::DOUBLE AS n,`,
    `  avg(cost) ${finite} AS mean, stddev_samp(cost) ${finite} AS sd,`,
    `  quantile_cont(cost, 0.5) ${finite} AS p50, quantile_cont(cost, 0.95) ${finite} AS p95,`,
    `  min(cost) ${finite} AS min, max(cost) ${finite} AS max`,
    `FROM c ${group}`,
  ].join('\n');
}

/** Ranks (1-based, in increasing cost) wanted from one group: its key values and the ranks. */
export interface WantedRanks {
  keys: (string | null)[];
  ranks: number[];
}

/** The order statistics x_(k) at the wanted ranks of each group: columns slice_i, k, cost. */
export function orderStatisticsSql(o: CostOptions, bySlice: boolean, wanted: WantedRanks[]) {
  const { sql, keys } = costRows(o, bySlice);
  const tuples = wanted.flatMap((w) =>
    w.ranks.map((k) => `(${[...w.keys.map(literal), literal(k)].join(', ')})`),
  );
  if (tuples.length === 0) return undefined;
  const columns = [...keys, 'k'];
  const partition = keys.length > 0 ? `PARTITION BY ${keys.join(', ')} ` : '';
  const join = [...keys.map((k) => `r.${k} IS NOT DISTINCT FROM w.${k}`), 'r.k = w.k'].join(
    ' AND ',
  );
  return [
    `WITH c AS (${sql}),`,
    `r AS (SELECT *, row_number() OVER (${partition}ORDER BY cost) AS k FROM c WHERE isfinite(cost))`,
    `SELECT ${columns.map((c) => `w.${c}`).join(', ')}, r.cost`,
    `FROM r JOIN (VALUES ${tuples.join(', ')}) w(${columns.join(', ')}) ON ${join}`,
  ].join('\n');
}
