import { ident, literal } from '../../sql/quote';
import type { AuditPlan, ClassProbability } from './audit-plan';

/**
 * The working table of an audit: a row per (example, model) of the audited models under the
 * filter, with the model's bit, whether it is right, the slice, the gold and the answer (class
 * key and as written), whether the example is complete (every model has it once, scored), and
 * with class probabilities the confident-learning class (see confidentClassSql).
 */
export function auditRowsSql(
  p: AuditPlan,
  table: string,
  probabilities: readonly ClassProbability[] = [],
): string {
  const model = `CAST(${ident(p.model)} AS VARCHAR)`;
  const a = p.answers;
  const columns = [
    `${ident(p.id)} AS __id`,
    `(CASE ${model} ${p.models.map((m, i) => `WHEN ${literal(m)} THEN ${i}`).join(' ')} END)::INTEGER AS __bit`,
    `${p.correctness.right} AS __right`,
    `${p.feature ? `CAST(${ident(p.feature)} AS VARCHAR)` : 'NULL::VARCHAR'} AS __slice`,
    `${a ? a.gold : 'NULL::VARCHAR'} AS __gold`,
    `${a ? a.goldShown : 'NULL::VARCHAR'} AS __gold_shown`,
    `${a ? a.answer : 'NULL::VARCHAR'} AS __answer`,
    `${a ? a.answerShown : 'NULL::VARCHAR'} AS __answer_shown`,
    ...probabilities.map((c, j) => `${c.sql} AS __p${j}`),
  ];
  const k = p.models.length;
  const complete = `SELECT __id, count(*) = ${k} AND count(__right) = ${k} AS __complete FROM r GROUP BY __id`;
  const ctes = [
    `r AS (SELECT ${columns.join(',\n    ')}\n  FROM ${ident(p.source)} WHERE ${auditedRows(p)})`,
    `c AS (${complete})`,
    `rc AS (SELECT * FROM r JOIN c USING (__id))`,
  ];
  if (probabilities.length === 0)
    return `CREATE TEMP TABLE ${ident(table)} AS\nWITH ${ctes.join(',\n')}\nSELECT *, NULL::VARCHAR AS __cl_class FROM rc`;
  ctes.push(`t AS (${thresholdsSql(p, probabilities, 'rc')})`);
  const j = probabilities.map((_, i) => i);
  const reached = j.map((i) => `CASE WHEN __p${i} >= __t${i} THEN __p${i} END AS __q${i}`);
  const best = `greatest(${j.map((i) => `__q${i}`).join(', ')}) AS __m`;
  const working = j.flatMap((i) => [`__t${i}`, `__n${i}`, `__q${i}`]);
  return [
    `CREATE TEMP TABLE ${ident(table)} AS`,
    `WITH ${ctes.join(',\n')}`,
    `SELECT * EXCLUDE (${[...working, '__m'].join(', ')}),`,
    `  ${confidentClassSql(p, probabilities)} AS __cl_class`,
    `FROM (SELECT *, ${best} FROM (SELECT *, ${reached.join(', ')} FROM rc LEFT JOIN t USING (__bit)))`,
  ].join('\n');
}

/** A class value's key, as the gold and the answers of the working table hold theirs. */
export function classKeySql(p: AuditPlan, value: string): string {
  return `CAST(${p.answers!.frame.classOf(literal(value))} AS VARCHAR)`;
}

/** The rows an audit reads: the audited models' rows with an id, under the filter. */
export function auditedRows(p: AuditPlan): string {
  const model = `CAST(${ident(p.model)} AS VARCHAR)`;
  const where = [`${model} IN (${p.models.map(literal).join(', ')})`, `${ident(p.id)} IS NOT NULL`];
  if (p.filter.trim()) where.push(`(${p.filter})`);
  return where.join(' AND ');
}

/**
 * Per model (`__bit`), each class's threshold t_j: the mean probability of class j over the
 * complete rows whose gold is j, the class's average self-confidence (Northcutt, Jiang & Chuang
 * 2021, "Confident learning: estimating uncertainty in dataset labels", eq. 2), as `__t<j>`,
 * with the rows it averages as `__n<j>`; `from` holds the rows (`__complete`, `__gold`, `__p<j>`).
 */
export function thresholdsSql(
  p: AuditPlan,
  probabilities: readonly ClassProbability[],
  from: string,
): string {
  const columns = probabilities.flatMap((c, j) => {
    const own = `__gold = ${classKeySql(p, c.value)}`;
    return [
      `avg(__p${j}) FILTER (WHERE ${own}) AS __t${j}`,
      `count(__p${j}) FILTER (WHERE ${own})::DOUBLE AS __n${j}`,
    ];
  });
  return `SELECT __bit, ${columns.join(', ')} FROM ${ident(from)} WHERE __complete GROUP BY __bit`;
}

/**
 * The class a row counts for in the confident joint (Northcutt et al. 2021, eq. 1): of the
 * classes whose probability reaches their threshold (`__q<j>`, p_j where p_j >= t_j), the most
 * probable (`__m`; the first on a tie); NULL when none does. A row whose class is not its gold
 * is a label issue.
 */
function confidentClassSql(p: AuditPlan, probabilities: readonly ClassProbability[]): string {
  const pick = probabilities.map((c, j) => `WHEN __q${j} = __m THEN ${classKeySql(p, c.value)}`);
  return `CASE ${pick.join(' ')} END`;
}

/**
 * The examples whose rows disagree on the gold label, one row per example and gold: the gold as
 * written, the models whose rows hold it (`mask`, bit i for model i), and `total`, how many
 * examples disagree; the first `limit` examples by id.
 */
export function goldDiffersSql(rows: string, limit: number): string {
  const differ = `SELECT __id FROM ${ident(rows)} GROUP BY __id HAVING count(DISTINCT __gold) > 1`;
  return [
    `WITH d AS (${differ})`,
    'SELECT __id AS id, min(__gold_shown) AS gold, bit_or(1::BIGINT << __bit)::DOUBLE AS mask,',
    '  (SELECT count(*) FROM d)::DOUBLE AS total',
    `FROM ${ident(rows)}`,
    `WHERE __gold IS NOT NULL AND __id IN (SELECT __id FROM d ORDER BY __id LIMIT ${Math.floor(limit)})`,
    'GROUP BY __id, __gold ORDER BY __id, min(__bit)',
  ].join('\n');
}

/**
 * Per model (bit): its rows, those without a gold label, without an answer, and with an answer
 * that is no row's gold (another spelling, or a class the benchmark does not have); and how many
 * gold classes there are.
 */
export function labelSanitySql(rows: string): string {
  return [
    `WITH golds AS (SELECT DISTINCT __gold FROM ${ident(rows)} WHERE __gold IS NOT NULL)`,
    'SELECT __bit, count(*)::DOUBLE AS rows,',
    '  count(*) FILTER (WHERE __gold IS NULL)::DOUBLE AS unlabelled,',
    '  count(*) FILTER (WHERE __answer IS NULL)::DOUBLE AS unanswered,',
    '  count(*) FILTER (WHERE __answer NOT IN (SELECT __gold FROM golds))::DOUBLE AS outside,',
    '  (SELECT count(*) FROM golds)::DOUBLE AS classes',
    `FROM ${ident(rows)} GROUP BY __bit ORDER BY __bit`,
  ].join('\n');
}
