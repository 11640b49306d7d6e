import { ident, literal } from '../../sql/quote';
import { asNumber, classKey } from '../../metrics/metrics-sql';

export interface CompareOptions {
  source: string;
  /** Columns by role. */
  id: string;
  model: string;
  label: string;
  prediction: string;
  /** The two models (values of the model column): differences are A − B. */
  modelA: string;
  modelB: string;
  /** A feature to slice by; none for the overall comparison only. */
  feature?: string;
  /** The notebook's global filter (a SQL condition), empty for none. */
  filter?: string;
  /** When label and prediction are both numbers (or both text), they are compared directly. */
  compareAs?: 'number' | 'text';
  /**
   * A 0/1 outcome column that says whether each row is right (per-example score tasks): it
   * stands in for the label (a row without one is left out) and the prediction (shown).
   */
  outcome?: string;
}

/** Marks the helper columns the queries add, so they cannot clash with the data's own names. */
const ID = '__slicebook_id';

/**
 * Right when the prediction's class is the label's; a missing prediction is wrong; NULL without a
 * label. Columns of one kind (`compareAs`) are compared directly, others by class key, which is
 * several times slower.
 */
function correctSql(
  o: Pick<CompareOptions, 'label' | 'prediction' | 'compareAs' | 'outcome'>,
): string {
  if (o.outcome)
    return `CASE WHEN isfinite(${asNumber(o.outcome)}) THEN ${asNumber(o.outcome)} = 1 END`;
  const [p, l] = [ident(o.prediction), ident(o.label)];
  const same =
    o.compareAs === 'number'
      ? `TRY_CAST(${p} AS DOUBLE) = TRY_CAST(${l} AS DOUBLE)`
      : o.compareAs === 'text'
        ? `trim(${p}) = trim(${l})`
        : `${classKey(p)} = ${classKey(l)}`;
  return `CASE WHEN ${l} IS NOT NULL THEN coalesce(${same}, false) END`;
}

/** The row's label: the label column, or a finite 0/1 outcome where that says right or wrong. */
function labelSql(o: Pick<CompareOptions, 'label' | 'outcome'>): string {
  return o.outcome
    ? `CASE WHEN isfinite(${asNumber(o.outcome)}) THEN ${asNumber(o.outcome)} END`
    : ident(o.label);
}

/** One model's rows with its id, its label, whether it is right, and its slice. */
function side(o: CompareOptions, model: string, everything = false): string {
  const where = [
    `CAST(${ident(o.model)} AS VARCHAR) = ${literal(model)}`,
    o.filter?.trim() ? `(${o.filter})` : '',
  ].filter((p) => p !== '');
  const slice = o.feature ? `CAST(${ident(o.feature)} AS VARCHAR)` : 'NULL::VARCHAR';
  return [
    `SELECT ${everything ? '*, ' : ''}${ident(o.id)} AS ${ID},`,
    `  ${labelSql(o)} AS __y, ${correctSql(o)} AS __correct, ${slice} AS __slice`,
    `  FROM ${ident(o.source)} WHERE ${where.join(' AND ')}`,
  ].join('\n');
}

/** Up to this many models, every pair is counted in matchingSql's one pass; beyond, by pairwiseSql. */
export const PIVOT_MODELS = 12;

/**
 * One pass over the rows grouped by example id, a row per slice of model A's row (one row
 * without a feature; summed by sumSlices for the totals):
 * - how the two models' rows match on the id: rows of each, rows without an id, rows whose id
 *   the other model lacks, repeated ids, pairs matched (an id repeated k times on one side and m
 *   on the other makes k m pairs, as a join does), pairs left out for a missing label, and pairs
 *   whose labels disagree (among ids with one labelled row on each side);
 * - the paired 2x2 table of A and B over their labelled pairs (n, both_right, b = A right and B
 *   wrong, c, neither), per slice as a join of the two counts it when each id pairs once (the cell refuses
 *   repeated ids: slicing/repeated-ids.ts);
 * - `repeated`: the rows beyond an id's first within a model, over every model of the pass
 *   (slicing/repeated-ids.ts names them only when this is not 0);
 * - with `pairs` (the models' names, in the order of distinctValuesSql), every pair of them as
 *   pairwiseSql counts it, so the matrix needs no join: n_i_j, both_right_i_j, b_i_j, c_i_j and
 *   neither_i_j for i < j, read by pairwiseRows.
 * Per id, a column per model of its right and of its wrong labelled rows (models by an integer
 * code: comparing strings in each FILTER cost more); a pair's counts are their products summed
 * over the ids.
 */
export function matchingSql(o: CompareOptions, pairs: readonly string[] = []): string {
  const sum = (value: string, condition?: string) =>
    `coalesce(sum(${value})${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::DOUBLE`;
  const models = [...new Set([o.modelA, o.modelB, ...pairs])];
  const where = [
    `CAST(${ident(o.model)} AS VARCHAR) IN (${models.map(literal).join(', ')})`,
    o.filter?.trim() ? `(${o.filter})` : '',
  ].filter((p) => p !== '');
  const code = models.map((m, i) => `WHEN ${literal(m)} THEN ${i}`).join(' ');
  const perModel = models.map(
    (_, i) =>
      `count(*) FILTER (WHERE __m = ${i} AND __correct) AS right_${i},` +
      ` count(*) FILTER (WHERE __m = ${i} AND NOT __correct) AS wrong_${i}`,
  );
  const hasId = `${ID} IS NOT NULL`;
  /** The paired counts of models x and y (codes), named with `suffix`. */
  const paired = (x: number, y: number, suffix = '') => {
    const [rx, wx, ry, wy] = [`right_${x}`, `wrong_${x}`, `right_${y}`, `wrong_${y}`];
    return [
      `${sum(`(${rx} + ${wx}) * (${ry} + ${wy})`, hasId)} AS n${suffix}`,
      `${sum(`${rx} * ${ry}`, hasId)} AS both_right${suffix}`,
      `${sum(`${rx} * ${wy}`, hasId)} AS b${suffix}`,
      `${sum(`${wx} * ${ry}`, hasId)} AS c${suffix}`,
      `${sum(`${wx} * ${wy}`, hasId)} AS neither${suffix}`,
    ].join(', ');
  };
  const pairSums: string[] = [];
  for (let i = 0; i < pairs.length; i++)
    for (let j = i + 1; j < pairs.length; j++)
      pairSums.push(paired(models.indexOf(pairs[i]), models.indexOf(pairs[j]), `_${i}_${j}`));
  const slice = o.feature ? 'min(__slice) FILTER (WHERE __m = 0) AS __slice, ' : '';
  return [
    `WITH r AS (SELECT ${ident(o.id)} AS ${ID}, (CASE CAST(${ident(o.model)} AS VARCHAR) ${code} END) AS __m,`,
    `  ${labelSql(o)} AS __y, ${correctSql(o)} AS __correct${o.feature ? `, CAST(${ident(o.feature)} AS VARCHAR) AS __slice` : ''}`,
    `  FROM ${ident(o.source)} WHERE ${where.join(' AND ')}),`,
    `ids AS (SELECT ${ID}, ${slice}count(*) FILTER (WHERE __m = 0) AS na,`,
    `    count(*) FILTER (WHERE __m = 1) AS nb,`,
    `    min(__y) FILTER (WHERE __m = 0) AS ya, min(__y) FILTER (WHERE __m = 1) AS yb,`,
    `    count(*) - bit_count(bit_or(1::BIGINT << __m)) AS extra`,
    ...perModel.map((c) => `    , ${c}`),
    `  FROM r GROUP BY ${ID})`,
    `SELECT ${o.feature ? '__slice' : 'NULL::VARCHAR'} AS slice, ${sum('na')} AS rows_a, ${sum('nb')} AS rows_b,`,
    `  ${sum('na', `${ID} IS NULL`)} AS no_id_a, ${sum('nb', `${ID} IS NULL`)} AS no_id_b,`,
    `  ${sum('na', `${hasId} AND nb = 0`)} AS only_a,`,
    `  ${sum('nb', `${hasId} AND na = 0`)} AS only_b,`,
    `  ${sum('na - 1', `${hasId} AND na > 0`)} AS repeated_a,`,
    `  ${sum('nb - 1', `${hasId} AND nb > 0`)} AS repeated_b,`,
    `  ${sum('na * nb', hasId)} AS matched,`,
    `  ${sum('na * nb - (right_0 + wrong_0) * (right_1 + wrong_1)', hasId)} AS unlabelled,`,
    // An outcome is each model's own: only labels can disagree.
    o.outcome
      ? '  0::DOUBLE AS labels_disagree,'
      : `  ${sum('1', `${hasId} AND right_0 + wrong_0 = 1 AND right_1 + wrong_1 = 1 AND ya <> yb`)} AS labels_disagree,`,
    `  ${sum('extra', hasId)} AS repeated,`,
    `  ${paired(0, 1)}`,
    ...pairSums.map((c) => `  , ${c}`),
    `FROM ids`,
    o.feature ? 'GROUP BY __slice ORDER BY __slice NULLS LAST' : '',
  ].join('\n');
}

/** Which flip set: "b" = A right and B wrong, "c" = A wrong and B right. */
export type Flip = 'b' | 'c';

/**
 * A page of the examples in a flip set (optionally of one slice; null is the missing value):
 * model A's row, with model B's prediction beside it.
 */
export function flipRowsSql(
  o: CompareOptions,
  flip: Flip,
  slice: { value: string | null } | undefined,
  offset: number,
  limit: number,
): { rows: string; count: string } {
  const which =
    flip === 'b' ? 'a.__correct AND NOT b.__correct' : 'NOT a.__correct AND b.__correct';
  const inSlice = !slice
    ? ''
    : slice.value === null
      ? ' AND a.__slice IS NULL'
      : ` AND a.__slice = ${literal(slice.value)}`;
  const ctes = [
    `WITH a AS (${side(o, o.modelA, true)}),`,
    `b AS (SELECT ${ID}, __y, __correct, ${ident(o.prediction)} AS __prediction FROM (${side(o, o.modelB, true)}))`,
  ].join('\n');
  const body = [
    `FROM a JOIN b ON a.${ID} = b.${ID}`,
    `WHERE a.__y IS NOT NULL AND b.__y IS NOT NULL AND ${which}${inSlice}`,
  ].join('\n');
  const columnB = ident(`${o.prediction} of ${o.modelB}`);
  const columns = `a.* EXCLUDE (${ID}, __y, __correct, __slice), b.__prediction AS ${columnB}`;
  return {
    rows: [
      ctes,
      `SELECT ${columns}`,
      body,
      `ORDER BY a.${ID} LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
    ].join('\n'),
    count: [ctes, 'SELECT count(*)::DOUBLE AS n', body].join('\n'),
  };
}

/**
 * Every pair of models (model_a < model_b) on their matched, labelled examples, by joining the
 * rows: for more models than PIVOT_MODELS (fewer are counted by matchingSql).
 */
export function pairwiseSql(o: Omit<CompareOptions, 'modelA' | 'modelB' | 'feature'>): string {
  const where = [`${labelSql(o)} IS NOT NULL`, `${ident(o.id)} IS NOT NULL`];
  if (o.filter?.trim()) where.push(`(${o.filter})`);
  const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::DOUBLE`;
  return [
    `WITH r AS (SELECT CAST(${ident(o.model)} AS VARCHAR) AS model, ${ident(o.id)} AS id,`,
    `  ${correctSql(o)} AS correct FROM ${ident(o.source)} WHERE ${where.join(' AND ')})`,
    `SELECT x.model AS model_a, y.model AS model_b, count(*)::DOUBLE AS n,`,
    `  ${count('x.correct AND y.correct')} AS both_right, ${count('x.correct AND NOT y.correct')} AS b,`,
    `  ${count('NOT x.correct AND y.correct')} AS c, ${count('NOT x.correct AND NOT y.correct')} AS neither`,
    `FROM r x JOIN r y ON x.id = y.id AND x.model < y.model GROUP BY 1, 2 ORDER BY 1, 2`,
  ].join('\n');
}
