import { SERIES_COLOURS } from './chart-theme';

/** The order Vega gives a nominal domain (vega-util's `ascending`: by UTF-16 code units). */
const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each value's colour by its place among all of them (a dataset's models), sorted as Vega sorts a
 * nominal domain: with every value in a chart, the colours Vega would give; with some filtered
 * out, the others keep theirs.
 */
export function fixedColours(values: readonly string[]): Map<string, string> {
  const sorted = [...new Set(values)].sort(ascending);
  return new Map(sorted.map((v, i) => [v, SERIES_COLOURS[i % SERIES_COLOURS.length]]));
}

type Def = Record<string, unknown>;
const isObject = (v: unknown): v is Def => typeof v === 'object' && v !== null && !Array.isArray(v);
const CHANNELS = ['color', 'fill', 'stroke'] as const;

/**
 * The spec with every colour channel on `field` (color, fill or stroke, or the field of its
 * condition) given its scale: the domain is the values of `rows` that `colours` knows, in the
 * channel's own order (its `sort` list, else Vega's), the range their colours. The legend lists
 * what the chart shows, each value in the colour it has everywhere. A channel that sets its own
 * range or scheme is left alone, and so is a chart with none of the known values.
 */
export function withFixedColours<S extends object>(
  spec: S,
  rows: readonly Record<string, unknown>[],
  field: string,
  colours: ReadonlyMap<string, string>,
): S {
  const present = new Set<string>();
  for (const r of rows) {
    const v = r[field];
    if (v !== null && v !== undefined && colours.has(String(v))) present.add(String(v));
  }
  if (present.size === 0) return spec;
  const fix = (def: Def): Def => {
    const scale = isObject(def.scale) ? def.scale : {};
    if (def.field !== field || 'range' in scale || 'scheme' in scale) return def;
    const { sort, ...rest } = def;
    const domain = ordered([...present], sort);
    return { ...rest, scale: { ...scale, domain, range: domain.map((v) => colours.get(v)!) } };
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Def = {};
    for (const [key, value] of Object.entries(node))
      out[key] = key === 'encoding' && isObject(value) ? encoding(value) : walk(value);
    return out;
  };
  const encoding = (enc: Def): Def => {
    const out = { ...enc };
    for (const channel of CHANNELS) {
      const def = enc[channel];
      if (!isObject(def)) continue;
      const fixed = fix(def);
      out[channel] = isObject(def.condition) ? { ...fixed, condition: fix(def.condition) } : fixed;
    }
    return out;
  };
  return walk(spec) as S;
}

/** The values in a channel's sort order: a list's order first, else ascending (or descending). */
function ordered(values: string[], sort: unknown): string[] {
  const sorted = values.sort(ascending);
  if (sort === 'descending') return sorted.reverse();
  if (!Array.isArray(sort)) return sorted;
  const at = (v: string) => {
    const i = sort.findIndex((s) => String(s) === v);
    return i < 0 ? sort.length : i;
  };
  return sorted.sort((a, b) => at(a) - at(b));
}
