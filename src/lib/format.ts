/** Number formatting for the page: fixed, readable, with units where they apply. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
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

export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
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
