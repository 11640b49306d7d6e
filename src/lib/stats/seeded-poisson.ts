import { knuthPoisson } from './exact-poisson';
import { seededUniform } from './seeded-uniform';

/**
 * A seeded stream of Poisson draws, so a bootstrap that redraws counts gives the same intervals
 * on every run. Uniforms from seededUniform (mulberry32); means below 30 by
 * Knuth's product of uniforms (TAOCP vol. 2, §3.4.1), larger ones by the normal approximation
 * N(mean, mean) rounded (Box-Muller), whose error at 30 is far below a bootstrap's noise.
 */
export function seededPoisson(seed: number): (mean: number) => number {
  const uniform = seededUniform(seed);
  return (mean: number) => {
    if (!(mean > 0)) return 0;
    if (mean < 30) return knuthPoisson(uniform, mean);
    const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  };
}
