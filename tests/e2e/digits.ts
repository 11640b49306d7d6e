/**
 * Decimals a value is worth given its 95% interval, written here apart from the app (format.ts
 * decimalsFor): the half-width's three leading digits, rounded; 100 to 354 keep two significant
 * digits, else one (the Particle Data Group's rule); the value stops at the same decimal. Without
 * a usable interval (missing, infinite, zero-width), three significant digits of the value.
 */
export function decimalsWorth(value: number, low: number, high: number): number {
  const half = (high - low) / 2;
  if (!(half > 0) || !Number.isFinite(half)) {
    if (value === 0 || !Number.isFinite(value)) return 3;
    return Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  }
  let exponent = Math.floor(Math.log10(half));
  let leading = Math.round(half / 10 ** (exponent - 2));
  if (leading >= 1000) [leading, exponent] = [100, exponent + 1];
  if (leading < 100) [leading, exponent] = [Math.round(leading * 10), exponent - 1];
  return Math.max(0, leading <= 354 ? 1 - exponent : -exponent);
}
