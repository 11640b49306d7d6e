/** A per-class probability column and the value of the label it is the probability of. */
export interface ClassColumn {
  column: string;
  value: string;
}

/** What may stand between a column's prefix and the class it names: prob_cat, p.cat, p-cat. */
const SEPARATOR = /[\s._\-:|/=]/;

/** Whether the column's name ends with the class, after a separator (case aside; 1 = 1.0). */
function namesClass(column: string, value: string): boolean {
  const [c, v] = [column.toLowerCase(), value.toLowerCase()];
  if (v.trim() === '') return false;
  if (c === v || (c.endsWith(v) && SEPARATOR.test(c[c.length - v.length - 1]))) return true;
  const last = column.split(SEPARATOR).pop() ?? '';
  return last.trim() !== '' && Number.isFinite(Number(last)) && Number(last) === Number(value);
}

/** The class a column names: of the label's values its name ends with, the longest. */
export function classOfColumn(column: string, values: readonly string[]): string | undefined {
  const named = values.filter((v) => namesClass(column, v));
  return named.sort((a, b) => b.length - a.length)[0];
}

/**
 * Reads columns as per-class probabilities when they match the label's values one to one:
 * every column names a class (split on separators, matched against the values, not cut at the
 * columns' shared prefix: prob_cat, prob_car, prob_cow are cat, car, cow), no two the same
 * one, and every class has its column. Otherwise says what does not match.
 */
export function matchClassColumns(
  columns: readonly string[],
  values: readonly string[],
): { columns: ClassColumn[] } | { problem: string } {
  const matched = columns.map((column) => ({ column, value: classOfColumn(column, values) }));
  const list = (items: string[]) => items.join(', ');
  const unmatched = matched.filter((m) => m.value === undefined).map((m) => m.column);
  const problems: string[] = [];
  if (unmatched.length > 0)
    problems.push(
      `${list(unmatched)} match${unmatched.length === 1 ? 'es' : ''} none of ${list([...values])}`,
    );
  for (const value of values) {
    const named = matched.filter((m) => m.value === value).map((m) => m.column);
    if (named.length > 1)
      problems.push(`${named.join(' and ')} ${named.length === 2 ? 'both' : 'all'} name ${value}`);
  }
  const missing = values.filter((v) => !matched.some((m) => m.value === v));
  if (missing.length > 0)
    problems.push(`${list(missing)} ha${missing.length === 1 ? 's' : 've'} no column`);
  if (problems.length > 0) return { problem: problems.join('; ') };
  return { columns: matched.map((m) => ({ column: m.column, value: m.value! })) };
}
