import { withInterval, type FlatRow, type ResultTables } from '../../notebook/result-values';
import type { SliceAgreement } from '../../metrics/read-agreement';
import type { AgreementResult } from './run-agreement-cell';

/**
 * An agreement cell's tables: `agreement` a row per slice (overall first) with the examples
 * compared, all right, all wrong and Fleiss' kappa; `patterns` a row per slice and named group
 * (all right, all wrong, only right, all but, others) with its examples; `pairs` Cohen's kappa of
 * every pair of models, per slice.
 */
export function agreementTables(result: AgreementResult): ResultTables {
  const feature = result.plan.feature ?? null;
  const where = (s: SliceAgreement): FlatRow => ({
    feature: s.overall ? null : feature,
    slice: s.overall ? null : s.slice,
    overall: s.overall,
  });
  const group = (s: SliceAgreement, name: string) =>
    s.groups.find((g) => g.group === name)?.examples ?? 0;
  const agreement = result.slices.map((s) => ({
    ...where(s),
    models: result.plan.models.length,
    n: s.n,
    all_right: group(s, 'all right'),
    all_wrong: group(s, 'all wrong'),
    mean_models_right: s.n > 0 ? s.right.reduce((a, b) => a + b, 0) / s.n : null,
    ...withInterval('fleiss_kappa', s.fleiss.kappa, s.fleiss),
    left_out: s.leftOut.lackingAny + s.leftOut.repeatedOrUnlabelled,
  }));
  const patterns = result.slices.flatMap((s) =>
    s.groups.map((g) => ({
      ...where(s),
      group: g.group,
      model: g.model,
      n: s.n,
      examples: g.examples,
      share: s.n > 0 ? g.examples / s.n : null,
    })),
  );
  const pairs = result.slices.flatMap((s) =>
    s.pairs.map((p) => ({
      ...where(s),
      model_a: p.modelA,
      model_b: p.modelB,
      n: p.bothRight + p.onlyA + p.onlyB + p.neither,
      both_right: p.bothRight,
      a_right_b_wrong: p.onlyA,
      a_wrong_b_right: p.onlyB,
      neither: p.neither,
      ...withInterval('cohen_kappa', p.kappa, p.interval),
    })),
  );
  return { agreement, patterns, pairs };
}
