/**
 * A second implementation of the numbers the page shows, written for the tests in plain
 * TypeScript (no DuckDB, no code from src/): counts by hand over the raw files.
 */
import { readFileSync } from 'node:fs';

/** Wilson score interval (Wilson 1927), written out independently of src/lib/stats; 95% by default. */
export function wilson(successes: number, n: number, z = 1.959963984540054): [number, number] {
  const p = successes / n;
  const a = p + (z * z) / (2 * n);
  const b = z * Math.sqrt((p * (1 - p) + (z * z) / (4 * n)) / n);
  const d = 1 + (z * z) / n;
  return [(a - b) / d, (a + b) / d];
}

/** Splits CSV text into rows of fields (RFC 4180 quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function readCsvObjects(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

export interface Tally {
  n: number;
  successes: number;
}

export function tallyBy<T>(
  items: T[],
  key: (t: T) => string,
  include: (t: T) => boolean,
  success: (t: T) => boolean,
) {
  const out = new Map<string, Tally>();
  for (const item of items) {
    if (!include(item)) continue;
    const k = key(item);
    const t = out.get(k) ?? { n: 0, successes: 0 };
    t.n++;
    if (success(item)) t.successes++;
    out.set(k, t);
  }
  return out;
}

export function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

/** Newcombe's (1998) hybrid score interval for p1 - p2 (method 10), from two Wilson intervals. */
export function newcombe(
  s1: number,
  n1: number,
  s2: number,
  n2: number,
  z?: number,
): [number, number] {
  const [l1, u1] = wilson(s1, n1, z);
  const [l2, u2] = wilson(s2, n2, z);
  const d = s1 / n1 - s2 / n2;
  return [d - Math.hypot(s1 / n1 - l1, u2 - s2 / n2), d + Math.hypot(u1 - s1 / n1, s2 / n2 - l2)];
}

/** P(|Z| >= z) for a standard normal Z, by Simpson's rule on the density (relative error ~1e-10). */
export function twoSidedNormalTail(z: number): number {
  const a = Math.abs(z);
  const steps = 20000;
  const h = 40 / steps;
  const density = (t: number) => Math.exp(-(t * t) / 2) / Math.sqrt(2 * Math.PI);
  let sum = density(a) + density(a + 40);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * density(a + i * h);
  return (2 * sum * h) / 3;
}

/**
 * McNemar's test from the discordant counts, written out independently: exact two-sided binomial
 * (p = 1/2) below 25 discordant pairs, else chi-square with continuity correction on 1 df.
 */
export function mcnemarReference(b: number, c: number): number {
  const n = b + c;
  if (n < 25) {
    let tail = 0;
    for (let k = 0; k <= Math.min(b, c); k++) {
      let choose = 1;
      for (let j = 1; j <= k; j++) choose = (choose * (n - k + j)) / j;
      tail += choose / 2 ** n;
    }
    return Math.min(1, 2 * tail);
  }
  return twoSidedNormalTail(Math.sqrt((Math.abs(b - c) - 1) ** 2 / n));
}

/**
 * Two-sided p-value of the pooled two-proportion z test, s1/n1 against s2/n2 (the same as
 * Pearson's chi-square test of the 2x2 table without continuity correction).
 */
export function pooledZTest(s1: number, n1: number, s2: number, n2: number): number {
  const pooled = (s1 + s2) / (n1 + n2);
  const z = (s1 / n1 - s2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return twoSidedNormalTail(z);
}

/** Benjamini-Hochberg (1995) adjusted p-values (q), in the order given. */
export function benjaminiHochberg(ps: number[]): number[] {
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p);
  const q = new Array<number>(ps.length);
  let smallest = 1;
  order.forEach(({ p, i }, k) => {
    smallest = Math.min(smallest, (p * ps.length) / (ps.length - k));
    q[i] = smallest;
  });
  return q;
}

/**
 * Newcombe's (1998, Statistics in Medicine 17:2635, method 10) score interval for the difference
 * of two paired proportions (a + b)/n - (a + c)/n, from the pairs both right (a), first only (b),
 * second only (c) and both wrong (d), with the correlation phi of the 2x2 table.
 */
export function newcombePaired(a: number, b: number, c: number, d: number): [number, number] {
  const n = a + b + c + d;
  const [p1, p2] = [(a + b) / n, (a + c) / n];
  const [l1, u1] = wilson(a + b, n);
  const [l2, u2] = wilson(a + c, n);
  const phi = (a * d - b * c) / Math.sqrt((a + b) * (c + d) * (a + c) * (b + d));
  const spread = (x: number, y: number) => Math.sqrt(x * x - 2 * phi * x * y + y * y);
  return [p1 - p2 - spread(p1 - l1, u2 - p2), p1 - p2 + spread(p2 - l2, u1 - p1)];
}

/** Pairs per slice ('*' for all): n, both right (a), only A right (b), only B right (c). */
export interface Pairs {
  n: number;
  a: number;
  b: number;
  c: number;
}

/** Counts the pairs by hand: each example's two rows, each right or wrong. */
export function pairsBySlice<T>(
  examples: Iterable<[T, T]>,
  slice: (x: T) => string,
  right: (x: T) => boolean,
): Map<string, Pairs> {
  const out = new Map<string, Pairs>();
  for (const [x, y] of examples)
    for (const key of ['*', slice(x)]) {
      const t = out.get(key) ?? { n: 0, a: 0, b: 0, c: 0 };
      t.n++;
      if (right(x) && right(y)) t.a++;
      if (right(x) && !right(y)) t.b++;
      if (!right(x) && right(y)) t.c++;
      out.set(key, t);
    }
  return out;
}

/**
 * Fleiss' kappa (Fleiss 1971) of m raters putting each subject right or wrong, from how many
 * subjects got s of m "right" (s = 0..m), written out independently of src/lib/stats.
 */
export function fleissBinaryReference(subjectsByRight: number[]): number {
  const m = subjectsByRight.length - 1;
  const n = subjectsByRight.reduce((a, b) => a + b, 0);
  let agree = 0;
  let rightRatings = 0;
  subjectsByRight.forEach((count, s) => {
    agree += (count * (s * (s - 1) + (m - s) * (m - s - 1))) / (m * (m - 1));
    rightRatings += count * s;
  });
  const p = rightRatings / (n * m);
  const chance = p * p + (1 - p) * (1 - p);
  return (agree / n - chance) / (1 - chance);
}
