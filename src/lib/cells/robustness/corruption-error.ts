/** A model's error on one shifted condition at one level (error = 1 − accuracy). */
export interface ErrorCell {
  model: string;
  condition: string;
  level: string;
  error: number;
}

export interface CorruptionError {
  model: string;
  /** CE_c per condition, as a fraction of the reference's (1 = as good as the reference). */
  byCondition: Record<string, number>;
  /** Relative CE_c per condition (clean error subtracted), NaN without clean errors. */
  relativeByCondition: Record<string, number>;
  mce: number;
  relativeMce: number;
}

/**
 * Corruption error against a reference model (Hendrycks & Dietterich, "Benchmarking Neural Network
 * Robustness to Common Corruptions and Perturbations", ICLR 2019, section 3):
 *   CE_c = Σ_s E(s,c) / Σ_s E_ref(s,c),            mCE = mean over c of CE_c,
 *   relative CE_c = Σ_s (E(s,c) − E_clean) / Σ_s (E_ref(s,c) − E_ref,clean), relative mCE likewise.
 * Sums run over the levels both models have on that condition; a condition where the reference's
 * denominator is 0 has no CE (NaN) and is left out of the mean.
 */
export function corruptionErrors(
  cells: readonly ErrorCell[],
  reference: string,
  cleanError: ReadonlyMap<string, number> = new Map(),
): CorruptionError[] {
  const key = (m: string, c: string, l: string) => JSON.stringify([m, c, l]);
  const error = new Map(cells.map((x) => [key(x.model, x.condition, x.level), x.error]));
  const models = [...new Set(cells.map((x) => x.model))];
  const conditions = [...new Set(cells.map((x) => x.condition))];
  const levelsOf = (c: string) => [
    ...new Set(cells.filter((x) => x.condition === c).map((x) => x.level)),
  ];
  const finiteMean = (values: number[]) => {
    const ok = values.filter(Number.isFinite);
    return ok.length === 0 ? NaN : ok.reduce((s, v) => s + v, 0) / ok.length;
  };
  return models.map((model) => {
    const byCondition: Record<string, number> = {};
    const relativeByCondition: Record<string, number> = {};
    const clean = cleanError.get(model) ?? NaN;
    const refClean = cleanError.get(reference) ?? NaN;
    for (const c of conditions) {
      let [own, ref, ownRel, refRel] = [0, 0, 0, 0];
      let shared = 0;
      for (const l of levelsOf(c)) {
        const e = error.get(key(model, c, l));
        const r = error.get(key(reference, c, l));
        if (e === undefined || r === undefined) continue;
        shared++;
        own += e;
        ref += r;
        ownRel += e - clean;
        refRel += r - refClean;
      }
      byCondition[c] = shared > 0 && ref !== 0 ? own / ref : NaN;
      relativeByCondition[c] = shared > 0 && refRel !== 0 ? ownRel / refRel : NaN;
    }
    return {
      model,
      byCondition,
      relativeByCondition,
      mce: finiteMean(Object.values(byCondition)),
      relativeMce: finiteMean(Object.values(relativeByCondition)),
    };
  });
}
