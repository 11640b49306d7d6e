/**
 * The operands of a condition's top-level ANDs (`a AND (b OR c) AND d` gives `a`, `(b OR c)`,
 * `d`), or null where the condition is not a plain conjunction: an OR, CASE or a string form this
 * scanner does not follow (`E'...'` escapes, `$$` quoting, comments) at the top level, or brackets
 * and quotes that do not close. `x BETWEEN 1 AND 2` stays one operand.
 */
export function splitConjuncts(condition: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let between = 0;
  let i = 0;
  while (i < condition.length) {
    const c = condition[i];
    if (c === "'" || c === '"') {
      const end = closingQuote(condition, i);
      if (end < 0) return null;
      i = end + 1;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return null;
      i++;
    } else if (c === '$' || condition.startsWith('--', i) || condition.startsWith('/*', i)) {
      return null;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(condition.slice(i))![0];
      if (/^e$/i.test(word) && condition[i + 1] === "'") return null;
      const upper = word.toUpperCase();
      if (depth === 0) {
        if (upper === 'OR' || upper === 'CASE') return null;
        if (upper === 'BETWEEN') between++;
        else if (upper === 'AND' && between > 0) between--;
        else if (upper === 'AND') {
          parts.push(condition.slice(start, i));
          start = i + word.length;
        }
      }
      i += word.length;
    } else i++;
  }
  if (depth !== 0) return null;
  parts.push(condition.slice(start));
  const trimmed = parts.map((p) => p.trim());
  return trimmed.some((p) => p === '') ? null : trimmed;
}

/** The index of the quote closing the one at `open` (a doubled quote is part of the text), or -1. */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i;
    } else i++;
  }
  return -1;
}
