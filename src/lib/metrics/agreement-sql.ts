import { ident, literal } from '../sql/quote';

/**
 * What the agreement queries read, checked against the dataset: the rows of `models` (values of
 * the `model` column; model i is bit i of a pattern) paired on the `id` column, each right or
 * wrong by `right` (SQL, NULL where unlabelled).
 */
export interface AgreementPlan {
  source: string;
  id: string;
  model: string;
  models: string[];
  right: string;
  /** SQL: the row's outcome is a number other than 0 and 1 (right is then undefined). */
  notBinary?: string;
  /** Columns shown beside each example: the gold label, and what each model answered. */
  label?: string;
  answer: string;
  /** A feature to slice by. */
  feature?: string;
  /** The notebook's global filter (a SQL condition), empty for none. */
  filter?: string;
}

/**
 * The plan's rows with the model's bit (its place in `models`), whether it is right, and what
 * the per-example pass reads of the slice, the label and the outcome's check (only where the
 * plan has them: each column read costs a pass over 5M rows); only the plan's models, under
 * the global filter.
 */
function planRows(p: AgreementPlan, everything = false): string {
  const model = `CAST(${ident(p.model)} AS VARCHAR)`;
  const bit = p.models.map((m, i) => `WHEN ${literal(m)} THEN ${i}`).join(' ');
  const where = [`${model} IN (${p.models.map(literal).join(', ')})`];
  if (p.filter?.trim()) where.push(`(${p.filter})`);
  const columns = [
    `${ident(p.id)} AS __id`,
    `(CASE ${model} ${bit} END)::BIGINT AS __bit`,
    `${p.right} AS __right`,
    ...(p.feature ? [`CAST(${ident(p.feature)} AS VARCHAR) AS __slice`] : []),
    ...(p.label ? [`${ident(p.label)} AS __label`] : []),
    ...(p.notBinary ? [`${p.notBinary} AS __not_binary`] : []),
  ];
  return `SELECT ${everything ? '*, ' : ''}${columns.join(', ')}
  FROM ${ident(p.source)} WHERE ${where.join(' AND ')}`;
}

/** Three masks of one bit per model share a BIGINT (see perExample). */
export const MAX_PAIRED_MODELS = 21;

/**
 * Per example id: its rows, which models have it, which are right and which are labelled (bit
 * masks), its slice, and whether it is complete: every model has it once, each row with a label
 * (or a 0/1 outcome). The three masks are packed into one bit_or (bits 0..k-1 present, k..2k-1
 * right, 2k..3k-1 labelled): over 5M rows each aggregate costs, and one instead of three (two
 * bit_or and a count) took a fifth to a third off the pass (bench/README.md, "The model panel's
 * pass").
 */
function perExample(
  p: AgreementPlan,
  o: { extra?: readonly string[]; everything?: boolean } = {},
): string {
  const k = p.models.length;
  if (k > MAX_PAIRED_MODELS)
    throw new Error(
      `Pairing ${k} models on their examples: at most ${MAX_PAIRED_MODELS} at a time. Pick fewer models in the cell.`,
    );
  const full = 2 ** k - 1;
  const row = (right: number, labelled: number) => 1 + right * 2 ** k + labelled * 2 ** (2 * k);
  const aggregates = [
    '__id',
    '__id IS NOT NULL AS has_id',
    'count(*) AS rows',
    `bit_or((CASE WHEN __right THEN ${row(1, 1)} WHEN NOT __right THEN ${row(0, 1)} ELSE ${row(0, 0)} END)::BIGINT << __bit) AS masks`,
    ...(p.feature
      ? ['min(__slice) AS slice', 'min(__slice) IS DISTINCT FROM max(__slice) AS mixed_slice']
      : ['NULL::VARCHAR AS slice', 'false AS mixed_slice']),
    p.label ? 'min(__label) <> max(__label) AS labels_differ' : 'false AS labels_differ',
    p.notBinary ? 'count(*) FILTER (WHERE __not_binary) AS not_binary' : '0 AS not_binary',
    ...(o.extra ?? []),
  ];
  const masks = `masks & ${full} AS present, (masks >> ${k}) & ${full} AS right_mask, masks >> ${2 * k} AS labelled`;
  const complete = `has_id AND rows = ${k} AND present = ${full} AND labelled = ${full}`;
  return [
    `SELECT *, (${complete}) AS complete FROM (`,
    `SELECT * EXCLUDE (masks), ${masks} FROM (`,
    `SELECT ${aggregates.join(',\n  ')}`,
    `FROM (${planRows(p, o.everything)}) GROUP BY __id))`,
  ].join('\n');
}

/**
 * The sufficient statistics of agreement: the complete examples counted by the pattern of which
 * models got them right (`pattern` = the right mask, bit i for model i); the others counted by
 * which models have them (`pattern` = the present mask), with their rows, whether they have an id
 * (`has_id`: the rows without one are one group) and their repeated ids, so the page can say what
 * was left out and why. Per slice of the feature and overall (`overall` = 1). One pass over the
 * rows, grouped by example id. The agreement cell, the leaderboard's pairing, its bootstrap
 * (share-right.ts) and its McNemar tests read it.
 */
export function agreementSql(p: AgreementPlan): string {
  const keys = ['complete', 'has_id', 'pattern'];
  const sets = p.feature
    ? `GROUPING SETS ((slice, ${keys.join(', ')}), (${keys.join(', ')}))`
    : keys.join(', ');
  const pattern = 'CASE WHEN complete THEN right_mask ELSE present END AS pattern';
  return [
    `WITH e AS (${perExample(p)})`,
    `SELECT ${p.feature ? 'slice, grouping(slice)' : 'NULL::VARCHAR AS slice, 1'} AS overall,`,
    `  ${keys.join(', ')}, count(*)::DOUBLE AS examples, sum(rows)::DOUBLE AS rows,`,
    `  coalesce(sum(rows - bit_count(present)) FILTER (WHERE has_id), 0)::DOUBLE AS repeated,`,
    `  count(*) FILTER (WHERE has_id AND mixed_slice)::DOUBLE AS mixed_slice,`,
    `  count(*) FILTER (WHERE has_id AND labels_differ)::DOUBLE AS labels_differ,`,
    `  sum(not_binary)::DOUBLE AS not_binary`,
    `FROM (SELECT *, ${pattern} FROM e)`,
    `GROUP BY ${sets}`,
    `ORDER BY overall DESC, slice NULLS LAST, complete DESC, pattern`,
  ].join('\n');
}

/** Which examples to open: complete ones whose right mask is one of `patterns`, in a slice or all. */
export interface PatternSelection {
  patterns: readonly number[];
  /** Undefined for every slice; value null for the missing value. */
  slice?: { value: string | null };
}

/**
 * A page of the complete examples with one of the selected patterns: the example id, its slice,
 * the gold label (where there is one), and what each model answered (a column per model).
 */
export function patternRowsSql(
  p: AgreementPlan,
  selection: PatternSelection,
  offset: number,
  limit: number,
): { rows: string; count: string } {
  const answers = p.models.map(
    (m, i) => `any_value(${ident(p.answer)}) FILTER (WHERE __bit = ${i}) AS ${ident(m)}`,
  );
  const labelColumn = p.label ? [`min(__label) AS ${ident(p.label)}`] : [];
  const conditions = [
    'complete',
    `right_mask IN (${selection.patterns.map((x) => literal(x)).join(', ') || 'NULL'})`,
  ];
  if (selection.slice)
    conditions.push(
      selection.slice.value === null
        ? 'slice IS NULL'
        : `slice = ${literal(selection.slice.value)}`,
    );
  const examples = perExample(p, { extra: [...labelColumn, ...answers], everything: true });
  const body = `FROM (${examples}) WHERE ${conditions.join(' AND ')}`;
  const shown = [
    `__id AS ${ident(p.id)}`,
    ...(p.feature ? [`slice AS ${ident(p.feature)}`] : []),
    ...(p.label ? [ident(p.label)] : []),
    ...p.models.map((m) => ident(m)),
  ];
  return {
    rows: `SELECT ${shown.join(', ')}\n${body}\nORDER BY __id LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
    count: `SELECT count(*)::DOUBLE AS n\n${body}`,
  };
}

/**
 * The ids of the complete examples (every model of the plan has them once, each row usable):
 * a subquery for `id IN (...)`, so another analysis compares the models on the same examples.
 */
export function completeIdsSql(p: AgreementPlan): string {
  return `SELECT __id FROM (${perExample(p)}) WHERE complete`;
}
