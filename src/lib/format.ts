/** Number formatting for the page: fixed, readable, with units where they apply. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

/** A count and its noun, plural when it is not one: `1 example`, `1,204 examples`. */
export function formatCountOf(n: number, noun: string): string {
  return `${formatCount(n)} ${plural(n, noun)}`;
}

/** The noun as said of `n` things, without the count: `file` for 1, `files` for 0 or 2. */
export function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A metric value: rates as percentages with one decimal, other values with 3 significant digits. */
export function formatMetric(value: number, asRate: boolean): string {
  if (!Number.isFinite(value)) return '–';
  if (asRate) return `${(value * 100).toFixed(1)}%`;
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(3);
}

/**
 * A value of a result or preview table. `sqlType`, DuckDB's type of its column, says how to read
 * what Arrow hands over: a DATE or TIMESTAMP comes as milliseconds since 1970 (or a Date).
 */
export function formatCell(value: unknown, sqlType = ''): string {
  if (value === null || value === undefined) return '∅';
  const time = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : NaN;
  if (Number.isFinite(time) && /^(DATE|TIMESTAMP)\b/.test(sqlType))
    return formatTime(time, sqlType);
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A DATE as `2013-08-14`; a TIMESTAMP as `2013-08-14 10:11:12` (UTC, `Z` when it has a zone). */
function formatTime(ms: number, sqlType: string): string {
  const iso = new Date(ms).toISOString();
  if (sqlType === 'DATE') return iso.slice(0, 10);
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23).replace(/\.000$/, '')}`;
  return sqlType.includes('TIME ZONE') ? `${text}Z` : text;
}

/**
 * A class key (metrics-sql.ts classKey) as the label's values read: numbers are keyed as DOUBLE
 * text, so a 0/1 integer label's classes are `0.0` and `1.0`; they show as `0` and `1`.
 */
export function formatClass(key: string): string {
  return /^-?\d+\.0$/.test(key) ? key.slice(0, -2) : key;
}

/** A p- or q-value: three decimals, `<0.001` below that. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** A difference with its sign: rates in percentage points (`+2.5 pts`), others to 3 digits. */
export function formatDifference(value: number, asRate: boolean): string {
  if (!Number.isFinite(value)) return '–';
  return `${value > 0 ? '+' : ''}${formatGap(value, asRate)}`;
}

/** A gap or drop without a sign: rates in percentage points, others to 3 digits. */
export function formatGap(value: number, asRate: boolean): string {
  if (!Number.isFinite(value)) return '–';
  return asRate ? `${(value * 100).toFixed(1)} pts` : value.toPrecision(3);
}

/** A ratio (1 is parity): three decimals. */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '–';
}

/**
 * How many decimals a value deserves given its 95% interval, by the Particle Data Group's rounding
 * rule (Review of Particle Physics, Introduction, 5.3): the half-width keeps two significant digits
 * when its first three read 100 to 354, else one, and the value stops at the same decimal. So
 * 0.8104 with ±0.0077 shows as 0.810, 1.16 with ±0.15 as 1.16, and two values a hair apart show
 * alike. `extra` asks for more. A missing or zero-width interval gives 3 significant digits of
 * `value` (3 decimals without one). At most 8.
 */
export function decimalsFor(low: number, high: number, extra = 0, value = NaN): number {
  const half = (high - low) / 2;
  let base: number;
  if (Number.isFinite(half) && half > 0) {
    // Its three leading digits as text, so 0.0001 a float's hair below does not read 9.99e-5.
    const [leading, exponent] = half.toExponential(2).split('e').map(Number);
    base = -exponent + (leading < 3.55 ? 1 : 0);
  } else if (Number.isFinite(value) && value !== 0) {
    base = 2 - Math.floor(Math.log10(Math.abs(value)));
  } else base = 3;
  return Math.min(8, Math.max(0, base) + extra);
}

type Bounds = { low: number; high: number } | null | undefined;

/** How an estimate reads: a value, a difference with its sign, a gap or drop (rates in points). */
export type EstimateForm = 'value' | 'signed' | 'gap';

/** An estimate to the digits of its interval, in its form (see the three formatters below). */
export function formatEstimate(
  value: number,
  interval: Bounds,
  asRate: boolean,
  form: EstimateForm,
  extra = 0,
): string {
  const format =
    form === 'signed'
      ? formatSignedToInterval
      : form === 'gap'
        ? formatGapToInterval
        : formatToInterval;
  return format(value, interval, asRate, extra);
}

/** An interval's open end as a bound: `∞`, `−∞`; anything else not finite as `–`. */
export function formatInfinity(v: number): string {
  return v === Infinity ? '∞' : v === -Infinity ? '−∞' : '–';
}

/** A value with the decimals its interval supports (rates in percent): see decimalsFor. */
export function formatToInterval(
  value: number,
  interval: Bounds,
  asRate: boolean,
  extra = 0,
): string {
  if (!Number.isFinite(value)) return '–';
  const scale = asRate ? 100 : 1;
  const digits = decimalsFor(
    (interval?.low ?? NaN) * scale,
    (interval?.high ?? NaN) * scale,
    extra,
    value * scale,
  );
  return `${(value * scale).toFixed(digits)}${asRate ? '%' : ''}`;
}

/**
 * A difference to the digits of its interval, with its sign (− for below zero, ± for zero): rates
 * in percentage points (`+2.5 pts`), other values as they are.
 */
export function formatSignedToInterval(
  value: number,
  interval: Bounds,
  asRate: boolean,
  extra = 0,
): string {
  if (!Number.isFinite(value)) return '–';
  const text = formatToInterval(Math.abs(value), interval, asRate, extra).replace('%', '');
  const sign = Number(text) === 0 ? '±' : value > 0 ? '+' : '−';
  return `${sign}${text}${asRate ? ' pts' : ''}`;
}

/** A gap or drop to the digits of its interval: rates in percentage points, no `+`. */
export function formatGapToInterval(
  value: number,
  interval: Bounds,
  asRate: boolean,
  extra = 0,
): string {
  const text = formatToInterval(value, interval, asRate, extra).replace('-', '−');
  return asRate && Number.isFinite(value) ? text.replace('%', ' pts') : text;
}

/**
 * The full value and interval, for a cell's tooltip: what the page rounds, to 12 significant
 * digits (past them a rate in percent shows float noise: 0.7365 * 100 = 73.65000000000001).
 */
export function fullEstimate(
  value: number,
  interval: Bounds,
  asRate: boolean,
  form: EstimateForm = 'value',
): string {
  const unit = asRate ? (form === 'value' ? '%' : ' pts') : '';
  const sign = (v: number) => (form === 'signed' && v > 0 ? '+' : '');
  const full = (v: number) =>
    Number.isFinite(v)
      ? `${sign(v)}${+(asRate ? v * 100 : v).toPrecision(12)}${unit}`
      : formatInfinity(v);
  const finite = interval && (Number.isFinite(interval.low) || Number.isFinite(interval.high));
  return finite
    ? `${full(value)} (95% interval ${full(interval.low)} to ${full(interval.high)})`
    : full(value);
}
