import { ident, literal } from '../../sql/quote';

/** Who votes on a suspect gold, and how many of them must agree. */
export interface Voting {
  /** The voting models' bits. */
  bits: number[];
  /** How many voters must agree on one answer that is not the gold. */
  required: number;
  /** Each model's weight (its accuracy on the complete examples), by bit. */
  weights: number[];
}

/**
 * The suspect gold labels, as a working table: the complete examples on which at least
 * `required` voters give one answer (the same class) that is wrong by their rows' gold. Per
 * example its most agreed wrong answer (ties: the stronger voters, then the smaller class key),
 * how many voters agree (`agreeing`) and which (`mask`, bit i for model i), and `support`: the agreeing voters'
 * weight over all voters' (1 when every voter agrees; a strong model counts more than a weak).
 */
export function suspectsSql(rows: string, table: string, v: Voting): string {
  const weight = `CASE __bit ${v.bits.map((b) => `WHEN ${b} THEN ${literal(v.weights[b])}::DOUBLE`).join(' ')} END`;
  const total = v.bits.reduce((s, b) => s + v.weights[b], 0);
  const votes = [
    'SELECT __id, __answer, min(__answer_shown) AS answer, count(*)::INTEGER AS agreeing,',
    `  sum(${weight}) AS strength, bit_or(1::BIGINT << __bit) AS mask`,
    `FROM ${ident(rows)}`,
    `WHERE __complete AND __bit IN (${v.bits.join(', ')}) AND NOT __right AND __answer IS NOT NULL`,
    'GROUP BY __id, __answer',
  ].join('\n');
  const ranked = `SELECT *, row_number() OVER (PARTITION BY __id ORDER BY agreeing DESC, strength DESC, __answer) AS k FROM v`;
  return [
    `CREATE TEMP TABLE ${ident(table)} AS`,
    `WITH v AS (${votes}),\ntop AS (${ranked})`,
    // Every voter agreeing is 1 exactly: a sum in another order than \`total\`'s can miss it by an ulp.
    `SELECT __id, answer, agreeing, CASE WHEN agreeing = ${v.bits.length} THEN 1 ELSE strength / ${total > 0 ? literal(total) : 'NULL'} END::DOUBLE AS support, mask`,
    `FROM top WHERE k = 1 AND agreeing >= ${Math.floor(v.required)}`,
  ].join('\n');
}

/**
 * The evidence on each suspect, strongest first (support, then agreeing voters, then models whose
 * confident-learning rule flags the row), the first `limit`: the gold as written, the agreed
 * answer, the slice, how many models are right, each model's answer (`answer_<bit>`) and
 * confident-learning flag (`flag_<bit>`), the text's first 300 characters where `texts` is
 * given, and `total`, how many suspects there are.
 */
export function suspectEvidenceSql(
  rows: string,
  suspects: string,
  models: number,
  limit: number,
  texts?: string,
): string {
  const perModel = Array.from({ length: models }, (_, i) => [
    `any_value(__answer_shown) FILTER (WHERE __bit = ${i}) AS answer_${i}`,
    `bool_or(__cl_class <> __gold) FILTER (WHERE __bit = ${i}) AS flag_${i}`,
  ]).flat();
  const evidence = [
    'SELECT __id, min(__gold_shown) AS gold, min(__slice) AS slice,',
    '  count(*) FILTER (WHERE __right)::DOUBLE AS models_right,',
    '  count(*) FILTER (WHERE __cl_class <> __gold)::DOUBLE AS confident,',
    `  ${perModel.join(',\n  ')}`,
    `FROM ${ident(rows)} WHERE __id IN (SELECT __id FROM ${ident(suspects)}) GROUP BY __id`,
  ].join('\n');
  return [
    `SELECT s.__id AS id, s.answer, s.agreeing::DOUBLE AS agreeing, s.support, s.mask::DOUBLE AS mask, e.* EXCLUDE (__id),`,
    texts ? '  left(x.text, 300) AS text,' : '  NULL::VARCHAR AS text,',
    `  (SELECT count(*) FROM ${ident(suspects)})::DOUBLE AS total`,
    `FROM ${ident(suspects)} s JOIN (${evidence}) e USING (__id)`,
    texts ? `LEFT JOIN ${ident(texts)} x USING (__id)` : '',
    `ORDER BY s.support DESC, s.agreeing DESC, e.confident DESC, s.__id LIMIT ${Math.floor(limit)}`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** Per model (bit), the complete rows and those the confident-learning rule flags. */
export function confidentCountsSql(rows: string): string {
  return [
    'SELECT __bit, count(*)::DOUBLE AS n,',
    '  count(*) FILTER (WHERE __cl_class <> __gold)::DOUBLE AS flagged',
    `FROM ${ident(rows)} WHERE __complete GROUP BY __bit ORDER BY __bit`,
  ].join('\n');
}
