import {
  plainValue,
  withInterval,
  type FlatRow,
  type ResultTables,
} from '../../notebook/result-values';
import type { AuditResult, Suspect } from './audit-result';
import { findingRows } from './audit-findings';

/** The suspect list as its CSV and result table hold it: the evidence a maintainer reviews. */
export function suspectRows(result: AuditResult, list: readonly Suspect[]): FlatRow[] {
  const feature = result.agreement.feature ?? null;
  return list.map((s, i) => ({
    rank: i + 1,
    id: s.id,
    ...(feature ? { feature, slice: s.slice } : {}),
    gold: s.gold,
    answer: s.answer,
    agreeing: s.agreeing.length,
    voters: result.voting?.voters.length ?? null,
    agreeing_models: s.agreeing.join(', '),
    support: plainValue(s.support),
    models_right: s.modelsRight,
    confident_learning_flags: s.confident,
    ...Object.fromEntries(result.models.map((m, j) => [`answer_${m}`, s.answers[j]])),
    ...Object.fromEntries(result.models.map((m, j) => [`confident_${m}`, s.flags[j]])),
    text: s.text,
  }));
}

/**
 * An audit cell's tables: `audit` a row per finding (its examples, their share, the reason in
 * words: the table to assert on), `suspects`, `gold_differs` (a row per example and gold),
 * `extremes` (per slice), `duplicates` (a row per example of a group or pair),
 * `confident_learning` and `thresholds` (with class probabilities), `sanity`, and with a
 * "what if" `what_if` (per model) and `what_if_slices`.
 */
export function auditTables(result: AuditResult): ResultTables {
  const feature = result.agreement.feature ?? null;
  const tables: ResultTables = {
    audit: findingRows(result),
    suspects: suspectRows(result, result.suspects?.list ?? []),
    gold_differs: (result.goldDiffers?.examples ?? []).flatMap((e) =>
      e.golds.map((g) => ({
        id: e.id,
        gold: g.gold,
        models: g.models.join(', '),
        model_count: g.models.length,
      })),
    ),
    extremes: result.extremes.map((e) => ({
      feature: e.overall ? null : feature,
      slice: e.overall ? null : e.slice,
      overall: e.overall,
      n: e.n,
      none_right: e.noneRight,
      none_right_share: e.n > 0 ? e.noneRight / e.n : null,
      all_right: e.allRight,
      all_right_share: e.n > 0 ? e.allRight / e.n : null,
    })),
    duplicates: [
      ...(result.exact?.list ?? []).flatMap((g, group) =>
        g.ids.map((id, k) => ({
          kind: 'exact',
          group: group + 1,
          id,
          gold: g.golds[k],
          golds_agree: g.goldsAgree,
          similarity: 1,
          text: g.text,
        })),
      ),
      ...(result.near?.pairs ?? []).flatMap((p, pair) =>
        (['a', 'b'] as const).map((side) => ({
          kind: 'near',
          group: (result.exact?.list.length ?? 0) + pair + 1,
          id: p[side],
          gold: side === 'a' ? p.goldA : p.goldB,
          golds_agree: p.goldsAgree,
          similarity: p.jaccard,
          text: side === 'a' ? p.textA : p.textB,
        })),
      ),
    ],
    sanity: result.sanity.map((message) => ({ message })),
  };
  if (result.confident) {
    tables.confident_learning = result.confident.map((c) => ({
      model: c.model,
      n: c.n,
      flagged: c.flagged,
      share: c.n > 0 ? c.flagged / c.n : null,
    }));
    tables.thresholds = result.confident.flatMap((c) =>
      c.thresholds.map((t) => ({
        model: c.model,
        class: t.value,
        threshold: plainValue(t.threshold),
        n: t.n,
      })),
    );
  }
  const w = result.whatIf;
  if (w) {
    const after = new Map(w.after.models.map((m) => [m.model, m]));
    tables.what_if = w.before.models.map((b) => {
      const a = after.get(b.model)!;
      return {
        model: b.model,
        metric: w.metric,
        n_before: plainValue(b.n),
        ...withInterval('before', b.value, b.interval),
        rank_before: plainValue(b.rank),
        rank_before_low_95: plainValue(b.rankInterval.low),
        rank_before_high_95: plainValue(b.rankInterval.high),
        n_after: plainValue(a.n),
        ...withInterval('after', a.value, a.interval),
        rank_after: plainValue(a.rank),
        rank_after_low_95: plainValue(a.rankInterval.low),
        rank_after_high_95: plainValue(a.rankInterval.high),
        change: plainValue(a.value - b.value),
      };
    });
    const afterSlices = new Map(w.after.slices.map((s) => [`${s.slice}\u0000${s.model}`, s]));
    tables.what_if_slices = w.before.slices.map((b) => {
      const a = afterSlices.get(`${b.slice}\u0000${b.model}`);
      return {
        feature,
        slice: b.slice,
        model: b.model,
        n_before: plainValue(b.n),
        ...withInterval('before', b.value, b.interval),
        rank_before: plainValue(b.rank),
        n_after: plainValue(a?.n ?? null),
        ...withInterval('after', a?.value ?? NaN, a?.interval ?? null),
        rank_after: plainValue(a?.rank ?? null),
      };
    });
  }
  return tables;
}
