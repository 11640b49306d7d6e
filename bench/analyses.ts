import type { CellKindId } from '../src/lib/cells/registry';
import type { TargetMix } from '../src/lib/notebook/target-mix';

/**
 * The analysis questions every competitor is timed on: a cell of the app with these settings (the
 * browser adds it to its notebook, native DuckDB runs the same runner on the Node engine). The
 * features are two of the dump's categorical ones (8 and 12 levels, see generate.ts).
 */
export interface AnalysisQuestion {
  measure: string;
  kind: CellKindId;
  init: Record<string, unknown>;
  /** The result status the runner gives when it worked. */
  expect: string;
  /** Slow questions are timed once per run (after the warm-up), and only up to this many rows. */
  once?: boolean;
  upToRows?: number;
  /** A target mix the notebook holds while the cell runs (the represent kind names it). */
  mix?: TargetMix;
  /** Settings besides `dataset` that name the dump's dataset (a baseline cell's baseline run). */
  alsoDataset?: string[];
  /**
   * The cell's pass is kept in the notebook's query cache: the browser also times re-runs with
   * it warm, as its own row (WARM); the measure itself is always timed cold.
   */
  warm?: boolean;
}

/** The row of a question's re-runs answered from the notebook's query cache (not a budget's). */
export const WARM = ' (warm re-run, cached)';

/**
 * The questions asked of a dump of this many rows (of the model panel: PANEL_ANALYSES), each
 * with how many timed runs it gets.
 */
export function questionsFor(
  rows: number,
  runs: number,
  panel = false,
): (AnalysisQuestion & { runs: number })[] {
  return (panel ? PANEL_ANALYSES : ANALYSES)
    .filter((q) => rows <= (q.upToRows ?? Infinity))
    .map((q) => ({
      ...q,
      runs: q.once ? Math.min(1, runs) : runs,
    }));
}

/** The dump's 10 categorical features (3 to 50 levels). */
const CATEGORICAL = [
  'device',
  'weather',
  'camera',
  'age_group',
  'region',
  'lang',
  'annotator',
  'batch',
  'site',
  'topic',
];

/**
 * A target mix over region (8 levels) x lang (12): 96 typed shares, uneven (1 to 7 parts), so
 * every slice is reweighted.
 */
const TRAFFIC: TargetMix = {
  name: 'bench_traffic',
  features: [{ column: 'region' }, { column: 'lang' }],
  source: 'shares',
  shares: Array.from({ length: 96 }, (_, k) => ({
    values: [`r${Math.floor(k / 12)}`, `l${k % 12}`],
    share: 1 + (k % 7),
  })),
  table: '',
};

export const ANALYSES: AnalysisQuestion[] = [
  {
    measure: 'slice table, 1 feature',
    kind: 'slice',
    init: { metric: 'accuracy', features: [{ column: 'region' }] },
    expect: 'slices',
  },
  {
    measure: 'slice table, 2 features',
    kind: 'slice',
    init: {
      metric: 'accuracy',
      features: [{ column: 'region' }, { column: 'lang' }],
    },
    expect: 'slices',
  },
  {
    measure: 'slice table, F1 with bootstrap (200 replicates)',
    kind: 'slice',
    init: { metric: 'f1', features: [{ column: 'region' }], replicates: 200 },
    expect: 'slices',
    // Its budget is set at 1M rows (the bench measures it there only; natively about 0.6-1 s a run).
    once: true,
    upToRows: 1_000_000,
  },
  {
    measure: 'fairness, 1 feature',
    kind: 'fairness',
    init: { features: ['region'] },
    expect: 'fairness',
  },
  {
    measure: 'model vs model per slice',
    kind: 'compare',
    init: { feature: 'region' },
    expect: 'compare',
  },
  ...[1, 2, 3].map((maxLevel) => ({
    measure: `slice discovery, level ${maxLevel} (10 features)`,
    kind: 'discover' as const,
    init: { features: CATEGORICAL, maxLevel },
    expect: 'discover',
    once: true,
    upToRows: 1_000_000,
  })),
  {
    measure: 'target mix, 2 features (accuracy, stratified intervals)',
    kind: 'represent',
    init: { metric: 'accuracy', mix: TRAFFIC.name },
    mix: TRAFFIC,
    expect: 'represent',
  },
  {
    measure: 'target mix, 2 features (F1, 200 replicates)',
    kind: 'represent',
    init: { metric: 'f1', mix: TRAFFIC.name, replicates: 200 },
    mix: TRAFFIC,
    expect: 'represent',
    once: true,
    upToRows: 1_000_000,
  },
  {
    // The dump against itself (1M + 1M rows at 1M): the same full join and GROUPING SETS query as
    // against another run; bench/baseline.ts times a candidate with flipped predictions.
    measure: 'baseline comparison, 5 features',
    kind: 'baseline',
    init: {
      features: [
        ...['device', 'region', 'lang', 'topic'].map((column) => ({ column })),
        { column: 'age', bins: 4 },
      ],
    },
    alsoDataset: ['baseline'],
    expect: 'baseline',
  },
  {
    measure: 'robustness curve with mCE',
    kind: 'robustness',
    init: {},
    expect: 'robustness',
  },
];

/** The questions of the model panel: five models on the same examples. */
export const PANEL_ANALYSES: AnalysisQuestion[] = [
  {
    measure: 'leaderboard, 200 replicates',
    kind: 'leaderboard',
    init: { metric: 'accuracy', replicates: 200 },
    expect: 'leaderboard',
    warm: true,
  },
  { measure: 'agreement counts', kind: 'agreement', init: {}, expect: 'agreement', warm: true },
];

/** How many candidate slices a discovery evaluated at each level (its `levels`), if it ran. */
export function candidatesNote(measure: string, result: unknown): string | undefined {
  const levels = (result as { levels?: { level: number; candidates: number }[] }).levels;
  if (!levels?.length) return undefined;
  return `${measure}: candidates evaluated per level ${levels.map((l) => l.candidates).join(', ')}`;
}
