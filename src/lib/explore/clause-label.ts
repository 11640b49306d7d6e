import type { Bound, Clause } from './filter-clauses';

const missing = (v: string | null) => v ?? '(missing)';
const number = (b: Bound) => String(b.value);

/**
 * A clause in words, as its chip and the captions of filtered cells show it:
 * `region = north`, `region in north, south`, `10 ≤ age < 20`, or the custom SQL itself.
 */
export function clauseLabel(clause: Clause): string {
  if (clause.kind === 'custom') return clause.sql;
  if (clause.kind === 'values')
    return clause.values.length === 1
      ? `${clause.column} ${clause.values[0] === null ? 'is missing' : `= ${clause.values[0]}`}`
      : `${clause.column} in ${clause.values.map(missing).join(', ')}`;
  const { low, high, column } = clause;
  const lower = low ? `${number(low)} ${low.inclusive ? '≤' : '<'} ` : '';
  const upper = high ? ` ${high.inclusive ? '≤' : '<'} ${number(high)}` : '';
  if (low && !high) return `${column} ${low.inclusive ? '≥' : '>'} ${number(low)}`;
  return `${lower}${column}${upper}`;
}

/** The whole filter in words: its clauses joined by "and". */
export function filterLabel(clauses: readonly Clause[]): string {
  return clauses.map(clauseLabel).join(' and ');
}
