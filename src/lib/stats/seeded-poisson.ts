/**
 * A seeded stream of Poisson draws, so a bootstrap that redraws counts gives the same intervals
 * on every run. Uniforms from mulberry32 (Tommy Ettinger's 32-bit generator); means below 30 by
 * Knuth's product of uniforms (TAOCP vol. 2, §3.4.1), larger ones by the normal approximation
 * N(mean, mean) rounded (Box-Muller), whose error at 30 is far below a bootstrap's noise.
 */
export function seededPoisson(seed: number): (mean: number) => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (mean: number) => {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let product = uniform();
      while (product > limit) {
        k++;
        product *= uniform();
      }
      return k;
    }
    const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  };
}
