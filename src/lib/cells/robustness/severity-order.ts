/** Names of the unshifted level or condition: the clean point every curve starts from. */
const CLEAN =
  /^(clean|none|no[ _-]?(shift|corruption|noise)|original|orig|identity|baseline|in[ _-]?distribution)$/i;

/** Words that say how strong a shift is, mildest first. */
const WORDS = [
  ['none', 'clean'],
  ['very low', 'very light', 'very mild', 'minimal'],
  ['low', 'light', 'mild', 'weak', 'small', 'easy'],
  ['medium', 'moderate', 'mid', 'average'],
  ['high', 'heavy', 'strong', 'large', 'hard'],
  ['very high', 'very heavy', 'very strong', 'severe'],
  ['extreme', 'max', 'maximum'],
];

export function isCleanName(value: string): boolean {
  return CLEAN.test(value.trim());
}

/** A level that is no shift at all: a clean name, or the number 0. */
export function isCleanLevel(value: string): boolean {
  return isCleanName(value) || plainNumber(value) === 0;
}

/** A plain number (`0.03`, `-1`, `1e-3`), or null. */
function plainNumber(value: string): number | null {
  const text = value.trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : null;
}

/** The one number inside a text such as `c50` or `blur-3px`, or null (none, or several). */
function innerNumber(value: string): number | null {
  const found = value.match(/\d+(\.\d+)?/g);
  return found?.length === 1 ? Number(found[0]) : null;
}

function wordRank(value: string): number | null {
  const text = value.trim().toLowerCase().replace(/[_-]+/g, ' ');
  const rank = WORDS.findIndex((group) => group.includes(text));
  return rank < 0 ? null : rank;
}

export interface SeverityOrder {
  /** The levels, mildest first. */
  order: string[];
  /** How the order was decided, in words for the page. */
  reason: string;
}

/**
 * Orders severity levels mildest first. Plain numbers ascend (0, 0.03, 0.1: a larger epsilon or
 * ImageNet-C level is a stronger shift). Numbers inside text (`c100, c50, ..., c01`) carry no
 * direction by themselves: with `metricByLevel` (higher is better, e.g. mean accuracy) the
 * direction is the one along which the metric falls; without it they ascend. Words (low, medium,
 * high) follow their meaning; anything else follows the metric, else the alphabet. A clean level
 * (`clean`, `none`) always comes first; the number 0 comes first by ascending.
 */
export function inferSeverityOrder(
  levels: readonly string[],
  metricByLevel?: ReadonlyMap<string, number>,
): SeverityOrder {
  const unique = [...new Set(levels)];
  const clean = unique.filter((l) => isCleanName(l));
  const rest = unique.filter((l) => !isCleanName(l));
  const metric = (l: string) => metricByLevel?.get(l) ?? NaN;
  const fallsAlong = (sorted: string[]) => {
    const first = metric(sorted[0]);
    const last = metric(sorted[sorted.length - 1]);
    return !(Number.isFinite(first) && Number.isFinite(last)) || first >= last;
  };
  const byKey = (key: (l: string) => number) =>
    [...rest].sort((a, b) => key(a) - key(b) || a.localeCompare(b));

  let order: string[];
  let reason: string;
  if (rest.length > 0 && rest.every((l) => plainNumber(l) !== null)) {
    order = byKey((l) => plainNumber(l)!);
    reason = 'numbers, ascending';
  } else if (rest.length > 0 && rest.every((l) => innerNumber(l) !== null)) {
    const ascending = byKey((l) => innerNumber(l)!);
    if (fallsAlong(ascending)) {
      order = ascending;
      reason = 'by the number in each name, ascending';
    } else {
      order = ascending.reverse();
      reason = 'by the number in each name, descending (the metric falls that way)';
    }
  } else if (rest.length > 0 && rest.every((l) => wordRank(l) !== null)) {
    order = byKey((l) => wordRank(l)!);
    reason = 'by the meaning of the words (low … high)';
  } else if (metricByLevel && rest.every((l) => Number.isFinite(metric(l)))) {
    order = byKey((l) => -metric(l));
    reason = 'by the metric, best first (the names carry no order)';
  } else {
    order = byKey(() => 0);
    reason = 'alphabetical (the names carry no order): set the order by hand';
  }
  return {
    order: [...clean, ...order],
    reason: clean.length > 0 ? `${reason}; clean first` : reason,
  };
}

/**
 * The order to use: the user's stored order where it still names the levels present, with levels
 * it lacks appended in the inferred order. Null when nothing was stored.
 */
export function applyStoredOrder(
  stored: readonly string[],
  inferred: readonly string[],
): string[] | null {
  if (stored.length === 0) return null;
  const kept = stored.filter((l) => inferred.includes(l));
  return [...kept, ...inferred.filter((l) => !kept.includes(l))];
}
