import type { Engine } from '../engine/engine';
import { featureEdges } from '../slicing/feature-edges';
import { baselinePlan, type RunDataset, type SliceSet } from './baseline-plan';
import { comparisonSql, matchingSql, rowsSql, runCondition, sliceKeys } from './build-baseline-sql';
import { overallMask } from './read-comparison';
import { readComparison, withQValues, type SliceComparison } from './read-comparison';

/** A dataset of the candidate run, the same dataset of the baseline run, and the slice cells on it. */
export interface RunPair {
  candidate: RunDataset;
  baseline: RunDataset;
  sets: SliceSet[];
}

/** How one dataset's examples matched across the runs. */
export interface Matching {
  dataset: string;
  rowsCandidate: number;
  rowsBaseline: number;
  /** Ids (within a model) found in both runs. */
  common: number;
  paired: boolean;
  /** Why the comparison is unpaired, when it is. */
  unpairedBecause?: string;
}

export interface BaselineComparison {
  rows: SliceComparison[];
  matching: Matching[];
  /** What the reader should know: unpaired comparisons and why, ids in one run only, columns. */
  notes: string[];
}

/**
 * Compares each dataset of a candidate run with the same dataset of a baseline run, per slice of
 * its slice cells and overall, per model: paired on the example id where the runs share ids, else
 * unpaired, saying why. Numeric features are cut where the candidate's quantiles fall, on both.
 * Returns what differs when two datasets cannot be compared. `read` runs each query (a cell's
 * query log, which keeps the SQL and can be cancelled); by default the engine does.
 */
export async function compareToBaseline(
  engine: Engine,
  pairs: readonly RunPair[],
  filter: string,
  read: (sql: string) => Promise<Record<string, unknown>[]> = async (sql) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>),
): Promise<BaselineComparison | { error: string }> {
  const rows: Omit<SliceComparison, 'q'>[] = [];
  const matching: Matching[] = [];
  const notes: string[] = [];
  for (const pair of pairs) {
    const plan = baselinePlan(pair.candidate, pair.baseline, pair.sets);
    const name = pair.candidate.name;
    if ('error' in plan) return { error: `${name}: ${plan.error}` };
    notes.push(...plan.notes.map((n) => `${name}: ${n}`));
    const edges = await featureEdges(
      pair.sets.flatMap((s) => s.features),
      pair.candidate.name,
      runCondition(pair.candidate, filter),
      read,
    );
    const keys = sliceKeys(plan, edges);
    const counted = (await read(rowsSql(plan, keys, filter)))[0];
    const [rowsCandidate, rowsBaseline] = [counted.rows_candidate, counted.rows_baseline].map(
      Number,
    );
    const compare = async (paired: boolean) => {
      const result = await read(comparisonSql(plan, keys, paired, filter));
      return {
        result,
        overall: result.filter((r) => Number(r.grouping_mask) === overallMask(keys)),
      };
    };
    const total = (rows: Record<string, unknown>[], key: string) =>
      rows.reduce((sum, r) => sum + Number(r[key] ?? 0), 0);
    // Paired first (the usual case, one pass); its overall rows tell whether pairing held.
    let run = plan.id ? await compare(true) : null;
    let unpairedBecause: string | undefined;
    let common = run ? total(run.overall, 'matched') : 0;
    if (!plan.id) unpairedBecause = 'no column has the role "example id"';
    else if (common === 0) unpairedBecause = 'no example id of the candidate is in the baseline';
    else if (
      total(run!.overall, 'rows_c') > rowsCandidate ||
      total(run!.overall, 'rows_b') > rowsBaseline
    ) {
      const m = (await read(matchingSql(plan, keys, filter)))[0];
      const [c, b] = [m.repeated_candidate, m.repeated_baseline].map(Number);
      common = Number(m.common);
      unpairedBecause = `example ids repeat within a model (${c} in the candidate, ${b} in the baseline), so they cannot pair one to one`;
    }
    const paired = unpairedBecause === undefined;
    if (!paired) run = await compare(false);
    matching.push({ dataset: name, rowsCandidate, rowsBaseline, common, paired, unpairedBecause });
    if (unpairedBecause)
      notes.push(`${name}: compared unpaired (two independent samples): ${unpairedBecause}.`);
    const found = readComparison(name, plan.values.candidate, keys, run!.result, paired);
    for (const r of found.filter((r) => r.overall && (r.onlyCandidate > 0 || r.onlyBaseline > 0)))
      notes.push(
        `${name}${r.model === null ? '' : ` (${r.model})`}: ${r.onlyCandidate} examples only in the candidate and ${r.onlyBaseline} only in the baseline are counted, not compared.`,
      );
    rows.push(...found);
  }
  return { rows: withQValues(rows), matching, notes };
}
