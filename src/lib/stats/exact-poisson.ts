import { logGamma } from './log-gamma';

/**
 * Poisson draws of any mean from a stream of uniforms in [0, 1), exact in distribution (no normal
 * approximation, unlike seededPoisson): below a mean of 10 by Knuth's product of uniforms (TAOCP
 * vol. 2, §3.4.1), from 10 up by Hörmann's transformed rejection with squeeze, PTRS (1993, "The
 * transformed rejection method for generating Poisson random variables", Insurance: Mathematics
 * and Economics 12:39-45), as numpy draws them. A pattern bootstrap draws counts of up to
 * millions, where the product of uniforms would take as many steps.
 */
export function exactPoisson(uniform: () => number): (mean: number) => number {
  return (mean: number) => {
    if (!(mean > 0)) return 0;
    if (mean < 10) return knuthPoisson(uniform, mean);
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = uniform() - 0.5;
      const v = uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const accept = -mean + k * logMean - logGamma(k + 1);
      if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= accept) return k;
    }
  };
}

/** A Poisson draw by Knuth's product of uniforms: exact, in about mean + 1 uniforms. */
export function knuthPoisson(uniform: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = uniform();
  while (product > limit) {
    k++;
    product *= uniform();
  }
  return k;
}
