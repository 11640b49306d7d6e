import { Z95, type Interval } from './wilson';

/**
 * Interval for the ratio of two independent proportions (s1/n1) / (s2/n2): the Katz log method
 * (Katz, Baptista, Azen & Pike 1978, Biometrics 34:469-474),
 *   exp(ln(ratio) +- z sqrt(1/s1 - 1/n1 + 1/s2 - 1/n2)).
 * With no events on a side the log is undefined; the adjusted log interval is then used: 0.5
 * added to each success count and to each n, (s + 0.5) / (n + 0.5), as described by Fagerland,
 * Lydersen & Laake (2015, Statistical Methods in Medical Research 24:224-254). This is not
 * Haldane's correction, which adds 0.5 to each of the four cells of the 2x2 table (n + 1).
 */
export function ratioInterval(s1: number, n1: number, s2: number, n2: number, z = Z95): Interval {
  if (!(n1 > 0 && n2 > 0)) return { low: NaN, high: NaN };
  const corrected = s1 === 0 || s2 === 0;
  const [x1, m1, x2, m2] = corrected ? [s1 + 0.5, n1 + 0.5, s2 + 0.5, n2 + 0.5] : [s1, n1, s2, n2];
  const log = Math.log(x1 / m1 / (x2 / m2));
  const se = Math.sqrt(1 / x1 - 1 / m1 + 1 / x2 - 1 / m2);
  return { low: Math.exp(log - z * se), high: Math.exp(log + z * se) };
}
