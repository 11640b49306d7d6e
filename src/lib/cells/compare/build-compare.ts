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

/** Up to this many models, every pair is counted from matchingSql's one pass; beyond, by pairwiseSql. */
export const PIVOT_MODELS = 12;

/** The models of matchingSql's pass in the order of their codes: A, B, then the others of `pairs`. */
export function passModels(o: CompareOptions, pairs: readonly string[] = []): string[] {
  return [...new Set([o.modelA, o.modelB, ...pairs])];
}

/**
 * One pass over the rows grouped by example id. Each id's rows become one integer, its `state`:
 * two bits per model of the pass (passModels' codes: 0 absent, 1 right, 2 wrong, 3 without a
 * label). The ids are counted per slice of A's row, state, and whether A's and B's labels
 * `differ`, with `extra`, the rows beyond an id's first within a model; rows without an id pair
 * with none, and come in a row of their own (state NULL, the rows of A and B in no_a and no_b,
 * in the slice of A's least such row). countsPerSlice turns these few rows into the counts the
 * cell shows (matching, pairs, every pair of `pairs`).
 * The counts hold when each id appears at most once per model: with a repeat, its id's state
 * merges its rows; the cell then refuses, naming the repeats (slicing/repeated-ids.ts), since
 * `extra` is exact either way.
 * `everyModel`: the pass's models are every model of the column, so the rows are not filtered
 * by model (on 1M rows the text comparisons cost a third of the pass). The answer is the same
 * either way: a row of a model not in the pass has no code, and every count skips it.
 */
export function matchingSql(
  o: CompareOptions,
  pairs: readonly string[] = [],
  everyModel = false,
): string {
  const models = passModels(o, pairs);
  const where = (id: string) =>
    [
      everyModel ? '' : `CAST(${ident(o.model)} AS VARCHAR) IN (${models.map(literal).join(', ')})`,
      `${ident(o.id)} ${id}`,
      o.filter?.trim() ? `(${o.filter})` : '',
    ].filter((p) => p !== '');
  const code = models.map((m, i) => `WHEN ${literal(m)} THEN ${i}`).join(' ');
  const rows = (id: string) =>
    [
      `SELECT ${ident(o.id)} AS ${ID}, (CASE CAST(${ident(o.model)} AS VARCHAR) ${code} END) AS __m,`,
      `  ${labelSql(o)} AS __y, ${correctSql(o)} AS __correct${o.feature ? `, CAST(${ident(o.feature)} AS VARCHAR) AS __slice` : ''}`,
      `  FROM ${ident(o.source)} WHERE ${where(id).join(' AND ')}`,
    ].join('\n');
  const slice = o.feature ? 'min(__slice) FILTER (WHERE __m = 0)' : 'NULL::VARCHAR';
  // An outcome is each model's own: only labels can disagree.
  const differ = o.outcome
    ? 'false'
    : 'min(__y) FILTER (WHERE __m = 0) <> min(__y) FILTER (WHERE __m = 1)';
  /** The low bit of each model's two: once a state's two bits are ORed, a bit per model present. */
  const lowBits = models.reduce((mask, _, i) => mask + 4 ** i, 0);
  return [
    // The source is read before any other name is defined, so a table cannot be taken for one.
    `WITH __loose AS (SELECT ${slice} AS slice, NULL::INTEGER AS state, NULL::BOOLEAN AS differ,`,
    `    0::DOUBLE AS ids, 0::DOUBLE AS extra, count(*) FILTER (WHERE __m = 0)::DOUBLE AS no_a,`,
    `    count(*) FILTER (WHERE __m = 1)::DOUBLE AS no_b`,
    `  FROM (${rows('IS NULL')}) HAVING count(__m) > 0),`,
    `__rows AS (${rows('IS NOT NULL')}),`,
    `__ids AS (SELECT ${slice} AS slice, count(__m) AS __n,`,
    `    coalesce(bit_or((CASE WHEN __correct THEN 1 WHEN NOT __correct THEN 2 ELSE 3 END) << (2 * __m)), 0) AS state,`,
    `    ${differ} AS differ`,
    `  FROM __rows GROUP BY ${ID} HAVING count(__m) > 0)`,
    `SELECT slice, state, differ, count(*)::DOUBLE AS ids,`,
    `  sum(__n - bit_count((state | (state >> 1)) & ${lowBits}))::DOUBLE AS extra,`,
    `  0::DOUBLE AS no_a, 0::DOUBLE AS no_b`,
    `FROM __ids GROUP BY ALL`,
    `UNION ALL FROM __loose`,
    `ORDER BY slice NULLS LAST`,
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
