import type { MetricId } from './metrics';

/** A metric's value in one slice (and replicate), with what an interval needs. */
export interface MetricValue {
  /** NaN when undefined in the slice (no examples, no positives, ...). */
  value: number;
  /** Examples the value is computed on: for a rate, its denominator (FPR: the negatives). */
  n: number;
  /** Rows of the slice left out: no label, no usable prediction or score. */
  excluded: number;
  /** For rates: value = successes / trials, the inputs of a Wilson interval. */
  successes?: number;
  trials?: number;
  /** For means of a per-example value (mean outcome, MAE): the sample sd, for a t interval. */
  sd?: number;
}

type Row = Record<string, unknown>;

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const orNaN = (value: unknown): number =>
  value === null || value === undefined ? NaN : Number(value);
const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);

/** Sample sd from n, the sum and the sum of squares (about any constant). */
function sampleSd(n: number, sum: number, squares: number): number {
  return n > 1 ? Math.sqrt(Math.max(0, squares - (sum * sum) / n) / (n - 1)) : NaN;
}

/** A rate's n is its denominator, the n of its interval (issue 16: FPR's n is the negatives). */
function rate(successes: number, trials: number, excluded: number): MetricValue {
  return { value: ratio(successes, trials), n: trials, excluded, successes, trials };
}

/** Turns a row of a metric's query (see buildMetricQuery) into the metric's value. */
export function readMetric(metric: MetricId, row: Row): MetricValue {
  const rows = num(row.rows);
  switch (metric) {
    case 'accuracy':
    case 'error-rate': {
      const n = num(row.n);
      const correct = num(row.correct);
      return rate(metric === 'accuracy' ? correct : n - correct, n, rows - n);
    }
    case 'precision':
    case 'recall':
    case 'tpr':
    case 'fnr':
    case 'fpr':
    case 'tnr':
    case 'selection-rate':
    case 'f1':
      return readConfusion(metric, row, rows);
    case 'macro-precision':
    case 'macro-recall':
    case 'macro-f1':
    case 'micro-f1': {
      const n = num(row.n);
      const base = { n, excluded: rows - n };
      if (metric !== 'micro-f1') return { ...base, value: orNaN(row[metric.replace('-', '_')]) };
      const tp = num(row.correct);
      const fp = num(row.wrong_predicted);
      const fn = fp + num(row.undecided);
      return { ...base, value: ratio(2 * tp, 2 * tp + fp + fn) };
    }
    case 'roc-auc': {
      const n = num(row.n);
      const pairs = num(row.positives) * num(row.negatives);
      return { value: ratio(num(row.pairs_won), pairs), n, excluded: rows - n };
    }
    case 'log-loss':
    case 'brier': {
      const n = num(row.n);
      const sum = num(metric === 'log-loss' ? row.log_loss_sum : row.brier_sum);
      return { value: ratio(sum, n), n, excluded: rows - n };
    }
    case 'mae':
    case 'rmse':
    case 'r2':
      return readRegression(metric, row, rows);
    case 'mean-outcome': {
      const n = num(row.n);
      const sum = num(row.outcome_sum);
      const value = num(row.centre) + ratio(sum, n);
      const sd = sampleSd(n, sum, num(row.outcome_sq_sum));
      if (row.binary === true && n > 0) return { ...rate(Math.round(value * n), n, rows - n), sd };
      return { value, n, excluded: rows - n, sd };
    }
    case 'count':
      return { value: rows, n: rows, excluded: 0 };
  }
}

function readConfusion(metric: MetricId, row: Row, rows: number): MetricValue {
  const [tp, fp, fn, tn] = [num(row.tp), num(row.fp), num(row.fn), num(row.tn)];
  const n = tp + fp + fn + tn;
  const excluded = rows - n;
  switch (metric) {
    case 'precision':
      return rate(tp, tp + fp, excluded);
    case 'fnr':
      return rate(fn, tp + fn, excluded);
    case 'fpr':
      return rate(fp, fp + tn, excluded);
    case 'tnr':
      return rate(tn, fp + tn, excluded);
    case 'selection-rate':
      return rate(tp + fp, n, excluded);
    case 'f1':
      return { value: ratio(2 * tp, 2 * tp + fp + fn), n, excluded };
    default:
      return rate(tp, tp + fn, excluded);
  }
}

function readRegression(metric: MetricId, row: Row, rows: number): MetricValue {
  const n = num(row.n);
  const absolute = num(row.abs_error_sum);
  const squared = num(row.squared_error_sum);
  const base = { n, excluded: rows - n };
  if (metric === 'mae')
    return { ...base, value: ratio(absolute, n), sd: sampleSd(n, absolute, squared) };
  if (metric === 'rmse') return { ...base, value: Math.sqrt(ratio(squared, n)) };
  const sumOfSquares = num(row.label_sq_sum) - ratio(num(row.label_sum) ** 2, n);
  return { ...base, value: sumOfSquares > 0 ? 1 - squared / sumOfSquares : NaN };
}
