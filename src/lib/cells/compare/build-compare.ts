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
 * How the two models' rows match on the example id: rows of each, rows without an id, rows whose
 * id the other model lacks, repeated ids, pairs matched (an id repeated k times on one side and
 * m on the other makes k m pairs, as the join does), pairs left out for a missing label, and
 * pairs whose labels disagree (among ids with one labelled row on each side). The compare cell
 * refuses repeated ids before it pairs (slicing/repeated-ids.ts), so there each id pairs once.
 *
 * With `pairs` (the models' names, in the order of distinctValuesSql), also every pair of them
 * as pairwiseSql counts it, so the matrix needs no join: columns n_i_j, both_right_i_j, b_i_j,
 * c_i_j and neither_i_j for i < j, read by pairwiseRows. One pass: the rows grouped by id, with
 * a column per model of its right and of its wrong labelled rows; a pair's counts are their
 * products summed over the ids, so a repeated id makes k m pairs here too.
 */
export function matchingSql(o: CompareOptions, pairs: readonly string[] = []): string {
  const sum = (value: string, condition?: string) =>
    `coalesce(sum(${value})${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::DOUBLE`;
  const of = (model: string) => `__model = ${literal(model)}`;
  const models = [...new Set([o.modelA, o.modelB, ...pairs])];
  const where = [
    `CAST(${ident(o.model)} AS VARCHAR) IN (${models.map(literal).join(', ')})`,
    o.filter?.trim() ? `(${o.filter})` : '',
  ].filter((p) => p !== '');
  const [a, b] = [of(o.modelA), of(o.modelB)];
  const perModel = pairs.map(
    (m, i) =>
      `count(*) FILTER (WHERE ${of(m)} AND __correct) AS right_${i},` +
      ` count(*) FILTER (WHERE ${of(m)} AND NOT __correct) AS wrong_${i}`,
  );
  const pairSums: string[] = [];
  for (let i = 0; i < pairs.length; i++)
    for (let j = i + 1; j < pairs.length; j++) {
      const [ri, wi, rj, wj] = [`right_${i}`, `wrong_${i}`, `right_${j}`, `wrong_${j}`];
      const paired = (x: string, y: string, name: string) =>
        `${sum(`${x} * ${y}`, `${ID} IS NOT NULL`)} AS ${name}_${i}_${j}`;
      pairSums.push(
        [
          paired(`(${ri} + ${wi})`, `(${rj} + ${wj})`, 'n'),
          paired(ri, rj, 'both_right'),
          paired(ri, wj, 'b'),
          paired(wi, rj, 'c'),
          paired(wi, wj, 'neither'),
        ].join(', '),
      );
    }
  return [
    `WITH r AS (SELECT ${ident(o.id)} AS ${ID}, CAST(${ident(o.model)} AS VARCHAR) AS __model,`,
    `  ${labelSql(o)} AS __y, ${correctSql(o)} AS __correct`,
    `  FROM ${ident(o.source)} WHERE ${where.join(' AND ')}),`,
    `ids AS (SELECT ${ID}, count(*) FILTER (WHERE ${a}) AS na, count(*) FILTER (WHERE ${b}) AS nb,`,
    `    count(__y) FILTER (WHERE ${a}) AS la, count(__y) FILTER (WHERE ${b}) AS lb,`,
    `    min(__y) FILTER (WHERE ${a}) AS ya, min(__y) FILTER (WHERE ${b}) AS yb`,
    ...perModel.map((c) => `    , ${c}`),
    `  FROM r GROUP BY ${ID})`,
    `SELECT ${sum('na')} AS rows_a, ${sum('nb')} AS rows_b,`,
    `  ${sum('na', `${ID} IS NULL`)} AS no_id_a, ${sum('nb', `${ID} IS NULL`)} AS no_id_b,`,
    `  ${sum('na', `${ID} IS NOT NULL AND nb = 0`)} AS only_a,`,
    `  ${sum('nb', `${ID} IS NOT NULL AND na = 0`)} AS only_b,`,
    `  ${sum('na - 1', `${ID} IS NOT NULL AND na > 0`)} AS repeated_a,`,
    `  ${sum('nb - 1', `${ID} IS NOT NULL AND nb > 0`)} AS repeated_b,`,
    `  ${sum('na * nb', `${ID} IS NOT NULL`)} AS matched,`,
    `  ${sum('na * nb - la * lb', `${ID} IS NOT NULL`)} AS unlabelled,`,
    // An outcome is each model's own: only labels can disagree.
    o.outcome
      ? '  0::DOUBLE AS labels_disagree'
      : `  ${sum('1', `${ID} IS NOT NULL AND la = 1 AND lb = 1 AND ya <> yb`)} AS labels_disagree`,
    ...pairSums.map((c) => `  , ${c}`),
    `FROM ids`,
  ].join('\n');
}

/**
 * The paired 2x2 table of each slice (the slice of model A's row) and overall (overall = 1):
 * both right, b = A right and B wrong, c = A wrong and B right, neither; over matched pairs where
 * both rows have a label.
 */
export function pairsSql(o: CompareOptions): string {
  const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::DOUBLE`;
  const overall = o.feature ? 'grouping(a.__slice) AS overall' : '1 AS overall';
  return [
    `WITH a AS (${side(o, o.modelA)}), b AS (${side(o, o.modelB)})`,
    `SELECT ${o.feature ? 'a.__slice' : 'NULL::VARCHAR'} AS slice, count(*)::DOUBLE AS n,`,
    `  ${count('a.__correct AND b.__correct')} AS both_right,`,
    `  ${count('a.__correct AND NOT b.__correct')} AS b,`,
    `  ${count('NOT a.__correct AND b.__correct')} AS c,`,
    `  ${count('NOT a.__correct AND NOT b.__correct')} AS neither, ${overall}`,
    `FROM a JOIN b ON a.${ID} = b.${ID} WHERE a.__y IS NOT NULL AND b.__y IS NOT NULL`,
    o.feature
      ? `GROUP BY GROUPING SETS ((a.__slice), ()) ORDER BY overall DESC, slice NULLS LAST`
      : '',
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
