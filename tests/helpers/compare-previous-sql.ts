import { ident, literal } from '../../src/lib/sql/quote';
import { asNumber, classKey } from '../../src/lib/metrics/metrics-sql';
import type { CompareOptions } from '../../src/lib/cells/compare/build-compare';

/**
 * The compare cell's SQL before its one pass (main at b64a827): the matching and the pairwise
 * counts in one GROUP BY of the ids, the per-slice pairs by a join of the two models' rows. Kept
 * as the reference the one pass is checked against (tests/suites/compare-pivot.ts,
 * tests/unit/compare-one-pass.test.ts).
 */
const ID = '__slicebook_id';
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
function side(o: CompareOptions, model: string): string {
  const where = [
    `CAST(${ident(o.model)} AS VARCHAR) = ${literal(model)}`,
    o.filter?.trim() ? `(${o.filter})` : '',
  ].filter((p) => p !== '');
  const slice = o.feature ? `CAST(${ident(o.feature)} AS VARCHAR)` : 'NULL::VARCHAR';
  return [
    `SELECT ${ident(o.id)} AS ${ID},`,
    `  ${labelSql(o)} AS __y, ${correctSql(o)} AS __correct, ${slice} AS __slice`,
    `  FROM ${ident(o.source)} WHERE ${where.join(' AND ')}`,
  ].join('\n');
}

export function previousMatchingSql(o: CompareOptions, pairs: readonly string[] = []): string {
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

export function previousPairsSql(o: CompareOptions): string {
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
