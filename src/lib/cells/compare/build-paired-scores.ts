import { BOOTSTRAP_BUCKETS, bucketWeightsSql } from '../../metrics/bootstrap-sql';
import { asNumber } from '../../metrics/metrics-sql';
import { ident, literal } from '../../sql/quote';

/** Two models' per-example scores (a judge's rating, BLEU, ...) paired on the example id. */
export interface PairedScoresOptions {
  source: string;
  id: string;
  model: string;
  /** The score column: a number per example and model. */
  score: string;
  /** Differences are A − B. */
  modelA: string;
  modelB: string;
  feature?: string;
  filter?: string;
  replicates: number;
}

/** The differences d = A − B of the examples both models scored (finite), with A's slice. */
function differences(o: PairedScoresOptions, extra = ''): string {
  const side = (model: string) => {
    const where = [`CAST(${ident(o.model)} AS VARCHAR) = ${literal(model)}`];
    if (o.filter?.trim()) where.push(`(${o.filter})`);
    const slice = o.feature ? `CAST(${ident(o.feature)} AS VARCHAR)` : 'NULL::VARCHAR';
    return `SELECT ${ident(o.id)} AS __id, ${asNumber(o.score)} AS __s, ${slice} AS __slice FROM ${ident(o.source)} WHERE ${where.join(' AND ')}`;
  };
  return [
    `SELECT a.__slice AS slice, a.__s AS sa, b.__s AS sb, a.__s - b.__s AS d${extra}`,
    `  FROM (${side(o.modelA)}) a JOIN (${side(o.modelB)}) b ON a.__id = b.__id`,
    `  WHERE isfinite(a.__s) AND isfinite(b.__s)`,
  ].join('\n');
}

/** Per slice and overall: the grouping keys, and the column saying which row is the overall one. */
function sets(o: PairedScoresOptions, keys: string[] = []): { group: string; overall: string } {
  if (!o.feature) return { group: keys.length ? `GROUP BY ${keys.join(', ')}` : '', overall: '1' };
  return {
    group: `GROUP BY GROUPING SETS ((${['slice', ...keys].join(', ')}), (${keys.join(', ')}))`,
    overall: 'grouping(slice)',
  };
}

/**
 * The sufficient statistics of the paired differences per slice (of A's row) and overall
 * (`overall` = 1): n, the sums of A, B, d and their squares, wins (d > 0), losses and ties; and, for the
 * signed-rank test, over the non-zero d ranked by |d| with ties at their mid-rank: the sum of the
 * positive ranks (`positive_ranks`) and the tie correction sum(t^3 - t) (`tie_correction`).
 * The ranks come from a count per distinct |d| and a running sum, so nothing is sorted row by row.
 */
export function pairedScoresSql(o: PairedScoresOptions): string {
  const { group: byMoments, overall: isOverall } = sets(o);
  const { group: byMagnitude, overall: isOverallMagnitude } = sets(o, ['magnitude']);
  const slice = o.feature ? 'slice' : 'NULL::VARCHAR AS slice';
  return [
    `WITH p AS (${differences(o)}),`,
    `m AS (SELECT ${slice}, ${isOverall} AS overall, count(*)::DOUBLE AS n,`,
    `    sum(sa)::DOUBLE AS sum_a, sum(sb)::DOUBLE AS sum_b, sum(d)::DOUBLE AS sum_d,`,
    `    sum(sa * sa)::DOUBLE AS sum_a2, sum(sb * sb)::DOUBLE AS sum_b2,`,
    `    sum(d * d)::DOUBLE AS sum_d2, count(*) FILTER (WHERE d > 0)::DOUBLE AS wins,`,
    `    count(*) FILTER (WHERE d < 0)::DOUBLE AS losses, count(*) FILTER (WHERE d = 0)::DOUBLE AS ties`,
    `  FROM p ${byMoments}),`,
    `g AS (SELECT ${slice}, ${isOverallMagnitude} AS overall, abs(d) AS magnitude, count(*)::DOUBLE AS t,`,
    `    count(*) FILTER (WHERE d > 0)::DOUBLE AS positive`,
    `  FROM p WHERE d <> 0 ${byMagnitude}),`,
    `r AS (SELECT slice, overall, sum(positive * (below + (t + 1) / 2)) AS positive_ranks,`,
    `    sum(t * t * t - t) AS tie_correction`,
    `  FROM (SELECT *, sum(t) OVER (PARTITION BY slice, overall ORDER BY magnitude) - t AS below FROM g)`,
    `  GROUP BY slice, overall)`,
    `SELECT m.*, coalesce(r.positive_ranks, 0) AS positive_ranks,`,
    `  coalesce(r.tie_correction, 0) AS tie_correction`,
    `FROM m LEFT JOIN r ON m.slice IS NOT DISTINCT FROM r.slice AND m.overall = r.overall`,
    `ORDER BY m.overall DESC, m.slice NULLS LAST`,
  ].join('\n');
}

/**
 * The differences summed per slice and hash bucket of the example id (as the slice table's
 * bootstrap buckets them), and the buckets' weights per replicate: resampleBuckets makes the
 * paired bootstrap's replicates of each slice's mean difference from them.
 */
export function pairedScoresBucketsSql(o: PairedScoresOptions): { sums: string; weights: string } {
  const bucket = `, hash(a.__id) % ${literal(BOOTSTRAP_BUCKETS)} AS bucket`;
  return {
    sums: [
      `SELECT slice AS slice_0, bucket, count(*)::DOUBLE AS rows, sum(d)::DOUBLE AS sum_d`,
      `FROM (${differences(o, bucket)}) GROUP BY ALL ORDER BY ALL`,
    ].join('\n'),
    weights: bucketWeightsSql(BOOTSTRAP_BUCKETS, o.replicates),
  };
}
