import type { ValueKind } from '../ingest/profile';
import { ident, literal } from '../sql/quote';
import { poissonWeightSql, replicatesSql } from './bootstrap-sql';

/** The columns metrics read, by role (see ingest/roles.ts); names as in the table, unquoted. */
export interface MetricColumns {
  label?: string;
  prediction?: string;
  /** Probability (or any ranking score) of the positive class. */
  score?: string;
  outcome?: string;
}

export interface MetricQueryOptions {
  /** The table or view to read (quoted here). */
  source: string;
  columns: MetricColumns;
  /** Slice expressions, already-quoted SQL (e.g. from ident()); they come out as slice_0, slice_1, ... */
  groupBy?: readonly string[];
  /** A condition on the rows, already-built SQL (e.g. the notebook's global filter). */
  where?: string;
  /** The positive class of a binary task; the largest label value when absent (1, true, 'yes'). */
  positive?: string | number | boolean;
  /** Score at or above which a row counts as predicted positive, when there is no prediction. */
  threshold?: number;
  /**
   * Poisson bootstrap: every slice once per replicate (column `replicate`), each example weighted
   * by poissonWeightSql of `id` (an SQL expression). With `buckets`, examples are hashed into that
   * many buckets and a bucket's examples share a weight: a bootstrap of random blocks, valid for
   * these ratio statistics when a slice spans many buckets, and far cheaper where the per-row
   * statistics take few values (accuracy, confusion rates, multiclass F1), as rows alike in a
   * bucket are weighted once.
   */
  bootstrap?: { replicates: number; id: string; buckets?: number };
  /**
   * The statistics of each hash bucket of the examples (column `bucket`, `count` buckets of the
   * SQL expression `id`, as the bootstrap's buckets), unweighted: the pieces from which
   * resampleBuckets makes the bucketed bootstrap's replicates in JS, for statistics that are sums.
   */
  buckets?: { id: string; count: number };
  /**
   * Value kinds of the columns by name (from the profile). With them, labels and predictions
   * of the same kind are compared directly, about 5x faster than the type-agnostic class key.
   */
  kinds?: Record<string, ValueKind>;
}

/** The slice columns (and the replicate) the statistics are grouped by, and how rows are read. */
export class MetricFrame {
  readonly keys: string[];
  private readonly classes: ClassMode;
  constructor(readonly o: MetricQueryOptions) {
    this.keys = (o.groupBy ?? []).map((_, i) => `slice_${i}`);
    if (o.bootstrap) this.keys.push('replicate');
    if (o.buckets) this.keys.push('bucket');
    const { label, prediction } = o.columns;
    this.classes = classMode(
      [label, prediction].filter((c) => c !== undefined).map((c) => o.kinds?.[c]),
    );
  }

  /** A label or prediction value as its class, comparable between the label and prediction columns. */
  classOf(expr: string): string {
    if (this.classes === 'number') return `TRY_CAST(${expr} AS DOUBLE)`;
    if (this.classes === 'text') return `trim(CAST(${expr} AS VARCHAR))`;
    return classKey(expr);
  }

  /** PARTITION BY the keys, or nothing. */
  partitionBy(): string {
    return this.keys.length > 0 ? `PARTITION BY ${this.keys.join(', ')}` : '';
  }

  /** `WITH rows AS (...)`: one row per example (per replicate) with its slice, weight `w`, and `derived`. */
  rows(derived: readonly string[]): string {
    const o = this.o;
    const slices = (o.groupBy ?? []).map((expr, i) => `${expr} AS slice_${i}`);
    const from = `\n  FROM ${ident(o.source)}`;
    const where = o.where ? `\n  WHERE ${o.where}` : '';
    const b = o.bootstrap;
    const bucket = o.buckets ? [bucketSql(o.buckets.id, o.buckets.count)] : [];
    if (!b) {
      const columns = [...slices, '1 AS w', ...derived, ...bucket];
      return `WITH rows AS (SELECT ${columns.join(', ')}${from}${where})`;
    }
    const replicates = `${replicatesSql(b.replicates)} r`;
    let weighted: string;
    if (b.buckets === undefined) {
      const columns = [
        ...slices,
        'r.range AS replicate',
        `${poissonWeightSql(b.id, 'r.range')} AS w`,
      ];
      weighted = `SELECT ${[...columns, ...derived].join(', ')}${from}, ${replicates}${where}`;
    } else {
      // Rows alike in slice, statistics and bucket are counted once (m), then weighted together.
      const bucket = bucketSql(b.id, b.buckets);
      const rows = `SELECT ${[...slices, ...derived, bucket].join(', ')}${from}${where}`;
      const alike = `SELECT *, count(*) AS m FROM (${rows}) GROUP BY ALL`;
      const weight = poissonWeightSql('k.range', 'r.range');
      const weights = `SELECT k.range AS bucket, r.range AS replicate, ${weight} AS weight FROM range(${literal(b.buckets)}) k, ${replicates}`;
      weighted = `SELECT c.*, v.replicate, c.m * v.weight AS w\n  FROM (${alike}) c JOIN (${weights}) v ON c.bucket = v.bucket`;
    }
    // A row with weight 0 is not in that replicate; dropping it early saves a third of the work.
    return `WITH rows AS (SELECT * FROM (${weighted}) WHERE w > 0)`;
  }

  /** `GROUP BY` the keys (and `extra`), or nothing for a single row over all the data. */
  groupBy(extra: readonly string[] = []): string {
    const all = [...this.keys, ...extra];
    return all.length > 0 ? `GROUP BY ${all.join(', ')}` : '';
  }

  /** `ORDER BY` the keys (of the relation `prefix`), or nothing. */
  orderBy(prefix = ''): string {
    return this.keys.length > 0 ? `ORDER BY ${this.keys.map((k) => prefix + k).join(', ')}` : '';
  }

  /** Null-safe equality of the keys of two relations, for joins. */
  sameSlice(left: string, right: string): string {
    return (
      this.keys.map((k) => `${left}.${k} IS NOT DISTINCT FROM ${right}.${k}`).join(' AND ') ||
      'TRUE'
    );
  }

  /** SELECT list of the keys, with a trailing comma when there are any. */
  keyList(prefix = ''): string {
    return this.keys.map((k) => `${prefix}${k}, `).join('');
  }

  /** Subquery over the whole source (not filtered, so the positive class does not shift). */
  wholeSource(select: string): string {
    return `(SELECT ${select} FROM ${ident(this.o.source)})`;
  }
}

/** An example's bootstrap bucket, `bucket`: a hash of its id modulo the bucket count. */
function bucketSql(id: string, buckets: number): string {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new Error(`bucket count must be a whole number >= 1, not ${buckets}`);
  return `hash(${id}) % ${literal(buckets)} AS bucket`;
}

/** Weighted count of the rows meeting `condition` (all rows without one). */
export function weighted(condition?: string): string {
  return condition
    ? `coalesce(sum(w) FILTER (WHERE ${condition}), 0)::DOUBLE`
    : 'coalesce(sum(w), 0)::DOUBLE';
}

/** Weighted sum of `value` over the rows meeting `condition`. */
export function weightedSum(value: string, condition: string): string {
  return `coalesce(sum(w * (${value})) FILTER (WHERE ${condition}), 0)::DOUBLE`;
}

/**
 * How labels and predictions are told apart, from their columns' value kinds: both numbers (or
 * booleans) by value, so 1 and 1.0 are one class; both text as text, so '01' and '1' are two;
 * anything else (one of each, or a kind unknown) by classKey, numbers and numeric text by value.
 */
export type ClassMode = 'number' | 'text' | 'any';

export function classMode(kinds: readonly (ValueKind | undefined)[]): ClassMode {
  const numeric = (k: ValueKind | undefined) =>
    k === 'integer' || k === 'number' || k === 'boolean';
  return kinds.every(numeric) ? 'number' : kinds.every((k) => k === 'text') ? 'text' : 'any';
}

/** A value as its class in `mode`, as text (the key the confusion matrix groups by). */
export function classText(mode: ClassMode, expr: string): string {
  if (mode === 'number') return `CAST(TRY_CAST(${expr} AS DOUBLE) AS VARCHAR)`;
  if (mode === 'text') return `trim(CAST(${expr} AS VARCHAR))`;
  return classKey(expr);
}

/**
 * A value's class, comparable across column types: numbers (and booleans, and numeric text) by
 * value, so 1, 1.0, '1' and true are one class; other text trimmed. NULL stays NULL.
 */
export function classKey(expr: string): string {
  return `coalesce(CAST(TRY_CAST(${expr} AS DOUBLE) AS VARCHAR), trim(CAST(${expr} AS VARCHAR)))`;
}

/** A column as a DOUBLE, NULL where it is not a number. */
export function asNumber(column: string): string {
  return `TRY_CAST(${ident(column)} AS DOUBLE)`;
}

/** The positive class as a class key: the option's value, or the largest label. */
export function positiveKey(frame: MetricFrame, label: string): string {
  const positive = frame.o.positive;
  if (positive !== undefined) return frame.classOf(literal(positive));
  return frame.wholeSource(frame.classOf(`max(${ident(label)})`));
}

/** Whether the label is the positive class (NULL without a label). */
export function actualPositive(frame: MetricFrame, label: string): string {
  return `${frame.classOf(ident(label))} = ${positiveKey(frame, label)}`;
}

/** Whether the row is predicted positive: its prediction, else its score against the threshold. */
export function predictedPositive(frame: MetricFrame, label: string): string | undefined {
  const { prediction, score } = frame.o.columns;
  if (prediction) return `${frame.classOf(ident(prediction))} = ${positiveKey(frame, label)}`;
  if (!score) return undefined;
  const s = asNumber(score);
  return `CASE WHEN isfinite(${s}) THEN ${s} >= ${literal(frame.o.threshold ?? 0.5)} END`;
}
