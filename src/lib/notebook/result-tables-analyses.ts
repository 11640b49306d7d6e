import type { CostRow } from '../analyses/cost/read-cost';
import type { CalibrationResult } from './run-calibration-cell';
import type { CostResult } from './run-cost-cell';
import type { DiscoverResult } from './run-discover-cell';
import type { RobustnessResult } from './run-robustness-cell';
import { columnName, plainValue, withInterval, type ResultTables } from './result-values';

/**
 * The tables of the discovery, robustness, calibration and cost cells, named and laid out like the
 * other kinds' (result-tables.ts): one row per thing the cell shows, an interval as `x_low_95` and
 * `x_high_95` beside `x`, the first table the cell's main one.
 */

export function discoverTables(result: DiscoverResult): ResultTables {
  const rate = result.signal === 'misclassification' || result.signal === 'disagreement';
  const measure = rate ? 'error_rate' : 'mean_error';
  return {
    slices: result.slices.map((s, i) => ({
      rank: i + 1,
      slice: s.label,
      condition: s.condition,
      n: s.n,
      errors: plainValue(s.errors),
      ...withInterval(measure, s.rate, s.interval),
      ...withInterval('difference_to_rest', s.lift.difference, s.lift),
      p: plainValue(s.p),
      q: plainValue(s.q),
      score: plainValue(s.score),
      search_n: s.searchN,
    })),
    levels: result.levels.map((l) => ({
      level: l.level,
      candidates: l.candidates,
      combinations: l.combinations,
      seconds: plainValue(l.seconds),
    })),
  };
}

export function robustnessTables(result: RobustnessResult): ResultTables {
  const metric = columnName(result.metric) || 'value';
  const { curves, corruption, effective } = result.analysis;
  const ce = new Map(corruption.map((c) => [c.model, c]));
  const fit = effective.status === 'ok' ? new Map(effective.points.map((p) => [p.model, p])) : null;
  return {
    models: curves.summary.map((s) => ({
      model: s.model,
      clean: plainValue(s.clean?.value ?? null),
      start_level: s.startLevel,
      start: plainValue(s.start?.value ?? null),
      worst_level: s.worstLevel,
      worst: plainValue(s.worst?.value ?? null),
      ...withInterval('drop', s.drop, s.dropInterval),
      auc: plainValue(s.auc),
      mean_shifted: plainValue(s.meanShifted),
      mce: plainValue(ce.get(s.model)?.mce ?? null),
      relative_mce: plainValue(ce.get(s.model)?.relativeMce ?? null),
      effective_robustness: plainValue(fit?.get(s.model)?.effective ?? null),
    })),
    levels: result.stats.map((s) => ({
      model: s.model,
      condition: s.condition,
      level: s.level,
      n: s.n,
      ...withInterval(metric, s.value, s.interval),
      successes: plainValue(s.successes),
    })),
    corruption_errors: corruption.flatMap((c) =>
      Object.keys(c.byCondition).map((condition) => ({
        model: c.model,
        reference: result.analysis.reference,
        condition,
        ce: plainValue(c.byCondition[condition]),
        relative_ce: plainValue(c.relativeByCondition[condition] ?? null),
      })),
    ),
  };
}

export function calibrationTables(result: CalibrationResult): ResultTables {
  const groups = [...result.overall, ...result.slices];
  const key = (g: (typeof groups)[number]) => ({
    model: g.model,
    feature: result.feature,
    slice: g.slice,
  });
  return {
    calibration: groups.map((g) => ({
      ...key(g),
      n: g.n,
      excluded: g.excluded,
      confidence: plainValue(g.confidence),
      accuracy: plainValue(g.accuracy),
      ...withInterval('ece', g.ece, g.intervals.ece),
      ...withInterval('mce', g.mce, g.intervals.mce),
      ...withInterval('brier', g.brier, g.intervals.brier),
    })),
    bins: groups.flatMap((g) =>
      g.bins.map((b) => ({
        ...key(g),
        bin: b.bin,
        low: plainValue(b.low),
        high: plainValue(b.high),
        n: b.n,
        confidence: plainValue(b.confidence),
        ...withInterval('observed', b.accuracy, b.interval),
      })),
    ),
  };
}

export function costTables(result: CostResult): ResultTables {
  const quality = columnName(result.metric);
  const row = (r: CostRow) => ({
    model: r.model,
    feature: result.feature,
    slice: r.slice,
    rows: r.rows,
    n: r.n,
    ...withInterval('mean', r.mean, r.meanInterval),
    ...withInterval('p50', r.p50, r.p50Interval),
    ...withInterval('p95', r.p95, r.p95Interval),
    ...withInterval(quality, r.quality.value, r.qualityInterval),
    pareto_front: r.front,
  });
  return { cost: [...result.overall, ...result.slices].map(row) };
}
