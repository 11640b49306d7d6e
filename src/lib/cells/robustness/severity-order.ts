import { compareNatural, naturalLevelOrder, plainNumber } from '../../slicing/level-order';

/** Names of the unshifted level or condition: the clean point every curve starts from. */
const CLEAN =
  /^(clean|none|no[ _-]?(shift|corruption|noise)|original|orig|identity|baseline|in[ _-]?distribution)$/i;

export function isCleanName(value: string): boolean {
  return CLEAN.test(value.trim());
}

/** A level that is no shift at all: a clean name, or the number 0. */
export function isCleanLevel(value: string): boolean {
  return isCleanName(value) || plainNumber(value) === 0;
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
  const natural = naturalLevelOrder(rest);

  let order = natural.order;
  let reason = natural.reason;
  if (natural.by === 'number in name' && !fallsAlong(order)) {
    order = [...order].reverse();
    reason = 'by the number in each name, descending (the metric falls that way)';
  } else if (
    natural.by === 'text' &&
    metricByLevel &&
    rest.every((l) => Number.isFinite(metric(l)))
  ) {
    order = [...rest].sort((a, b) => metric(b) - metric(a) || compareNatural(a, b));
    reason = 'by the metric, best first (the names carry no order)';
  } else if (natural.by === 'text') {
    reason = `${reason}: set the order by hand`;
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
