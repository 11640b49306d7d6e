import { ident, literal } from '../sql/quote';

/** How a numeric feature is cut into slices. */
export type Binning = { kind: 'quantile'; bins: number } | { kind: 'edges'; edges: number[] };

/**
 * The inner quantile cut points of a column as columns e0, e1, ...: bins = 4 gives the 25th, 50th
 * and 75th percentiles. Read them with readEdges.
 */
export function quantileEdgesSql(
  source: string,
  column: string,
  bins: number,
  where?: string,
): string {
  if (!Number.isInteger(bins) || bins < 2 || bins > 100)
    throw new Error(`bins must be a whole number from 2 to 100, not ${bins}`);
  const col = `${ident(column)}::DOUBLE`;
  const points = Array.from(
    { length: bins - 1 },
    (_, i) => `quantile_cont(${col}, ${literal((i + 1) / bins)}) AS e${i}`,
  );
  const filter = where?.trim() ? ` WHERE (${where})` : '';
  return `SELECT ${points.join(', ')} FROM ${ident(source)}${filter}`;
}

export function readEdges(row: Record<string, unknown>): number[] {
  return Object.keys(row)
    .filter((k) => /^e\d+$/.test(k))
    .map((k) => Number(row[k]))
    .filter(Number.isFinite);
}

/** Cut points typed by a user: "10, 20, 50" -> [10, 20, 50]; sorted, duplicates dropped. */
export function parseEdges(text: string): number[] | { error: string } {
  const parts = text.split(/[,\s;]+/).filter((p) => p !== '');
  const numbers = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(numbers[i]));
  if (bad !== undefined) return { error: `"${bad}" is not a number` };
  if (numbers.length === 0) return { error: 'give at least one cut point' };
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * The cut points as the labels show them: four significant digits, or as many more as it takes
 * for each to read differently from the others (bins are grouped by their labels, so two edges
 * that read alike would merge their bins).
 */
function formatEdges(sorted: readonly number[]): string[] {
  for (let digits = 4; digits < 17; digits++) {
    const texts = sorted.map((v) =>
      Number.isInteger(v) ? String(v) : Number(v.toPrecision(digits)).toString(),
    );
    if (new Set(texts).size === texts.length) return texts;
  }
  // The shortest text that reads back as the same number: distinct numbers read differently.
  return sorted.map(String);
}

/** One labelled bin: the SQL condition for it and the label the table shows. */
export interface Bin {
  label: string;
  low: number | null;
  high: number | null;
}

/** The bins of a set of cut points: (-inf, e1), [e1, e2), ..., [ek, +inf). */
export function binsFor(edges: readonly number[]): Bin[] {
  const unique = [...new Set(edges.filter(Number.isFinite))].sort((a, b) => a - b);
  if (unique.length === 0) return [{ label: 'all', low: null, high: null }];
  const text = formatEdges(unique);
  const bins: Bin[] = [{ label: `< ${text[0]}`, low: null, high: unique[0] }];
  for (let i = 0; i < unique.length - 1; i++) {
    bins.push({ label: `[${text[i]}, ${text[i + 1]})`, low: unique[i], high: unique[i + 1] });
  }
  bins.push({
    label: `≥ ${text[text.length - 1]}`,
    low: unique[unique.length - 1],
    high: null,
  });
  return bins;
}

/** The condition selecting a bin's rows. */
export function binCondition(column: string, bin: Bin): string {
  const col = `${ident(column)}::DOUBLE`;
  const parts = [
    bin.low !== null ? `${col} >= ${literal(bin.low)}` : '',
    bin.high !== null ? `${col} < ${literal(bin.high)}` : '',
  ];
  const condition = parts.filter((p) => p !== '').join(' AND ');
  return condition || `${ident(column)} IS NOT NULL`;
}

/** A CASE expression giving each row its bin's label (NULL for a NULL value). */
export function binExpression(column: string, edges: readonly number[]): string {
  const bins = binsFor(edges);
  const cases = bins
    .map((b) => `WHEN ${binCondition(column, b)} THEN ${literal(b.label)}`)
    .join(' ');
  return `(CASE ${cases} END)`;
}
