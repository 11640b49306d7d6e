import { ident } from '../../sql/quote';
import { auditedRows } from './audit-rows-sql';
import type { AuditPlan } from './audit-plan';

/**
 * The working table of the examples' texts: per example id its text (the smallest where the
 * models' rows differ), the text normalised for comparing (lower case, each run of white space one
 * space, trimmed: `norm`) and the example's gold (the smallest class key where rows differ, and
 * as written), from the audit's rows table.
 */
export function textsSql(p: AuditPlan, rows: string, table: string): string {
  const text = `SELECT ${ident(p.id)} AS __id, min(CAST(${ident(p.text!)} AS VARCHAR)) AS text FROM ${ident(p.source)} WHERE ${auditedRows(p)} GROUP BY 1`;
  const gold = `SELECT __id, min(__gold) AS gold, arg_min(__gold_shown, __gold) AS gold_shown FROM ${ident(rows)} GROUP BY __id`;
  return [
    `CREATE TEMP TABLE ${ident(table)} AS`,
    `WITH t AS (${text}),\ng AS (${gold})`,
    `SELECT __id, text, trim(regexp_replace(lower(text), '\\s+', ' ', 'g')) AS norm, gold, gold_shown`,
    'FROM t JOIN g USING (__id)',
  ].join('\n');
}

/**
 * Groups of examples whose normalised texts are the same (empty texts aside), numbered by their
 * first id, the first `limit` groups: a row per example (`grp`, the id, its gold as written), with
 * how many distinct golds its group holds, the text, and the totals of groups, of examples in them
 * and of groups whose golds differ.
 */
export function exactDuplicatesSql(texts: string, limit: number): string {
  const groups = [
    'SELECT norm, min(__id) AS first, count(*) AS size, count(DISTINCT gold) AS gold_values',
    `FROM ${ident(texts)} WHERE norm <> '' GROUP BY norm HAVING count(*) > 1`,
  ].join(' ');
  return [
    `WITH g AS (${groups}),`,
    'numbered AS (SELECT *, row_number() OVER (ORDER BY first) AS grp,',
    '  count(*) OVER () AS total_groups, sum(size) OVER () AS total_examples,',
    '  count(*) FILTER (WHERE gold_values > 1) OVER () AS conflicting FROM g)',
    'SELECT grp::DOUBLE AS grp, t.__id AS id, t.gold_shown AS gold, gold_values::DOUBLE AS gold_values,',
    '  left(t.text, 300) AS text, total_groups::DOUBLE AS total_groups,',
    '  total_examples::DOUBLE AS total_examples, conflicting::DOUBLE AS conflicting',
    `FROM numbered JOIN ${ident(texts)} t USING (norm)`,
    `WHERE grp <= ${Math.floor(limit)} ORDER BY grp, t.__id`,
  ].join('\n');
}

/** The examples whose text is an exact duplicate of an example with a smaller id. */
export function laterExactCopiesSql(texts: string): string {
  return [
    'SELECT __id FROM (',
    '  SELECT __id, row_number() OVER (PARTITION BY norm ORDER BY __id) AS copy',
    `  FROM ${ident(texts)} WHERE norm <> '')`,
    'WHERE copy > 1',
  ].join('\n');
}
