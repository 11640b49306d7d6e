/**
 * The standard normal distribution. CDF: Hart's double-precision algorithm 5666 (as given by West
 * 2005, "Better approximations to cumulative normal functions") below |x| = 3, Laplace's continued
 * fraction beyond, relative error about 1e-14. Quantile: Wichura's AS241 PPND16 (Applied
 * Statistics 37:477-484, 1988), relative error about 1e-16.
 */

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  const e = Math.exp((-a * a) / 2);
  let tail: number;
  if (a < 3) {
    const num = horner(
      a,
      [
        3.52624965998911e-2, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871,
        221.213596169931, 220.206867912376,
      ],
    );
    const den = horner(
      a,
      [
        8.83883476483184e-2, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674,
        637.333633378831, 793.826512519948, 440.413735824752,
      ],
    );
    tail = (e * num) / den;
  } else {
    // Laplace's continued fraction for the Mills ratio, Q(a) = phi(a) / (a + 1/(a + 2/(a + ...))):
    // Hart's rational function loses relative accuracy in the far tail, where small p-values live.
    let fraction = a;
    for (let k = 100; k >= 1; k--) fraction = a + k / fraction;
    tail = e / fraction / Math.sqrt(2 * Math.PI);
  }
  return x > 0 ? 1 - tail : tail;
}

/** The p-quantile of the standard normal (AS241); -Infinity at 0, Infinity at 1, NaN outside. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(r, A)) / horner(r, B);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = horner(r, C) / horner(r, D);
  } else {
    r -= 5;
    x = horner(r, E) / horner(r, F);
  }
  return q < 0 ? -x : x;
}

/** Evaluates a polynomial with coefficients from the highest power down. */
function horner(x: number, coefficients: readonly number[]): number {
  let sum = 0;
  for (const c of coefficients) sum = sum * x + c;
  return sum;
}

// AS241 coefficients, highest power first.
const A = [
  2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457,
  13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608,
];
const B = [
  5226.495278852854561, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867,
  5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1,
];
const C = [
  7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177,
  1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959,
  1.42343711074968357734,
];
const D = [
  1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966,
  0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1,
];
const E = [
  2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386,
  0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699,
  6.6579046435011037772,
];
const F = [
  2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5,
  7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769,
  1,
];
