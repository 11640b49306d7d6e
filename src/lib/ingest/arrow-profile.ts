import { DataType, tableFromIPC, type Data } from 'apache-arrow';
import { VALUES_UP_TO } from './profile';

/**
 * What the decoder can tell of a column from the Arrow batches it already holds, exactly as
 * DuckDB's profile would (profile.ts): non-null count, range of integers, mean text length in
 * code points (DuckDB's `length`), and the distinct values as text, sorted by code point
 * (DuckDB's VARCHAR order), when there are at most VALUES_UP_TO of them; `values` is null when
 * there are more, and the distinct count is then left to DuckDB.
 */
export interface DecodedColumn {
  name: string;
  kind: 'integer' | 'text' | 'boolean';
  nonNull: number;
  min: number | null;
  max: number | null;
  meanLength: number | null;
  values: string[] | null;
}

/** A decoded file's profile: a column is null where its Arrow type is left to DuckDB. */
export interface DecodedProfile {
  rows: number;
  columns: (DecodedColumn | null)[];
}

interface Tally {
  name: string;
  kind: DecodedColumn['kind'];
  nonNull: number;
  min: number | null;
  max: number | null;
  codePoints: number;
  /** The distinct values seen, by key (the number, the boolean, a text's order of arrival), as text; null past VALUES_UP_TO. */
  distinct: Map<unknown, string> | null;
  texts: TextSet;
  integers: IntegerSet;
}

const utf8 = new TextDecoder();

/**
 * Profiles the Arrow IPC chunks a decoder hands to DuckDB, chunk by chunk (decode.ts runs it in
 * the decoder's worker while DuckDB inserts the chunk): what it gives, the SQL profile after the
 * load does not ask DuckDB for again (profile.ts).
 */
export class ArrowProfiler {
  #rows = 0;
  #tallies: (Tally | null)[] | undefined;

  add(ipcStream: Uint8Array): void {
    const table = tableFromIPC(ipcStream);
    this.#tallies ??= table.schema.fields.map((f) => tallyFor(f.name, f.type));
    this.#rows += table.numRows;
    for (const batch of table.batches)
      this.#tallies.forEach((tally, i) => {
        const data = batch.getChildAt(i)?.data[0];
        if (tally && data) addData(tally, data);
      });
  }

  result(): DecodedProfile {
    return {
      rows: this.#rows,
      columns: (this.#tallies ?? []).map((t) =>
        t === null
          ? null
          : {
              name: t.name,
              kind: t.kind,
              nonNull: t.nonNull,
              min: t.min,
              max: t.max,
              meanLength: t.kind === 'text' && t.nonNull > 0 ? t.codePoints / t.nonNull : null,
              values: t.distinct ? [...t.distinct.values()].sort(byCodePoint) : null,
            },
      ),
    };
  }
}

function tallyFor(name: string, type: DataType): Tally | null {
  const kind = DataType.isInt(type)
    ? 'integer'
    : DataType.isUtf8(type)
      ? 'text'
      : DataType.isBool(type)
        ? 'boolean'
        : null;
  if (!kind) return null;
  return {
    name,
    kind,
    nonNull: 0,
    min: null,
    max: null,
    codePoints: 0,
    distinct: new Map(),
    texts: new TextSet(),
    integers: new IntegerSet(),
  };
}

function addData(tally: Tally, data: Data): void {
  const { offset, length, nullBitmap } = data;
  const all = data.nullCount === 0;
  const valid = (i: number) =>
    all || ((nullBitmap![(offset + i) >> 3] >> ((offset + i) & 7)) & 1) === 1;
  tally.nonNull += length - data.nullCount;
  if (tally.kind === 'integer') addIntegers(tally, data, valid);
  else if (tally.kind === 'boolean') {
    const bits = data.values as Uint8Array;
    for (let i = 0; i < length && tally.distinct; i++) {
      if (!valid(i)) continue;
      const v = ((bits[(offset + i) >> 3] >> ((offset + i) & 7)) & 1) === 1;
      note(tally, v, String(v));
    }
  } else addText(tally, data, valid);
}

const TWO_32 = 4294967296;

function addIntegers(tally: Tally, data: Data, valid: (i: number) => boolean): void {
  const { offset, length } = data;
  const wide = data.values instanceof BigInt64Array || data.values instanceof BigUint64Array;
  // 64-bit values read as two 32-bit halves (little-endian, as on every platform browsers run on): hi * 2^32 + lo is one rounding of the exact sum, so
  // it is the value as a double (DuckDB's min(...)::DOUBLE); rounding keeps order, so min and max
  // agree. Past 2^53 two values can meet as doubles: their distinct count is left to DuckDB.
  const halves = wide
    ? new Uint32Array(data.values.buffer, data.values.byteOffset, 2 * (offset + length))
    : null;
  const signed = data.values instanceof BigInt64Array;
  const narrow = data.values as ArrayLike<number>;
  let min = tally.min ?? Infinity;
  let max = tally.max ?? -Infinity;
  for (let i = 0; i < length; i++) {
    if (!valid(i)) continue;
    let v: number;
    if (halves) {
      const hi = halves[2 * (offset + i) + 1];
      v = (signed ? hi | 0 : hi) * TWO_32 + halves[2 * (offset + i)];
    } else v = narrow[offset + i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (tally.distinct) {
      if (!Number.isSafeInteger(v)) tally.distinct = null;
      else if (tally.integers.isNew(v)) note(tally, v, String(v));
    }
  }
  if (min <= max) {
    tally.min = min;
    tally.max = max;
  }
}

function addText(tally: Tally, data: Data, valid: (i: number) => boolean): void {
  const { offset, length } = data;
  const bytes = data.values as Uint8Array;
  const ends = data.valueOffsets as Int32Array;
  let codePoints = 0;
  for (let i = 0; i < length; i++) {
    if (!valid(i)) continue;
    const start = ends[offset + i];
    const end = ends[offset + i + 1];
    // DuckDB's length() counts code points: every byte that does not continue a UTF-8 sequence.
    for (let b = start; b < end; b++) if ((bytes[b] & 0xc0) !== 0x80) codePoints++;
    if (tally.distinct && tally.texts.isNew(bytes, start, end))
      note(tally, tally.distinct.size, utf8.decode(bytes.subarray(start, end)));
  }
  tally.codePoints += codePoints;
}

/** Adds a value seen for the first time, under its key, as text. */
function note(tally: Tally, key: unknown, text: string): void {
  const distinct = tally.distinct;
  if (!distinct || distinct.has(key)) return;
  distinct.set(key, text);
  if (distinct.size > VALUES_UP_TO) {
    tally.distinct = null;
    tally.texts = new TextSet();
    tally.integers = new IntegerSet();
  }
}

/**
 * The distinct byte strings of a few-valued text column, found without decoding each value: an
 * open-addressed table of FNV-1a hashes, each slot's bytes compared in full.
 */
class TextSet {
  #slots = new Int32Array(1024).fill(-1);
  #stored: Uint8Array[] = [];

  /** Whether these bytes are new (then stored). */
  isNew(bytes: Uint8Array, start: number, end: number): boolean {
    let hash = 0x811c9dc5;
    for (let b = start; b < end; b++) hash = Math.imul(hash ^ bytes[b], 0x01000193);
    for (let probe = hash & 1023; ; probe = (probe + 1) & 1023) {
      const at = this.#slots[probe];
      if (at === -1) {
        this.#slots[probe] = this.#stored.length;
        this.#stored.push(bytes.slice(start, end));
        return true;
      }
      if (sameBytes(this.#stored[at], bytes, start, end)) return false;
    }
  }
}

/** The distinct safe integers of a few-valued column: an open-addressed table of 256 slots. */
class IntegerSet {
  #keys = new Float64Array(256);
  #used = new Uint8Array(256);

  /** Whether `v` is new (then stored). */
  isNew(v: number): boolean {
    const hash = Math.imul((v | 0) ^ ((v / TWO_32) | 0), 0x9e3779b1) >>> 24;
    for (let probe = hash; ; probe = (probe + 1) & 255) {
      if (this.#used[probe] === 0) {
        this.#used[probe] = 1;
        this.#keys[probe] = v;
        return true;
      }
      if (this.#keys[probe] === v) return false;
    }
  }
}

function sameBytes(a: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== bytes[start + k]) return false;
  return true;
}

const encoder = new TextEncoder();

/** DuckDB orders VARCHAR by its UTF-8 bytes, which is code point order (not JS's UTF-16 order). */
function byCodePoint(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k] - y[k];
  return x.length - y.length;
}
