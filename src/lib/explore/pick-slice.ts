import { rangeClause, sameColumn, valuesClause, type Bound, type Clause } from './filter-clauses';

/**
 * One feature's part of a slice someone clicked: a value of a column (null: missing), or a range
 * of a numeric column (a bin of the slice table, a brushed interval).
 */
export type SlicePick =
  | { column: string; value: string | null }
  | { column: string; low: Bound | null; high: Bound | null; cast?: boolean };

const isValue = (p: SlicePick): p is Extract<SlicePick, { value: unknown }> => 'value' in p;

/**
 * The filter's clauses after a click on a slice (`picks`, one per feature of the slice):
 * - a click filters each picked column to the picked value or range alone, in place of what the
 *   filter said of that column; the other columns' clauses and custom SQL stay;
 * - a click on a slice the filter already is (each picked column holds the picked value alone)
 *   takes those clauses away;
 * - with Shift (`additive`), each value joins its column's values (IN: OR within a column, AND
 *   across columns), and a slice whose values are all in already leaves the filter. A range
 *   cannot be added to: it takes the place of its column's clause.
 */
export function pickSlice(
  clauses: readonly Clause[],
  picks: readonly SlicePick[],
  additive: boolean,
) {
  if (picks.length === 0) return [...clauses];
  const held = (p: SlicePick) => clauses.some((c) => (additive ? contains(c, p) : isExactly(c, p)));
  if (picks.every(held)) return picks.reduce(additive ? withoutValue : withoutClause, [...clauses]);
  if (additive) return addSlice(clauses, picks);
  return picks.reduce((out, p) => replaceColumn(out, clauseOf(p)), [...clauses]);
}

/**
 * The filter's clauses with a slice added ("Add as filter" of a found slice or an opened row),
 * as Shift+click adds: each value joins its column's values (IN: OR within a column, AND across
 * columns), a range takes the place of its column's range, every other clause stays. A value
 * the filter lets through already is not added twice, and a slice already in force leaves the
 * filter as it is (adding never takes away).
 */
export function addSlice(clauses: readonly Clause[], picks: readonly SlicePick[]): Clause[] {
  return picks.reduce(
    (out, p) => (isValue(p) ? withValue(out, p) : replaceColumn(out, clauseOf(p))),
    [...clauses],
  );
}

/** The clauses with `column` filtered to `values` (a brushed run of levels), in place of its clause. */
export function pickValues(
  clauses: readonly Clause[],
  column: string,
  values: (string | null)[],
): Clause[] {
  return replaceColumn([...clauses], valuesClause(column, values));
}

/** The clauses without the one at `index` (a chip's ×). */
export function removeClause(clauses: readonly Clause[], index: number): Clause[] {
  return clauses.filter((_, i) => i !== index);
}

/** The clause a pick makes alone. */
export function clauseOf(p: SlicePick): Clause {
  return isValue(p)
    ? valuesClause(p.column, [p.value])
    : rangeClause(p.column, p.low, p.high, p.cast);
}

function sameBound(a: Bound | null, b: Bound | null): boolean {
  return a === null || b === null ? a === b : a.value === b.value && a.inclusive === b.inclusive;
}

/** Whether the clause is about the pick's column and says what the pick says, and no more. */
function isExactly(c: Clause, p: SlicePick): boolean {
  if (c.kind === 'custom' || !sameColumn(c.column, p.column)) return false;
  if (isValue(p)) return c.kind === 'values' && c.values.length === 1 && c.values[0] === p.value;
  return c.kind === 'range' && sameBound(c.low, p.low) && sameBound(c.high, p.high);
}

/** Whether the clause lets the pick's value (or range, exactly) through. */
function contains(c: Clause, p: SlicePick): boolean {
  if (!isValue(p)) return isExactly(c, p);
  return c.kind === 'values' && sameColumn(c.column, p.column) && c.values.includes(p.value);
}

/** `clause` in place of the clauses on its column (where the first of them was), or last. */
function replaceColumn(clauses: Clause[], clause: Clause): Clause[] {
  if (clause.kind === 'custom') return [...clauses, clause];
  const on = (c: Clause) => c.kind !== 'custom' && sameColumn(c.column, clause.column);
  const at = clauses.findIndex(on);
  if (at < 0) return [...clauses, clause];
  return clauses.flatMap((c, i) => (i === at ? [clause] : on(c) ? [] : [c]));
}

function withValue(clauses: Clause[], p: Extract<SlicePick, { value: unknown }>): Clause[] {
  const current = clauses.find(
    (c): c is Extract<Clause, { kind: 'values' }> =>
      c.kind === 'values' && sameColumn(c.column, p.column),
  );
  if (current?.values.includes(p.value)) return clauses;
  const values = current ? [...current.values, p.value] : [p.value];
  return replaceColumn(clauses, valuesClause(current?.column ?? p.column, values));
}

function withoutValue(clauses: Clause[], p: SlicePick): Clause[] {
  if (!isValue(p)) return withoutClause(clauses, p);
  return clauses.flatMap((c) => {
    if (c.kind !== 'values' || !sameColumn(c.column, p.column) || !c.values.includes(p.value))
      return [c];
    const values = c.values.filter((v) => v !== p.value);
    return values.length > 0 ? [valuesClause(c.column, values)] : [];
  });
}

function withoutClause(clauses: Clause[], p: SlicePick): Clause[] {
  return clauses.filter((c) => !isExactly(c, p));
}

/**
 * Whether a slice (its picks) is the one hovered elsewhere: they share a column, and agree on
 * every column they share (a row of region x weather is under a hovered region).
 */
export function matchesHover(
  hovered: readonly SlicePick[] | null,
  slice: readonly SlicePick[],
): boolean {
  if (!hovered || hovered.length === 0) return false;
  let shared = 0;
  for (const h of hovered) {
    const s = slice.find((p) => sameColumn(p.column, h.column));
    if (!s) continue;
    shared++;
    if (isValue(h) !== isValue(s)) return false;
    if (isValue(h) && isValue(s) ? h.value !== s.value : !samePick(h, s)) return false;
  }
  return shared > 0;
}

function samePick(a: SlicePick, b: SlicePick): boolean {
  return !isValue(a) && !isValue(b) && sameBound(a.low, b.low) && sameBound(a.high, b.high);
}

/** Whether the filter already lets exactly this slice's values through (a pressed pick button). */
export function isPicked(clauses: readonly Clause[], picks: readonly SlicePick[]): boolean {
  return picks.length > 0 && picks.every((p) => clauses.some((c) => contains(c, p)));
}
