import type { MixShare } from '../../notebook/target-mix';
import { plural } from '../../format';

/**
 * Typed or pasted shares, one slice a line: its values (one per feature) and its share, separated
 * by commas, tabs, semicolons or bars, e.g. `night, 0.45`, `night<TAB>rain<TAB>12%` or a count
 * (`night, 4500`): shares are normalised when they are used. A value holding a separator is
 * quoted ("a, b"). A first line whose last field is not a number is a header and is skipped.
 */
export function parseShares(text: string, features: number): MixShare[] | { error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, fields: splitFields(line) }))
    .filter((l) => l.fields.some((f) => f !== ''));
  if (lines.length > 0 && shareOf(lines[0].fields.at(-1) ?? '') === null) lines.shift();
  const shares: MixShare[] = [];
  for (const { line, fields } of lines) {
    const shareText = fields.at(-1) ?? '';
    const values = fields.slice(0, -1);
    if (values.length !== features)
      return {
        error: `Line ${line} ("${fields.join(', ')}") has ${values.length} ${plural(values.length, 'value')} before its share; the mix is over ${features} ${plural(features, 'feature')}.`,
      };
    const share = shareOf(shareText);
    if (share === null)
      return {
        error: `Line ${line}: "${shareText}" is not a share (a number, a percentage or a count).`,
      };
    shares.push({ values, share });
  }
  return shares;
}

/** Shares as parseShares reads them, one slice a line. */
export function formatShares(shares: readonly MixShare[]): string {
  const field = (v: string) =>
    /[,\t;|"]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
  return shares.map((s) => [...s.values.map(field), String(s.share)].join(', ')).join('\n');
}

/** Checked shares, normalised to sum to 1, with what was done to them in words. */
export interface CheckedShares {
  shares: MixShare[];
  /** Set when the shares did not sum to 1 and were divided by their sum. */
  normalised?: string;
}

/**
 * The shares of a mix checked for use: each names one value per feature and no slice twice, none
 * is negative or not a number, and they sum to more than 0. Shares that do not sum to 1 are
 * normalised, and the note says so.
 */
export function checkShares(
  shares: readonly MixShare[],
  features: number,
): CheckedShares | { error: string } {
  if (shares.length === 0)
    return {
      error: 'The mix has no shares yet: type one slice a line, its values then its share.',
    };
  const seen = new Set<string>();
  for (const s of shares) {
    const name = s.values.join(' · ');
    if (s.values.length !== features)
      return {
        error: `The share of "${name}" names ${s.values.length} values; the mix is over ${features} ${plural(features, 'feature')}.`,
      };
    if (!Number.isFinite(s.share)) return { error: `The share of "${name}" is not a number.` };
    if (s.share < 0)
      return { error: `The share of "${name}" is negative (${s.share}): shares are 0 or more.` };
    const key = JSON.stringify(s.values);
    if (seen.has(key)) return { error: `"${name}" is given a share twice.` };
    seen.add(key);
  }
  const total = shares.reduce((sum, s) => sum + s.share, 0);
  if (!(total > 0)) return { error: 'The shares sum to 0: give at least one slice a share.' };
  const normalisedShares = shares.map((s) => ({ values: [...s.values], share: s.share / total }));
  if (Math.abs(total - 1) <= 1e-9) return { shares: normalisedShares };
  return {
    shares: normalisedShares,
    normalised: `The typed shares sum to ${Number(total.toPrecision(6))}, not 1: each was divided by ${Number(total.toPrecision(6))}.`,
  };
}

/** A share as typed: a number, or a percentage (`35%` is 0.35); null when it is neither. */
function shareOf(text: string): number | null {
  const t = text.trim();
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trim() : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(body)) return null;
  const value = Number(body);
  return percent ? value / 100 : value;
}

/** A line's fields: split at , tab ; or |, double quotes around a field that holds one. */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (/[,\t;|]/.test(c)) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}
