import { normalCdf, normalQuantile } from './normal';

/** The axes a metric is drawn and fitted on: as it is, or a rate through the logit or probit. */
export type AxisScale = 'linear' | 'logit' | 'probit';

/** Rates are kept this far from 0 and 1 on the logit and probit axes, where they are infinite. */
const EDGE = 1e-4;
const clamp = (p: number) => Math.min(1 - EDGE, Math.max(EDGE, p));

/** Each scale's transformation of a value and its inverse. */
export const AXIS_SCALES: Record<
  AxisScale,
  { forward: (p: number) => number; inverse: (x: number) => number }
> = {
  linear: { forward: (v) => v, inverse: (x) => x },
  logit: {
    forward: (p) => Math.log(clamp(p) / (1 - clamp(p))),
    inverse: (x) => 1 / (1 + Math.exp(-x)),
  },
  probit: { forward: (p) => normalQuantile(clamp(p)), inverse: normalCdf },
};
