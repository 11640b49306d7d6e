import { Validator, type OutputUnit } from '@cfworker/json-schema';
import schema from '../../../docs/notebook.schema.json';
import { FORMAT_VERSION, type Notebook } from './notebook';

/** Upgrades from older format versions: MIGRATIONS[v] turns a version-v file into version v+1. */
export const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> =
  {
    /**
     * Version 2 records which files stack (`stacking`, none chosen in a version-1 file: files
     * stack as the planner finds them), and a dataset's `derived` columns, composite `id` and
     * `reshape` patterns (optional, so version-1 datasets are unchanged).
     */
    1: (old) => ({ ...old, stacking: [] }),
  };

const validator = new Validator(schema as object, '2020-12', false);

/** The `.slicebook.json` text of a notebook (docs/notebook-format.md). */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify({ format: 'slicebook', ...notebook }, null, 2)}\n`;
}

export type ParseResult = { notebook: Notebook } | { error: string };

/** Reads a notebook file: JSON, then the version (migrating older ones), then the schema. */
export function parseNotebook(text: string, migrations = MIGRATIONS): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      error: `This is not a Slicebook notebook: the file is not valid JSON (${(e as Error).message}).`,
    };
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    (value as { format?: unknown }).format !== 'slicebook'
  ) {
    return { error: 'This is not a Slicebook notebook: it lacks "format": "slicebook".' };
  }
  let doc = value as Record<string, unknown>;
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    return {
      error: `The notebook's version (${JSON.stringify(doc.version)}) is not a format version.`,
    };
  }
  const version: number = doc.version;
  if (version > FORMAT_VERSION) {
    return {
      error: `This notebook was saved by a newer Slicebook (format version ${version}); this one reads versions up to ${FORMAT_VERSION}. Update Slicebook to open it.`,
    };
  }
  const upgraded = upgradeDocument(doc, version, FORMAT_VERSION, migrations);
  if ('error' in upgraded) return upgraded;
  doc = upgraded.doc;
  const result = validator.validate(doc);
  if (!result.valid)
    return { error: `The notebook file is damaged: ${describeErrors(result.errors)}` };
  const { format: _format, ...notebook } = doc;
  return { notebook: notebook as unknown as Notebook };
}

/** A cell kind's alternative of the schema's `oneOf`, rejected because the cell's kind is another. */
const OTHER_KIND = /^(.*\/oneOf\/\d+)\/properties\/kind\/const$/;

/**
 * The errors of the cell kinds' alternatives that a cell's `kind` does not name are noise: a slice
 * cell with `replicates: 0` fails the slice alternative for its replicates, and every other for
 * its kind ("does not match \"markdown\""). Only the matching alternative's errors say what is wrong.
 */
function withoutOtherKinds(errors: OutputUnit[]): OutputUnit[] {
  const others = errors.flatMap((e) => OTHER_KIND.exec(e.keywordLocation)?.[1] ?? []);
  return errors.filter(
    (e) => !others.some((o) => e.keywordLocation === o || e.keywordLocation.startsWith(`${o}/`)),
  );
}

/** The deepest schema errors, in words: where in the file, and what is wrong. */
function describeErrors(all: OutputUnit[]): string {
  const errors = withoutOtherKinds(all);
  const deepest = errors.filter(
    (e) => !errors.some((o) => o !== e && o.instanceLocation.startsWith(`${e.instanceLocation}/`)),
  );
  const shown = (deepest.length > 0 ? deepest : errors).slice(0, 3);
  return shown
    .map((e) => `${e.instanceLocation.replace(/^#/, '') || 'the top level'}: ${e.error}`)
    .join('; ');
}

/** Applies MIGRATIONS[from], MIGRATIONS[from + 1], ... until the document is at version `to`. */
export function upgradeDocument(
  doc: Record<string, unknown>,
  from: number,
  to: number,
  migrations = MIGRATIONS,
): { doc: Record<string, unknown> } | { error: string } {
  let current = doc;
  for (let version = from; version < to; version++) {
    const migrate = migrations[version];
    if (!migrate) return { error: `No way to upgrade a notebook from format version ${version}.` };
    current = { ...migrate(current), version: version + 1 };
  }
  return { doc: current };
}
