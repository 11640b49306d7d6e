import { Bool, DataType, Float64, Int32, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  flattenRecord,
  parseJsonDocument,
  readJsonDocument,
  parseJsonLines,
  recordsToArrow,
} from '../../src/lib/ingest/json-records';

describe('flattenRecord', () => {
  it('names nested fields with dots and keeps scalars', () => {
    const record = { id: 7, meta: { source: 'bbq', tokens: { prompt: 12, total: 30 } }, ok: true };
    expect(flattenRecord(record)).toEqual({
      id: 7,
      'meta.source': 'bbq',
      'meta.tokens.prompt': 12,
      'meta.tokens.total': 30,
      ok: true,
    });
  });

  it('keeps arrays as JSON text and missing values as null', () => {
    const record = { answers: ['a', 'b'], scores: [[1, 2]], gone: null, none: undefined };
    expect(flattenRecord(record)).toEqual({
      answers: '["a","b"]',
      scores: '[[1,2]]',
      gone: null,
      none: null,
    });
  });

  it('keeps objects nested deeper than six levels as JSON text', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } };
    expect(flattenRecord(deep)).toEqual({ 'a.b.c.d.e.f.g': '{"h":1}' });
  });
});

describe('parseJsonLines', () => {
  it('reads one object per line and skips blank lines', () => {
    expect(parseJsonLines('{"a":1}\n\n{"a":2}\r\n')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('names the line that is not valid JSON', () => {
    expect(() => parseJsonLines('{"a":1}\n{"a":2}\n{"a":\n')).toThrow(/^line 3 is not valid JSON/);
  });

  it('names the line that is not an object', () => {
    expect(() => parseJsonLines('{"a":1}\n[1,2]\n')).toThrow('line 2 is not a JSON object.');
    expect(() => parseJsonLines('{"a":1}\nnull\n')).toThrow('line 2 is not a JSON object.');
  });
});

describe('parseJsonDocument', () => {
  it('reads an array of objects', () => {
    expect(parseJsonDocument('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('unwraps the one array of objects inside an object', () => {
    const text = '{"version": 2, "data": [{"a": 1}, {"a": 2}], "tags": ["x"]}';
    expect(parseJsonDocument(text)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads an object without such an array as one row', () => {
    expect(parseJsonDocument('{"model": "m", "acc": 0.5}')).toEqual([{ model: 'm', acc: 0.5 }]);
  });

  it('skips a byte order mark', () => {
    expect(parseJsonDocument('\uFEFF[{"a":1}]')).toEqual([{ a: 1 }]);
  });

  it('rejects items that are not objects, naming the item', () => {
    expect(() => parseJsonDocument('[{"a":1}, 2]')).toThrow(
      /^item 2 of the array is not an object/,
    );
  });

  it('rejects a document that is not an array or object, and invalid JSON', () => {
    expect(() => parseJsonDocument('42')).toThrow(/array of objects/);
    expect(() => parseJsonDocument('[{"a":1},')).toThrow(/^not valid JSON/);
  });
});

describe('readJsonDocument: what it did with a JSON object, for the notes', () => {
  it('names the key whose array it read, the rows, and the keys it ignored', () => {
    const text = '{"version": 2, "data": [{"a": 1}, {"a": 2}], "tags": ["x"]}';
    expect(readJsonDocument(text).note).toBe(
      'The file is a JSON object: its rows were read from the array under "data" (2 rows); its other keys "version", "tags" were ignored.',
    );
    expect(readJsonDocument('{"rows": [{"a": 1}]}').note).toBe(
      'The file is a JSON object: its rows were read from the array under "rows" (1 row), its only key.',
    );
  });

  it('says why an object with two arrays of rows became one row; nothing for an array or a plain object', () => {
    expect(readJsonDocument('{"train": [{"a": 1}], "test": [{"a": 2}]}').note).toBe(
      'The file is a JSON object with 2 arrays of rows ("train", "test"), so it was read as one row, each array kept as JSON text: save the rows you want as a file of their own.',
    );
    expect(readJsonDocument('[{"a": 1}]').note).toBeNull();
    expect(readJsonDocument('{"model": "m", "acc": 0.5}').note).toBeNull();
  });
});

describe('recordsToArrow', () => {
  const typeOf = (records: Parameters<typeof recordsToArrow>[0], name: string): DataType =>
    recordsToArrow(records).schema.fields.find((f) => f.name === name)!.type;

  it('types whole numbers as Int32, mixed whole and fractional as Float64', () => {
    expect(typeOf([{ x: 1 }, { x: 2 }], 'x')).toBeInstanceOf(Int32);
    expect(typeOf([{ x: 1 }, { x: 2.5 }], 'x')).toBeInstanceOf(Float64);
    expect(typeOf([{ x: 1 }, { x: 2 ** 31 }], 'x')).toBeInstanceOf(Float64);
  });

  it('builds the columns without eval, which the decoder worker may not run (CSP)', () => {
    const native = globalThis.Function;
    globalThis.Function = new Proxy(native, {
      construct: () => {
        throw new EvalError('eval under the CSP');
      },
    });
    try {
      const table = recordsToArrow([
        { i: 1, f: 0.5, b: true, s: 'x' },
        { i: null, f: null, b: null, s: null },
        { i: 3, f: 2, b: false, s: 'é' },
      ]);
      expect(table.toArray().map((r) => r.toJSON())).toEqual([
        { i: 1, f: 0.5, b: true, s: 'x' },
        { i: null, f: null, b: null, s: null },
        { i: 3, f: 2, b: false, s: 'é' },
      ]);
    } finally {
      globalThis.Function = native;
    }
  });

  it('types booleans as Bool and numbers mixed with text as Utf8 text', () => {
    expect(typeOf([{ x: true }, { x: false }], 'x')).toBeInstanceOf(Bool);
    const table = recordsToArrow([{ x: 1 }, { x: 'two' }, { x: 2.5 }]);
    expect(table.schema.fields[0].type).toBeInstanceOf(Utf8);
    expect(table.getChild('x')!.toArray()).toEqual(['1', 'two', '2.5']);
  });

  it('makes one column per key seen in any record, null where a record lacks it', () => {
    const table = recordsToArrow([{ a: 1 }, { b: 'x' }, { a: 3, b: null }]);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
    expect(table.numRows).toBe(3);
    expect([0, 1, 2].map((i) => table.getChild('a')!.get(i))).toEqual([1, null, 3]);
    expect([0, 1, 2].map((i) => table.getChild('b')!.get(i))).toEqual([null, 'x', null]);
  });

  it('types an all-null column as text', () => {
    expect(typeOf([{ a: 1, x: null }], 'x')).toBeInstanceOf(Utf8);
  });

  // KNOWN LIMITATION: JSON.parse itself puts integer-like keys ("2019") first in every object, so
  // the file's column order is lost before recordsToArrow sees it. Fixing it needs an
  // order-preserving JSON parser; flip to `it` then.
  it.fails('keeps the order in which keys first appear, integer-like keys included', () => {
    const table = recordsToArrow([{ model: 'm', '2019': 0.5, '2020': 0.75 }]);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['model', '2019', '2020']);
  });

  it('rejects records without fields', () => {
    expect(() => recordsToArrow([{}, {}])).toThrow('the rows have no fields.');
  });
});
