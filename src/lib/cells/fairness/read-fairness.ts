import { wilsonInterval, type Interval } from '../../stats/wilson';

type Row = Record<string, unknown>;

export const RATE_IDS = ['base', 'selection', 'tpr', 'fpr', 'fnr', 'ppv', 'accuracy'] as const;
export type RateId = (typeof RATE_IDS)[number];

export const RATE_LABELS: Record<RateId, string> = {
  base: 'base rate',
  selection: 'selection rate',
  tpr: 'TPR',
  fpr: 'FPR',
  fnr: 'FNR',
  ppv: 'PPV',
  accuracy: 'accuracy',
};

/** A rate (or group) with fewer examples than this behind it is "too small to tell". */
export const TOO_SMALL = 30;

export interface Rate {
  value: number;
  successes: number;
  trials: number;
  interval: Interval;
  tooSmall: boolean;
}

export interface FairnessGroup {
  /** The group's value of each sensitive feature. */
  values: (string | null)[];
  rows: number;
  /** Rows with both a label and a decision. */
  n: number;
  tooSmall: boolean;
  rates: Record<RateId, Rate>;
}

function rate(successes: number, trials: number): Rate {
  return {
    value: trials > 0 ? successes / trials : NaN,
    successes,
    trials,
    interval: wilsonInterval(successes, trials),
    tooSmall: trials < TOO_SMALL,
  };
}

/**
 * Each group's rates with Wilson intervals. The selection rate is over the rows with a decision
 * (labelled or not); the others over the rows with a label and a decision.
 */
export function readFairnessGroups(rows: Row[], features: number): FairnessGroup[] {
  return rows.map((row) => {
    const [tp, fp, fn, tn] = ['tp', 'fp', 'fn', 'tn'].map((k) => Number(row[k] ?? 0));
    const n = tp + fp + fn + tn;
    const values = Array.from({ length: features }, (_, i) => {
      const v = row[`group_${i}`];
      return v === null || v === undefined ? null : String(v);
    });
    return {
      values,
      rows: Number(row.rows ?? 0),
      n,
      tooSmall: n < TOO_SMALL,
      rates: {
        base: rate(tp + fn, n),
        selection: rate(Number(row.selected ?? 0), Number(row.decided ?? 0)),
        tpr: rate(tp, tp + fn),
        fpr: rate(fp, fp + tn),
        fnr: rate(fn, tp + fn),
        ppv: rate(tp, tp + fp),
        accuracy: rate(tp + tn, n),
      },
    };
  });
}

export function groupName(group: FairnessGroup): string {
  return group.values.map((v) => v ?? '(missing)').join(' · ');
}
