import { ident, literal } from '../sql/quote';
import { formatCount, formatCountOf } from '../format';

/** The example ids that appear more than once within one model, and the rows they hold. */
export interface RepeatedIds {
  model: string;
  ids: number;
  rows: number;
}

export interface RepeatedIdsOptions {
  source: string;
  id: string;
  model: string;
  /** The models to be paired (values of the model column). */
  models: readonly string[];
  /** The notebook's global filter (a SQL condition), empty for none. */
  filter?: string;
}

/**
 * Per model, the ids (not NULL) that appear on more than one of its rows: pairing two models on
 * the id is one to one only when there are none. One row per model that has any.
 */
export function repeatedIdsSql(o: RepeatedIdsOptions): string {
  const where = [
    `CAST(${ident(o.model)} AS VARCHAR) IN (${o.models.map(literal).join(', ')})`,
    `${ident(o.id)} IS NOT NULL`,
    o.filter?.trim() ? `(${o.filter})` : '',
  ].filter((p) => p !== '');
  return [
    'SELECT model, count(*)::DOUBLE AS ids, sum(n)::DOUBLE AS rows FROM (',
    `  SELECT CAST(${ident(o.model)} AS VARCHAR) AS model, ${ident(o.id)} AS id, count(*) AS n`,
    `  FROM ${ident(o.source)} WHERE ${where.join(' AND ')}`,
    '  GROUP BY ALL HAVING count(*) > 1)',
    'GROUP BY model ORDER BY model',
  ].join('\n');
}

/** repeatedIdsSql's rows, in the order of `models`. */
export function readRepeatedIds(
  rows: readonly Record<string, unknown>[],
  models: readonly string[],
): RepeatedIds[] {
  const found = rows.map((r) => ({
    model: String(r.model),
    ids: Number(r.ids),
    rows: Number(r.rows),
  }));
  return models.flatMap((m) => found.filter((r) => r.model === m));
}

/**
 * Why rows cannot be paired on `id`, and how to fix it: a composite id (with `fileColumn`, the
 * column naming each row's file in a stack, as the example), or another id column.
 */
export function repeatedIdsMessage(
  id: string,
  repeats: readonly RepeatedIds[],
  fileColumn?: string,
): string {
  const each = repeats
    .map((r) => `${formatCountOf(r.ids, 'id')} in ${r.model} (${formatCount(r.rows)} rows)`)
    .join(', ');
  const composite = `${fileColumn ?? 'the source file'} + ${id}`;
  return [
    `Pairing needs each example once per model, but values of ${id} repeat: ${each}.`,
    'A repeated id would pair every row of one model with every row of the other.',
    `Pair on an id unique per model: a composite id such as ${composite}, or another column as the example id.`,
  ].join(' ');
}

/** Columns that name each row's file in a stack of files (see planDatasets), in preference order. */
const FILE_COLUMNS = ['file', 'source_file', 'filename', 'path'];

/**
 * Why `o.models` cannot be paired one to one on the id (the refusal to show), or undefined
 * when no id repeats within any of them. `read` runs a query and returns its rows.
 */
export async function oneToOneProblem(
  read: (sql: string) => Promise<Record<string, unknown>[]>,
  o: RepeatedIdsOptions,
  columns: readonly string[],
): Promise<string | undefined> {
  const repeats = readRepeatedIds(await read(repeatedIdsSql(o)), o.models);
  if (repeats.length === 0) return undefined;
  const file = FILE_COLUMNS.find((c) => c !== o.id && columns.includes(c));
  return repeatedIdsMessage(o.id, repeats, file);
}
