import type { ValueKind } from '../../ingest/profile';
import type { ClassColumn } from '../../metrics/class-columns';
import { ident, literal } from '../../sql/quote';
import { poissonWeightSql, replicatesSql } from '../../metrics/bootstrap-sql';
import {
  actualPositive,
  asNumber,
  classKey,
  MetricFrame,
  weighted,
  weightedSum,
} from '../../metrics/metrics-sql';

/**
 * What is calibrated. `binary`: the score is P(label = positive) and the event is the positive
 * class. `top-label`: the confidence in the predicted class (one column, or the largest of the
 * per-class columns) and the event is a correct prediction (Guo et al. 2017).
 */
export type CalibrationMode = 'binary' | 'top-label';

export interface CalibrationOptions {
  source: string;
  mode: CalibrationMode;
  label?: string;
  /** Top-label: the predicted class, compared with the label. */
  prediction?: string;
  /** Top-label without label and prediction: a 0/1 correctness column. */
  outcome?: string;
  /** The score (binary) or confidence (top-label) column. */
  score?: string;
  /** Top-label: per-class probability columns; the confidence is their largest, its class the prediction. */
  classColumns?: readonly ClassColumn[];
  /** Binary: the positive class; the largest label value when absent. */
  positive?: string;
  model?: string;
  feature?: string;
  binning: 'width' | 'mass';
  bins: number;
  /** The notebook's global filter (a SQL condition); empty for none. */
  filter?: string;
  kinds?: Record<string, ValueKind>;
  /** The example id column: the bootstrap's resampling unit and the tie-break of equal-mass bins. */
  id?: string;
}

/** Rows spread over this many hash buckets share a bootstrap weight (see metrics-sql.ts). */
const BUCKETS = 1000;

/** Why the options cannot be calibrated, or undefined when they can. */
export function calibrationProblem(o: CalibrationOptions): string | undefined {
  if (!Number.isInteger(o.bins) || o.bins < 2 || o.bins > 100)
    return `The number of bins must be a whole number from 2 to 100, not ${o.bins}.`;
  if (o.mode === 'binary') {
    if (!o.label || !o.score)
      return 'Binary calibration needs a label and a score column (the probability of the positive class).';
    return undefined;
  }
  if ((o.classColumns?.length ?? 0) >= 2)
    return o.label ? undefined : 'Give a column the role "label" to score the top class.';
  if (!o.score) return 'Pick a confidence column, or two or more per-class probability columns.';
  if (!(o.label && o.prediction) && !o.outcome)
    return 'Top-label calibration needs a label and a prediction, or a 0/1 outcome column.';
  return undefined;
}

/** The confidence (`conf`), the event (`hit`, 0 or 1) and whether the row counts (`ok`). */
function rowExpressions(o: CalibrationOptions, frame: MetricFrame) {
  let conf: string;
  let hit: string;
  if (o.mode === 'binary') {
    conf = asNumber(o.score!);
    hit = `(${actualPositive(frame, o.label!)})::DOUBLE`;
  } else if ((o.classColumns?.length ?? 0) >= 2) {
    const columns = o.classColumns!;
    conf = `greatest(${columns.map((c) => asNumber(c.column)).join(', ')})`;
    const predicted = columns
      .map((c) => `WHEN ${asNumber(c.column)} = ${conf} THEN ${classKey(literal(c.value))}`)
      .join(' ');
    hit = `(${classKey(ident(o.label!))} = (CASE ${predicted} END))::DOUBLE`;
  } else {
    conf = asNumber(o.score!);
    hit =
      o.label && o.prediction
        ? `(${frame.classOf(ident(o.label))} = ${frame.classOf(ident(o.prediction))})::DOUBLE`
        : `(CASE WHEN ${asNumber(o.outcome!)} IN (0, 1) THEN ${asNumber(o.outcome!)} END)`;
  }
  const ok = `coalesce(${conf} BETWEEN 0 AND 1 AND ${hit} IS NOT NULL, false)`;
  return { conf, hit, ok };
}

/** The bin of a row: equal width, [k/B, (k+1)/B) with 1 in the last; or equal mass within its group. */
function binExpression(o: CalibrationOptions, groups: readonly string[], conf: string, ok: string) {
  const b = literal(o.bins);
  if (o.binning === 'width')
    return `CASE WHEN ${ok} THEN least(floor(${conf} * ${b}), ${b} - 1) END`;
  const tieBreak = o.id ? `, ${ident(o.id)}` : '';
  const partition = [...groups, ok].join(', ');
  const rank = `ntile(${b}) OVER (PARTITION BY ${partition} ORDER BY ${conf}${tieBreak}) - 1`;
  return `CASE WHEN ${ok} THEN ${rank} END`;
}

/**
 * Per group (model, and the feature's value with `bySlice`) and bin: n, the sums of confidence,
 * of the event and of the squared gap, and the confidence range. Rows that cannot be read (no
 * label, a score outside [0, 1]) come out in bin NULL.
 */
export function calibrationSql(o: CalibrationOptions, bySlice: boolean): string {
  const { frame, derived } = calibrationRows(o, bySlice);
  const keys = [...frame.keys, 'bin'];
  return [
    frame.rows(derived),
    `SELECT ${frame.keyList()}bin, ${weighted()} AS n,`,
    `  ${weightedSum('conf', 'ok')} AS conf_sum, ${weightedSum('hit', 'ok')} AS hit_sum,`,
    `  ${weightedSum('(conf - hit) ^ 2', 'ok')} AS squared_sum,`,
    `  min(conf) FILTER (WHERE ok) AS conf_min, max(conf) FILTER (WHERE ok) AS conf_max`,
    `FROM rows GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')} NULLS LAST`,
  ].join('\n');
}

/**
 * The same sums per seeded Poisson bootstrap replicate (column `replicate`; bins stay those of
 * the data). Examples are hashed into buckets that share a weight, as the slice table's
 * bootstrap does (metrics-sql.ts), but the sums are taken per bucket and bin first, so the
 * replicates weight a few thousand partial sums instead of every row.
 */
export function calibrationBootstrapSql(
  o: CalibrationOptions,
  bySlice: boolean,
  replicates: number,
  buckets = BUCKETS,
): string {
  const { frame, derived } = calibrationRows(o, bySlice);
  // Without an example id the row's position stands in (a view has no rowid).
  const id = o.id ? ident(o.id) : 'row_number() OVER ()';
  const keys = frame.keyList();
  const sums = (column: string) => `sum(weight * ${column}) AS ${column}`;
  return [
    `${frame.rows([...derived, `hash(${id}) % ${literal(buckets)} AS bucket`])},`,
    `cells AS (SELECT ${keys}bin, bucket, count(*)::DOUBLE AS n, sum(conf) AS conf_sum,`,
    `  sum(hit) AS hit_sum, sum((conf - hit) ^ 2) AS squared_sum`,
    `  FROM rows WHERE ok GROUP BY ALL),`,
    `weights AS (SELECT k.range AS bucket, r.range AS replicate,`,
    `  ${poissonWeightSql('k.range', 'r.range')} AS weight`,
    `  FROM range(${literal(buckets)}) k, ${replicatesSql(replicates)} r)`,
    `SELECT ${keys}replicate, bin, ${['n', 'conf_sum', 'hit_sum', 'squared_sum'].map(sums).join(', ')}`,
    `FROM cells JOIN weights USING (bucket) WHERE weight > 0`,
    `GROUP BY ALL ORDER BY ALL`,
  ].join('\n');
}

function calibrationRows(o: CalibrationOptions, bySlice: boolean) {
  const groups = [
    ...(o.model ? [`CAST(${ident(o.model)} AS VARCHAR)`] : []),
    ...(bySlice && o.feature ? [`CAST(${ident(o.feature)} AS VARCHAR)`] : []),
  ];
  const frame = new MetricFrame({
    source: o.source,
    columns: { label: o.label, prediction: o.prediction, score: o.score },
    groupBy: groups,
    where: o.filter?.trim() ? `(${o.filter})` : undefined,
    positive: o.positive || undefined,
    kinds: o.kinds,
  });
  const { conf, hit, ok } = rowExpressions(o, frame);
  const derived = [
    `${conf} AS conf`,
    `${hit} AS hit`,
    `${ok} AS ok`,
    `${binExpression(o, groups, conf, ok)} AS bin`,
  ];
  return { frame, derived };
}
