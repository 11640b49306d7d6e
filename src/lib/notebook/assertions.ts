import type { Assertion } from './notebook';
import type { FlatRow, ResultTables } from './result-tables';

export interface AssertionOutcome {
  cell: string;
  assertion: Assertion;
  /** The check in words: its label, else generated from its fields. */
  description: string;
  passed: boolean;
  /** Rows checked, and how many of them fail. */
  checked: number;
  failing: number;
  /** The row closest to failing (or failing by most): which, its value, its margin to the bound. */
  worst: { row: string; value: number | null; margin: number | null } | null;
  /** One line for the report: what was found, and by how much it passes or fails. */
  message: string;
}

const HOLDS = {
  '>=': (x: number, v: number) => x >= v,
  '>': (x: number, v: number) => x > v,
  '<=': (x: number, v: number) => x <= v,
  '<': (x: number, v: number) => x < v,
};

export function describeAssertion(a: Assertion, table: string): string {
  if (a.label) return a.label;
  const where = Object.entries(a.where ?? {}).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  if (a.minN !== undefined) where.push(`n >= ${a.minN}`);
  if (a.maxQ !== undefined) where.push(`q < ${a.maxQ}`);
  return `every row of ${table}${where.length ? ` with ${where.join(', ')}` : ''}: ${a.column} ${a.op} ${a.value}`;
}

/** Names a row by its text columns (the model, the slice, the group), for the report. */
export function rowName(row: FlatRow): string {
  const parts = Object.entries(row)
    .filter(([k, v]) => typeof v === 'string' && k !== 'method' && k !== 'reference')
    .map(([k, v]) => `${k}=${v}`);
  if (row.overall === true) parts.push('overall');
  return parts.join(', ') || '(the only row)';
}

/**
 * Checks a cell's assertions against its result tables. A cell that did not produce a result
 * (an error, missing data) fails each of its assertions with the reason.
 */
export function checkAssertions(
  cell: string,
  tables: ResultTables,
  assertions: Assertion[],
  notRun?: string,
): AssertionOutcome[] {
  return assertions.map((a) => {
    const tableName = a.table ?? Object.keys(tables)[0] ?? 'result';
    const description = describeAssertion(a, tableName);
    const fail = (message: string) => ({
      cell,
      assertion: a,
      description,
      passed: false,
      checked: 0,
      failing: 0,
      worst: null,
      message,
    });
    if (notRun) return fail(`the cell has no result: ${notRun}`);
    const rows = tables[tableName];
    if (!rows)
      return fail(
        `the cell has no table "${tableName}"; its tables are: ${Object.keys(tables).join(', ') || 'none'}.`,
      );
    const columns = new Set(rows.flatMap((r) => Object.keys(r)));
    if (rows.length > 0 && !columns.has(a.column))
      return fail(
        `the table ${tableName} has no column "${a.column}"; its numeric columns are: ${numericColumns(rows).join(', ')}.`,
      );
    const narrowed = rows.filter(
      (r) =>
        Object.entries(a.where ?? {}).every(([k, v]) => r[k] === v) &&
        (a.minN === undefined || typeof r.n !== 'number' || r.n >= a.minN),
    );
    if (narrowed.length === 0)
      return fail(`no row of ${tableName} matches (${rows.length} rows before narrowing).`);
    const selected = narrowed.filter(
      (r) => a.maxQ === undefined || (typeof r.q === 'number' && r.q < a.maxQ),
    );
    // maxQ keeps the real differences: when there are none, nothing can break the bound.
    if (selected.length === 0)
      return {
        ...fail(''),
        passed: true,
        checked: narrowed.length,
        message: `passes: none of the ${narrowed.length} rows has q < ${a.maxQ}.`,
      };
    return judge(cell, a, description, selected);
  });
}

function judge(cell: string, a: Assertion, description: string, rows: FlatRow[]): AssertionOutcome {
  const holds = HOLDS[a.op];
  const scored = rows.map((row) => {
    const raw = row[a.column];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    // Positive margin: how far inside the bound; negative: by how much it fails.
    const margin = value === null ? null : a.op.startsWith('>') ? value - a.value : a.value - value;
    return { row, value, margin, ok: value !== null && holds(value, a.value) };
  });
  const failing = scored.filter((s) => !s.ok);
  const worst = [...scored].sort((x, y) => (x.margin ?? -Infinity) - (y.margin ?? -Infinity))[0];
  const name = rowName(worst.row);
  const shown = worst.value === null ? 'no value' : round(worst.value);
  const margin = worst.margin === null ? null : Math.abs(worst.margin);
  let message: string;
  if (failing.length === 0)
    message = `passes: the closest row (${name}) has ${a.column} ${shown}, ${round(margin!)} inside the bound ${a.value}.`;
  else if (worst.value === null)
    message = `fails: ${failing.length} of ${rows.length} rows; ${name} has no value for ${a.column} (not a number).`;
  else
    message = `fails: ${failing.length} of ${rows.length} rows; the worst, ${name}, has ${a.column} ${shown}, short of ${a.op} ${a.value} by ${round(margin!)}.`;
  return {
    cell,
    assertion: a,
    description,
    passed: failing.length === 0,
    checked: rows.length,
    failing: failing.length,
    worst: { row: name, value: worst.value, margin: worst.margin },
    message,
  };
}

function numericColumns(rows: FlatRow[]): string[] {
  const first = rows[0] ?? {};
  return Object.keys(first).filter((k) => rows.some((r) => typeof r[k] === 'number'));
}

function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}
