import type { ColumnProfile, TableProfile } from '../ingest/profile';
import type { Role, RoleHint } from '../ingest/roles';
import { ident, literal } from '../sql/quote';

/**
 * A table with one row per model (or subgroup) and one column per evaluation set or metric, read
 * by patterns over its column names: `<set>.<condition>.<severity>_<variant>` reads
 * `imagenet-c.fog.3_a` as set imagenet-c, condition fog, severity 3, variant a;
 * `<metric>@<version>` reads `accuracy@v2`. Fields are `<name>`; the text between them is literal.
 */
export interface NamePattern {
  text: string;
  fields: string[];
  regex: RegExp;
}

/** Field names with a role: the rest are features to slice on; `metric` names value columns. */
const FIELD_ROLES: Record<string, Role> = {
  model: 'model',
  condition: 'condition',
  shift: 'condition',
  corruption: 'condition',
  severity: 'severity',
  level: 'severity',
};

/** A level is a number, possibly after one letter (`3`, `s3`, `c05`); other fields any text. */
const FIELD_TEXT: Record<string, string> = {
  severity: '[A-Za-z]?\\d+(?:\\.\\d+)?',
  level: '[A-Za-z]?\\d+(?:\\.\\d+)?',
};

/** Reads a pattern, or says what is wrong with it. */
export function parsePattern(text: string): NamePattern | { error: string } {
  const parts = text.trim().split(/(<[^<>]*>)/);
  const fields: string[] = [];
  let regex = '';
  for (const [i, part] of parts.entries()) {
    const field = /^<([A-Za-z_][A-Za-z0-9_]*)>$/.exec(part)?.[1];
    if (part.startsWith('<') && !field)
      return { error: `"${part}" in ${text.trim()} is not a field: write <name>, letters first.` };
    if (field) {
      if (fields.includes(field))
        return { error: `The pattern ${text.trim()} names <${field}> twice.` };
      if (i > 1 && parts[i - 1] === '')
        return {
          error: `The pattern ${text.trim()} has two fields with nothing between them: put the text that separates them.`,
        };
      fields.push(field);
      regex += `(${FIELD_TEXT[field.toLowerCase()] ?? '.+?'})`;
    } else regex += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  if (fields.length === 0)
    return { error: `The pattern ${text.trim()} has no field: name the parts as <condition>.` };
  return {
    text: text.trim(),
    fields: fields.map((f) => f.toLowerCase()),
    regex: new RegExp(`^${regex}$`),
  };
}

/** How a wide table is read: which columns each pattern matched, and what their names hold. */
export interface Reshape {
  patterns: string[];
  /** The columns kept on every row (the row's name: model or subgroup). */
  keep: string[];
  /** Value columns and the fields their names hold; an unmatched one is a condition of its own. */
  columns: { column: string; fields: Record<string, string> }[];
  /** Every field, in the patterns' order (`condition` added for columns no pattern matched). */
  fields: string[];
  /** Value columns no pattern matched (each a condition named after it). */
  unmatched: string[];
  /** Patterns that matched no column, said so rather than ignored. */
  unused: string[];
}

const isNumeric = (c: ColumnProfile) => c.kind === 'integer' || c.kind === 'number';

/**
 * Reads the table's numeric columns with the patterns, first match wins; the other columns are
 * kept on every row. Refuses patterns that do not parse, or that match no column at all.
 */
export function planReshape(
  profile: TableProfile,
  patterns: readonly string[],
): Reshape | { error: string } {
  const parsed: NamePattern[] = [];
  for (const text of patterns.filter((p) => p.trim() !== '')) {
    const pattern = parsePattern(text);
    if ('error' in pattern) return pattern;
    parsed.push(pattern);
  }
  if (parsed.length === 0) return { error: 'Write a pattern such as <condition>.<severity>.' };
  const values = profile.columns.filter(isNumeric);
  const keep = profile.columns.filter((c) => !isNumeric(c)).map((c) => c.name);
  const used = new Set<number>();
  const columns: Reshape['columns'] = [];
  const unmatched: string[] = [];
  for (const c of values) {
    const at = parsed.findIndex((p) => p.regex.test(c.name));
    if (at < 0) {
      unmatched.push(c.name);
      columns.push({ column: c.name, fields: { condition: c.name } });
      continue;
    }
    used.add(at);
    const match = parsed[at].regex.exec(c.name)!;
    columns.push({
      column: c.name,
      fields: Object.fromEntries(parsed[at].fields.map((f, i) => [f, match[i + 1]])),
    });
  }
  const clash = parsed
    .flatMap((p) => p.fields)
    .find((f) => keep.some((k) => k.toLowerCase() === f) || f === 'value');
  if (clash)
    return {
      error: `The field <${clash}> has the name of a column the rows keep: call it otherwise.`,
    };
  if (used.size === 0)
    return {
      error: `No column name matches ${parsed.map((p) => p.text).join(' or ')} (the columns are ${values
        .slice(0, 5)
        .map((c) => c.name)
        .join(', ')}${values.length > 5 ? ', ...' : ''}).`,
    };
  const fields = [
    ...new Set([...parsed.flatMap((p) => p.fields), ...(unmatched.length ? ['condition'] : [])]),
  ];
  return {
    patterns: parsed.map((p) => p.text),
    keep,
    columns,
    fields,
    unmatched,
    unused: parsed.filter((_, i) => !used.has(i)).map((p) => p.text),
  };
}

const CANDIDATES = [
  '<metric>@<version>',
  '<set>.<condition>.<severity>_<variant>',
  '<condition>.<severity>_<variant>',
  '<set>.<condition>.<severity>',
  '<condition>.<severity>',
  '<condition>_<severity>',
  '<condition>-<variant>',
];

/**
 * The patterns that would read a table as one row per model (or subgroup) and a column per
 * evaluation set or metric, or null when it does not look like one: few rows, a first column of
 * text naming each row once, and at least three numeric columns, most of which some pattern
 * reads. They are suggested, not applied: the wide table is what a cell setting two metrics
 * across models reads.
 */
export function detectWide(profile: TableProfile): string[] | null {
  const [first, ...rest] = profile.columns;
  const values = rest.filter(isNumeric);
  if (!first || first.kind !== 'text' || first.distinct !== profile.rows || profile.rows > 5000)
    return null;
  if (values.length < 3 || values.length < rest.length * 0.8) return null;
  const chosen: string[] = [];
  const claimed = new Set<string>();
  for (const text of CANDIDATES) {
    const pattern = parsePattern(text) as NamePattern;
    const fresh = values.filter((c) => !claimed.has(c.name) && pattern.regex.test(c.name));
    if (fresh.length < 2) continue;
    chosen.push(text);
    for (const c of fresh) claimed.add(c.name);
  }
  return claimed.size >= values.length / 2 ? chosen : null;
}

/**
 * The long table: a row per kept row x value column (x metric columns pivoted back when the
 * patterns have a `<metric>`), with a column per field and the value. Numbers in a severity field
 * stay numbers.
 */
export function reshapeSelect(source: string, r: Reshape): string {
  const metric = r.fields.includes('metric');
  const fields = r.fields.filter((f) => f !== 'metric');
  const numericField = (f: string) =>
    r.columns.every((c) => c.fields[f] === undefined || /^-?\d+(\.\d+)?$/.test(c.fields[f]));
  const value = (c: (typeof r.columns)[number], f: string) =>
    c.fields[f] === undefined
      ? 'NULL'
      : numericField(f) && FIELD_ROLES[f] === 'severity'
        ? literal(Number(c.fields[f]))
        : literal(c.fields[f]);
  const mapping = r.columns
    .map((c) => `(${[literal(c.column), ...r.fields.map((f) => value(c, f))].join(', ')})`)
    .join(', ');
  const keep = r.keep.map((k) => `u.${ident(k)}`);
  const casts = r.columns.map(
    (c) => `TRY_CAST(${ident(c.column)} AS DOUBLE) AS ${ident(c.column)}`,
  );
  const long = [
    `SELECT ${[...keep, ...r.fields.map((f) => `m.${ident(f)}`)].join(', ')}, u.__value AS value`,
    `FROM (UNPIVOT (SELECT ${[...r.keep.map(ident), ...casts].join(', ')} FROM (${source})) ON ${r.columns.map((c) => ident(c.column)).join(', ')} INTO NAME __key VALUE __value) AS u`,
    `JOIN (VALUES ${mapping}) AS m(__key, ${r.fields.map(ident).join(', ')}) ON u.__key = m.__key`,
  ].join('\n');
  if (!metric) return long;
  const metrics = [
    ...new Set(r.columns.map((c) => c.fields.metric).filter((m) => m !== undefined)),
  ];
  const groups = [...r.keep, ...fields].map(ident);
  const pivoted = metrics.map(
    (m) => `max(value) FILTER (WHERE metric = ${literal(m)}) AS ${ident(m)}`,
  );
  return `SELECT ${[...groups, ...pivoted].join(', ')}\nFROM (${long})\nGROUP BY ${groups.join(', ')}`;
}

/** The roles the fields and the kept columns play, with the pattern as the reason. */
export function reshapeRoles(r: Reshape, profile: TableProfile): Record<string, RoleHint> {
  const why = `from the column names, by ${r.patterns.join(' and ')}`;
  const hints: Record<string, RoleHint> = {};
  for (const f of r.fields.filter((f) => f !== 'metric'))
    hints[f] = { role: FIELD_ROLES[f] ?? 'group', reason: `<${f}> ${why}` };
  const rowName = profile.columns[0]?.name;
  if (
    rowName &&
    !r.fields.includes('model') &&
    /model|system|network|checkpoint|name/i.test(rowName)
  )
    hints[rowName] = { role: 'model', reason: 'each row of the wide table was one model' };
  const metrics = [
    ...new Set(r.columns.map((c) => c.fields.metric).filter((m) => m !== undefined)),
  ];
  if (metrics.length > 0)
    hints[metrics[0]] = { role: 'outcome', reason: `the first <metric> ${why}` };
  else hints.value = { role: 'outcome', reason: `each value of the wide table, read ${why}` };
  return hints;
}
