import { cohenKappaInterval } from '../stats/cohen-kappa';
import { fleissKappaInterval } from '../stats/fleiss-kappa';
import type { Interval } from '../stats/wilson';

type Row = Record<string, unknown>;

/** A named set of right/wrong patterns: all right, all wrong, only one model right, all but one. */
export interface PatternGroup {
  group: 'all right' | 'all wrong' | 'only right' | 'all but' | 'others';
  /** The model that is alone (only right) or missing (all but); null for the others. */
  model: string | null;
  /** The right masks (bit i = model i right) the group holds. */
  patterns: number[];
  examples: number;
}

/** Two models on the complete examples: their 2x2 table and Cohen's kappa. */
export interface PairAgreement {
  modelA: string;
  modelB: string;
  bothRight: number;
  /** A right and B wrong, and the reverse. */
  onlyA: number;
  onlyB: number;
  neither: number;
  kappa: number;
  interval: Interval;
}

/** The examples left out of agreement, and why. */
export interface LeftOut {
  /** Examples some model lacks, by model (an example may lack several). */
  lacking: number[];
  lackingAny: number;
  /** Examples every model has, but with a repeated id or a row without a label. */
  repeatedOrUnlabelled: number;
  repeatedRows: number;
  noIdRows: number;
}

/** Agreement in one slice (or overall). */
export interface SliceAgreement {
  slice: string | null;
  overall: boolean;
  /** Complete examples: every model has them once, with a label. */
  n: number;
  /** Complete examples by right mask. */
  patterns: { pattern: number; examples: number }[];
  /** Per model, the complete examples it gets right. */
  right: number[];
  /** Examples by how many models get them right, 0..k. */
  byCount: number[];
  groups: PatternGroup[];
  fleiss: { kappa: number; observed: number; chance: number } & Interval;
  pairs: PairAgreement[];
  leftOut: LeftOut;
  /** Examples whose rows disagree on the gold label, or on the slice's value. */
  labelsDiffer: number;
  mixedSlice: number;
}

export interface AgreementCounts {
  slices: SliceAgreement[];
  /** Rows whose outcome is a number other than 0 and 1. */
  notBinary: number;
}

const bitCount = (x: number) => {
  let count = 0;
  for (let v = x; v > 0; v >>= 1) count += v & 1;
  return count;
};

/** The named groups of patterns for k models: with 2 models "all but A" is "only B", so left out. */
export function patternGroups(models: readonly string[]): Omit<PatternGroup, 'examples'>[] {
  const k = models.length;
  const full = 2 ** k - 1;
  const named: Omit<PatternGroup, 'examples'>[] = [
    { group: 'all right', model: null, patterns: [full] },
    { group: 'all wrong', model: null, patterns: [0] },
    ...models.map((m, i) => ({ group: 'only right' as const, model: m, patterns: [1 << i] })),
    ...(k > 2
      ? models.map((m, i) => ({ group: 'all but' as const, model: m, patterns: [full ^ (1 << i)] }))
      : []),
  ];
  const taken = new Set(named.flatMap((g) => g.patterns));
  const others = Array.from({ length: full + 1 }, (_, x) => x).filter((x) => !taken.has(x));
  return others.length > 0 ? [...named, { group: 'others', model: null, patterns: others }] : named;
}

/** One slice's agreement from its complete patterns and its left-out rows. */
export function sliceAgreement(
  models: readonly string[],
  slice: string | null,
  overall: boolean,
  rows: readonly Row[],
): SliceAgreement {
  const k = models.length;
  const num = (r: Row, key: string) => Number(r[key] ?? 0);
  // A pattern has a row per bootstrap bucket when the query kept them: summed here.
  const count = new Map<number, number>();
  for (const r of rows)
    if (r.complete === true)
      count.set(num(r, 'pattern'), (count.get(num(r, 'pattern')) ?? 0) + num(r, 'examples'));
  const patterns = [...count].map(([pattern, examples]) => ({ pattern, examples }));
  const n = patterns.reduce((s, p) => s + p.examples, 0);
  const right = models.map((_, i) =>
    patterns.reduce((s, p) => s + (p.pattern & (1 << i) ? p.examples : 0), 0),
  );
  const byCount = Array.from({ length: k + 1 }, () => 0);
  for (const p of patterns) byCount[bitCount(p.pattern)] += p.examples;
  const groups = patternGroups(models).map((g) => ({
    ...g,
    examples: g.patterns.reduce((s, x) => s + (count.get(x) ?? 0), 0),
  }));
  const fleiss = fleissKappaInterval(byCount.map((c, s) => ({ ratings: [s, k - s], count: c })));
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++) {
      const cells = [0, 0, 0, 0];
      for (const p of patterns)
        cells[(p.pattern & (1 << i) ? 0 : 2) + (p.pattern & (1 << j) ? 0 : 1)] += p.examples;
      const [bothRight, onlyA, onlyB, neither] = cells;
      const { kappa, low, high } = cohenKappaInterval([
        [bothRight, onlyA],
        [onlyB, neither],
      ]);
      pairs.push({
        modelA: models[i],
        modelB: models[j],
        bothRight,
        onlyA,
        onlyB,
        neither,
        kappa,
        interval: { low, high },
      });
    }
  const incomplete = rows.filter((r) => r.complete === false);
  const full = 2 ** k - 1;
  const withId = incomplete.filter((r) => r.has_id === true);
  const lacking = models.map((_, i) =>
    withId.reduce((s, r) => s + (num(r, 'pattern') & (1 << i) ? 0 : num(r, 'examples')), 0),
  );
  const lackingAny = withId.reduce(
    (s, r) => s + (num(r, 'pattern') !== full ? num(r, 'examples') : 0),
    0,
  );
  const sum = (key: string) => rows.reduce((s, r) => s + num(r, key), 0);
  return {
    slice,
    overall,
    n,
    patterns,
    right,
    byCount,
    groups,
    fleiss: {
      kappa: fleiss.kappa,
      observed: fleiss.observed,
      chance: fleiss.chance,
      low: fleiss.low,
      high: fleiss.high,
    },
    pairs,
    leftOut: {
      lacking,
      lackingAny,
      repeatedOrUnlabelled: withId.reduce((s, r) => s + num(r, 'examples'), 0) - lackingAny,
      repeatedRows: sum('repeated'),
      noIdRows: incomplete
        .filter((r) => r.has_id === false)
        .reduce((s, r) => s + num(r, 'rows'), 0),
    },
    labelsDiffer: sum('labels_differ'),
    mixedSlice: sum('mixed_slice'),
  };
}

/** agreementSql's rows as the agreement overall (first) and per slice. */
export function readAgreement(models: readonly string[], rows: readonly Row[]): AgreementCounts {
  const bySlice = new Map<string, { slice: string | null; overall: boolean; rows: Row[] }>();
  for (const r of rows) {
    const overall = Number(r.overall) === 1;
    const slice = overall || r.slice === null || r.slice === undefined ? null : String(r.slice);
    const key = overall ? '*' : JSON.stringify(slice);
    const entry = bySlice.get(key) ?? { slice, overall, rows: [] };
    entry.rows.push(r);
    bySlice.set(key, entry);
  }
  if (!bySlice.has('*')) bySlice.set('*', { slice: null, overall: true, rows: [] });
  const slices = [...bySlice.values()]
    .map((s) => sliceAgreement(models, s.slice, s.overall, s.rows))
    .sort((a, b) => Number(b.overall) - Number(a.overall));
  const notBinary = rows
    .filter((r) => Number(r.overall) === 1)
    .reduce((s, r) => s + Number(r.not_binary ?? 0), 0);
  return { slices, notBinary };
}
