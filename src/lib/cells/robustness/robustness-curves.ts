import { newcombeDifference } from '../../stats/newcombe';
import { wilsonInterval, type Interval } from '../../stats/wilson';
import type { LevelStat } from './read-robustness';
import {
  applyStoredOrder,
  inferSeverityOrder,
  isCleanLevel,
  isCleanName,
  type SeverityOrder,
} from './severity-order';

/** A point of one model's curve on one condition. */
export interface CurvePoint {
  model: string;
  condition: string;
  level: string;
  /** Index of the level on the axis (the clean level is 0 when present). */
  position: number;
  value: number;
  interval: Interval | null;
  n: number;
  /** The point is the clean level (shared by every condition's curve). */
  clean: boolean;
}

/** Several cells taken together: rates pooled over their rows, aggregated values averaged. */
export interface Pooled {
  value: number;
  n: number;
  successes: number | null;
  interval: Interval | null;
}

export interface ModelSummary {
  model: string;
  clean: Pooled | null;
  /** Each level of the axis (`levels`), pooled over the conditions. */
  byLevel: (Pooled | null)[];
  /** The level the drop starts from: the clean level, else the mildest level. */
  startLevel: string;
  start: Pooled | null;
  /** The most severe level, over every condition. */
  worstLevel: string;
  worst: Pooled | null;
  /** start − worst, with Newcombe's interval for per-example rates (as independent samples). */
  drop: number;
  dropInterval: Interval | null;
  /** Area under the curve over equally spaced levels, divided by the width: a mean height in [0, 1]. */
  auc: number;
  /** Mean over the shifted cells (every condition x level but clean). */
  meanShifted: number;
}

export interface RobustnessCurves {
  models: string[];
  /** The shifted conditions (a clean condition is not one of them). */
  conditions: string[];
  /** Conditions of rows without a level (`val` of a models x evaluation sets table): no curve. */
  sets: string[];
  unleveled: readonly LevelStat[];
  cleanCondition: string | null;
  cleanLevel: string | null;
  /** The order inferred for the shifted levels, and the order used (the user's, if set). */
  inferred: SeverityOrder;
  order: string[];
  customOrder: boolean;
  /** The axis: the clean level (if any), then `order`. */
  levels: string[];
  points: CurvePoint[];
  summary: ModelSummary[];
  /**
   * Every model taken together (named POOLED): its curve per condition and its summary, rows pooled
   * over the models as over the conditions. Null for a single model.
   */
  pooled: { points: CurvePoint[]; summary: ModelSummary } | null;
  perExample: boolean;
}

/** The name of every model taken together, in the curves, the chart and the tables. */
export const POOLED = 'all models (pooled)';

export function pool(stats: readonly LevelStat[], perExample: boolean): Pooled | null {
  if (stats.length === 0) return null;
  const n = stats.reduce((s, x) => s + x.n, 0);
  if (perExample) {
    const successes = stats.reduce((s, x) => s + (x.successes ?? 0), 0);
    return { value: successes / n, n, successes, interval: wilsonInterval(successes, n) };
  }
  if (stats.length === 1)
    return { value: stats[0].value, n, successes: null, interval: stats[0].interval };
  const value = stats.reduce((s, x) => s + x.value, 0) / stats.length;
  return { value, n, successes: null, interval: null };
}

const mean = (values: number[]) =>
  values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;

/** Trapezoids over the points' positions, divided by the width they span (one point: its value). */
export function normalisedArea(points: readonly { position: number; value: number }[]): number {
  const sorted = [...points].sort((a, b) => a.position - b.position);
  if (sorted.length === 0) return NaN;
  if (sorted.length === 1) return sorted[0].value;
  let area = 0;
  for (let i = 1; i < sorted.length; i++)
    area +=
      ((sorted[i].position - sorted[i - 1].position) * (sorted[i].value + sorted[i - 1].value)) / 2;
  return area / (sorted[sorted.length - 1].position - sorted[0].position);
}

/**
 * Curves of metric vs severity per model and condition, and each model's summary. The clean level
 * is a condition named clean/none (its rows start every condition's curve) or, without one, a
 * level named clean/none or 0 within the conditions. `storedOrder` is the user's order of the
 * shifted levels (empty: inferred).
 */
export function robustnessCurves(
  all: readonly LevelStat[],
  perExample: boolean,
  storedOrder: readonly string[] = [],
): RobustnessCurves {
  const models = [...new Set(all.map((s) => s.model))];
  // Rows without a level (an evaluation set of a models x sets table, such as `val`) draw no curve;
  // effective robustness can still set them against each other (selectionValue).
  const stats = all.filter((s) => s.level !== '');
  const unleveled = all.filter((s) => s.level === '');
  const sets = [...new Set(unleveled.map((s) => s.condition))];
  const cleanCondition = [...new Set(stats.map((s) => s.condition))].find(isCleanName) ?? null;
  const shifted = stats.filter((s) => s.condition !== cleanCondition);
  const conditions = [...new Set(shifted.map((s) => s.condition))];
  let cleanLevel: string | null = null;
  if (cleanCondition !== null) {
    const own = [
      ...new Set(stats.filter((s) => s.condition === cleanCondition).map((s) => s.level)),
    ];
    cleanLevel = own.length === 1 && own[0] !== '' ? own[0] : 'clean';
  } else cleanLevel = [...new Set(shifted.map((s) => s.level))].find(isCleanLevel) ?? null;

  const shiftedLevels = [...new Set(shifted.map((s) => s.level))].filter((l) => l !== cleanLevel);
  const byLevel = new Map(
    shiftedLevels.map((l) => [l, mean(shifted.filter((s) => s.level === l).map((s) => s.value))]),
  );
  const inferred = inferSeverityOrder(shiftedLevels, byLevel);
  const stored = applyStoredOrder(storedOrder, inferred.order);
  const order = stored ?? inferred.order;
  const levels = cleanLevel === null ? order : [cleanLevel, ...order];

  const cleanOf = (model: string) =>
    cleanLevel === null
      ? null
      : pool(
          cleanCondition !== null
            ? stats.filter((s) => s.model === model && s.condition === cleanCondition)
            : shifted.filter((s) => s.model === model && s.level === cleanLevel),
          perExample,
        );
  const key = (m: string, c: string, l: string) => JSON.stringify([m, c, l]);
  const byCell = new Map(shifted.map((s) => [key(s.model, s.condition, s.level), s]));
  const points: CurvePoint[] = [];
  for (const model of models) {
    const clean = cleanCondition !== null ? cleanOf(model) : null;
    for (const condition of conditions)
      points.push(
        ...curve(model, condition, (level) => byCell.get(key(model, condition, level)), clean),
      );
  }

  /** A curve's points along the axis: the cell's own statistic, else the shared clean one. */
  function curve(
    model: string,
    condition: string,
    cell: (level: string) => Pooled | LevelStat | null | undefined,
    clean: Pooled | null,
  ): CurvePoint[] {
    return levels.flatMap((level, position) => {
      const stat = cell(level) ?? (level === cleanLevel ? clean : null);
      if (!stat) return [];
      const { value, interval, n } = stat;
      return [
        { model, condition, level, position, value, interval, n, clean: level === cleanLevel },
      ];
    });
  }

  /** The summary of the rows `mine` picks (one model's, or every model's) and their points. */
  function summarise(
    model: string,
    mine: (s: LevelStat) => boolean,
    clean: Pooled | null,
    curvePoints: readonly CurvePoint[],
  ): ModelSummary {
    const atLevel = (level: string | undefined) =>
      pool(
        shifted.filter((s) => mine(s) && s.level === level),
        perExample,
      );
    const startLevel = clean ? cleanLevel! : order[0];
    const start = clean ?? atLevel(order[0]);
    const worstLevel = order[order.length - 1];
    const worst = atLevel(worstLevel);
    const both = start && worst;
    return {
      model,
      clean,
      byLevel: levels.map((level) => (level === cleanLevel ? clean : atLevel(level))),
      startLevel,
      start,
      worstLevel,
      worst,
      drop: both ? start.value - worst.value : NaN,
      dropInterval:
        both && perExample
          ? newcombeDifference(start.successes!, start.n, worst.successes!, worst.n)
          : null,
      auc: mean(
        conditions
          .map((c) => normalisedArea(curvePoints.filter((p) => p.condition === c)))
          .filter(Number.isFinite),
      ),
      meanShifted: mean(curvePoints.filter((p) => !p.clean).map((p) => p.value)),
    };
  }

  const summary = models.map((model) =>
    summarise(
      model,
      (s) => s.model === model,
      cleanOf(model),
      points.filter((p) => p.model === model),
    ),
  );
  return {
    models,
    conditions,
    sets,
    unleveled,
    cleanCondition,
    cleanLevel,
    inferred,
    order,
    customOrder: stored !== null,
    levels,
    points,
    summary,
    pooled: models.length > 1 ? pooledCurve() : null,
    perExample,
  };

  /** Every model's rows taken together, as one model's are. */
  function pooledCurve() {
    const clean =
      cleanLevel === null
        ? null
        : pool(
            cleanCondition !== null
              ? stats.filter((s) => s.condition === cleanCondition)
              : shifted.filter((s) => s.level === cleanLevel),
            perExample,
          );
    const pooledPoints = conditions.flatMap((condition) =>
      curve(
        POOLED,
        condition,
        (level) =>
          pool(
            shifted.filter((s) => s.condition === condition && s.level === level),
            perExample,
          ),
        cleanCondition !== null ? clean : null,
      ),
    );
    return {
      points: pooledPoints,
      summary: summarise(POOLED, () => true, clean, pooledPoints),
    };
  }
}
