import {
  Bool,
  DataType,
  Float64,
  Int32,
  Table,
  Utf8,
  makeBuilder,
  type Vector,
} from 'apache-arrow';
import { plural } from '../format';

type Scalar = string | number | boolean | null;
export type FlatRecord = Record<string, Scalar>;

const MAX_DEPTH = 6;

/**
 * Flattens nested objects into dotted column names (`response.tokens.prompt`); arrays and anything
 * deeper than MAX_DEPTH are kept as JSON text so nothing is lost.
 */
export function flattenRecord(
  value: Record<string, unknown>,
  prefix = '',
  out: FlatRecord = {},
  depth = 0,
): FlatRecord {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) {
      flattenRecord(v as Record<string, unknown>, name, out, depth + 1);
    } else if (v === null || v === undefined) out[name] = null;
    else if (typeof v === 'object') out[name] = nestedText(v);
    else out[name] = v as Scalar;
  }
  return out;
}

/** JSON text of a value kept whole; a value nested deeper than the stack allows is refused. */
function nestedText(value: object): string {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new Error(
      'a value is nested too deeply to keep (thousands of levels). Flatten it before loading.',
    );
  }
}

/** Parses JSON Lines; the error names the line. */
export function parseJsonLines(text: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${i + 1} is not valid JSON (${(e as Error).message}).`);
    }
    if (!isObject(value)) throw new Error(`line ${i + 1} is not a JSON object.`);
    records.push(value);
  }
  return records;
}

/**
 * Parses a JSON document holding the rows: an array of objects, an object with one array of objects
 * in it (`{"data": [...]}`), or a single object (one row).
 */
export function parseJsonDocument(text: string): Record<string, unknown>[] {
  return readJsonDocument(text).records;
}

/**
 * parseJsonDocument, and what it did with an object, for the dataset's notes: which key's array
 * it read as the rows and which keys it ignored, or why the object became one row.
 */
export function readJsonDocument(text: string): {
  records: Record<string, unknown>[];
  note: string | null;
} {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message}).`);
  }
  let note: string | null = null;
  if (isObject(value)) {
    const object = value;
    const keys = Object.keys(object);
    const arrays = keys.filter((k) => {
      const v = object[k];
      return Array.isArray(v) && v.length > 0 && v.every(isObject);
    });
    const rows = arrays.length === 1 ? (object[arrays[0]] as unknown[]) : [object];
    note = objectNote(keys, arrays, rows.length);
    value = rows;
  }
  if (!Array.isArray(value)) throw new Error('JSON must be an array of objects, one per row.');
  const bad = value.findIndex((v) => !isObject(v));
  if (bad >= 0)
    throw new Error(`item ${bad + 1} of the array is not an object; expected one object per row.`);
  return { records: value as Record<string, unknown>[], note };
}

function objectNote(keys: string[], arrays: string[], rows: number): string | null {
  const quoted = (names: string[]) => {
    const shown = names.slice(0, 8).map((k) => JSON.stringify(k));
    return `${shown.join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''}`;
  };
  if (arrays.length === 1) {
    const others = keys.filter((k) => k !== arrays[0]);
    const read = `The file is a JSON object: its rows were read from the array under ${JSON.stringify(arrays[0])} (${rows} ${plural(rows, 'row')})`;
    return others.length > 0
      ? `${read}; its other ${plural(others.length, 'key')} ${quoted(others)} ${others.length === 1 ? 'was' : 'were'} ignored.`
      : `${read}, its only key.`;
  }
  if (arrays.length > 1)
    return `The file is a JSON object with ${arrays.length} arrays of rows (${quoted(arrays)}), so it was read as one row, each array kept as JSON text: save the rows you want as a file of their own.`;
  return null;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Builds an Arrow table from flat records, one column per key seen in any record. */
export function recordsToArrow(records: FlatRecord[]): Table {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  const names = [...seen];
  if (names.length === 0) throw new Error('the rows have no fields.');
  const columns: Record<string, Vector> = {};
  for (const name of names) {
    const values = records.map((r) => r[name] ?? null);
    const type = columnType(values);
    const cast = DataType.isUtf8(type)
      ? values.map((v) => (v === null ? null : String(v)))
      : values;
    columns[name] = vectorOf(cast, type);
  }
  return new Table(columns);
}

/**
 * A vector of `values`, null where they are null. apache-arrow's vectorFromArray compiles its null
 * check with `new Function`, which the decoder's worker may not run: it starts from a blob: URL
 * under the page's Content-Security-Policy, which allows no eval (start-worker.ts).
 */
function vectorOf(values: Scalar[], type: DataType): Vector {
  const builder = makeBuilder({ type, nullValues: [] });
  values.forEach((value, i) => {
    if (builder.setValid(i, value !== null)) builder.setValue(i, value as never);
  });
  return builder.finish().toVector();
}

function columnType(values: Scalar[]): DataType {
  let numbers = 0;
  let integers = 0;
  let booleans = 0;
  let present = 0;
  for (const v of values) {
    if (v === null) continue;
    present++;
    if (typeof v === 'number') {
      numbers++;
      if (Number.isInteger(v) && Math.abs(v) < 2 ** 31) integers++;
    } else if (typeof v === 'boolean') booleans++;
  }
  if (present > 0 && booleans === present) return new Bool();
  if (present > 0 && integers === present) return new Int32();
  if (present > 0 && numbers === present) return new Float64();
  return new Utf8();
}
