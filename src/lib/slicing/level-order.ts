/** Words that say how strong something is, weakest first. */
const WORDS = [
  ['none', 'clean'],
  ['very low', 'very light', 'very mild', 'minimal'],
  ['low', 'light', 'mild', 'weak', 'small', 'easy'],
  ['medium', 'moderate', 'mid', 'average'],
  ['high', 'heavy', 'strong', 'large', 'hard'],
  ['very high', 'very heavy', 'very strong', 'severe'],
  ['extreme', 'max', 'maximum'],
];

/** A plain number (`0.03`, `-1`, `1e-3`), or null. */
export function plainNumber(value: string): number | null {
  const text = value.trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : null;
}

const DIGITS = /\d+(\.\d+)?/g;

/** The one number inside a text such as `c50` or `blur-3px`, or null (none, or several). */
function innerNumber(value: string): number | null {
  const found = value.match(DIGITS);
  return found?.length === 1 ? Number(found[0]) : null;
}

/** The text around a name's numbers: `c#` for c05 and c100, `resnet#` for resnet50. */
function skeleton(value: string): string {
  return value.replace(DIGITS, '#');
}

function wordRank(value: string): number | null {
  const text = value.trim().toLowerCase().replace(/[_-]+/g, ' ');
  const rank = WORDS.findIndex((group) => group.includes(text));
  return rank < 0 ? null : rank;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Text order with runs of digits compared as numbers (`a2` before `a10`); ties by code point. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface LevelOrder {
  /** The levels, each once, in order. */
  order: string[];
  /** What decided it: `text` means the names carry no order of their own. */
  by: 'numbers' | 'number in name' | 'words' | 'text';
  /** How the order was decided, in words for the page. */
  reason: string;
}

/**
 * The order a person expects of a feature's levels, read from the names alone: plain numbers
 * ascend (2, 10, 100, not 10, 100, 2); names that differ only by the one number each holds
 * ascend by it (c01, c05, c10, c15, c100); strength words follow their meaning (low, medium,
 * high); anything else is text with digit runs compared as numbers. Each rule applies only when
 * it holds for every level.
 */
export function naturalLevelOrder(levels: readonly string[]): LevelOrder {
  const unique = [...new Set(levels)];
  const byKey = (key: (l: string) => number) =>
    unique.sort((a, b) => key(a) - key(b) || compareNatural(a, b));
  const all = (key: (l: string) => number | null) =>
    unique.length > 0 && unique.every((l) => key(l) !== null);
  if (all(plainNumber)) {
    return { order: byKey((l) => plainNumber(l)!), by: 'numbers', reason: 'numbers, ascending' };
  }
  // Only names that differ by their number alone (c01 ... c100, not vit-b16 and resnet50).
  if (all(innerNumber) && new Set(unique.map(skeleton)).size === 1) {
    return {
      order: byKey((l) => innerNumber(l)!),
      by: 'number in name',
      reason: 'by the number in each name, ascending',
    };
  }
  if (all(wordRank)) {
    return {
      order: byKey((l) => wordRank(l)!),
      by: 'words',
      reason: 'by the meaning of the words (low … high)',
    };
  }
  return {
    order: unique.sort(compareNatural),
    by: 'text',
    reason: 'alphabetical, numbers inside names by value (the names carry no order)',
  };
}
