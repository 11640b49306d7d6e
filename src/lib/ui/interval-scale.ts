/** The axis of a column of interval bars: the intervals' span, padded; rates stay inside [0, 1]. */
export interface Scale {
  lo: number;
  hi: number;
}

export function intervalScale(points: readonly number[], rate: boolean, padding = 0.05): Scale {
  const finite = points.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = Math.max((hi - lo) * padding, 1e-9);
  return rate
    ? { lo: Math.max(0, lo - pad), hi: Math.min(1, hi + pad) }
    : { lo: lo - pad, hi: hi + pad };
}
