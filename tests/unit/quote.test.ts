import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { ident, listLiteral, literal } from '../../src/lib/sql/quote';

describe('ident', () => {
  it('double-quotes names and doubles embedded double quotes', () => {
    expect(ident('model')).toBe('"model"');
    expect(ident('a"b')).toBe('"a""b"');
    expect(ident("it's; DROP TABLE x")).toBe('"it\'s; DROP TABLE x"');
  });

  it('rejects a NUL character', () => {
    expect(() => ident('a\u0000b')).toThrow(/NUL/);
  });
});

describe('literal', () => {
  it('single-quotes text and doubles embedded single quotes; backslashes stay as they are', () => {
    expect(literal("it's")).toBe("'it''s'");
    expect(literal('C:\\path\\n')).toBe("'C:\\path\\n'");
    expect(literal('')).toBe("''");
  });

  it('writes numbers, booleans and null as SQL', () => {
    expect(literal(42)).toBe('42');
    expect(literal(-0.5)).toBe('-0.5');
    expect(literal(true)).toBe('TRUE');
    expect(literal(false)).toBe('FALSE');
    expect(literal(null)).toBe('NULL');
  });

  it('rejects non-finite numbers and NUL characters', () => {
    expect(() => literal(NaN)).toThrow(/finite/);
    expect(() => literal(Infinity)).toThrow(/finite/);
    expect(() => literal(-Infinity)).toThrow(/finite/);
    expect(() => literal('a\u0000')).toThrow(/NUL/);
  });

  it('listLiteral quotes each item', () => {
    expect(listLiteral(['a', "b'c"])).toBe("['a', 'b''c']");
  });
});

describe('quoted text round-trips through native DuckDB', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  // Characters that break naive quoting, mixed with any Unicode code point except NUL.
  const tricky = fc.constantFrom(
    "'",
    '"',
    '\\',
    '\n',
    '\r',
    '\t',
    ';',
    '--',
    '/*',
    '$$',
    '\u00e9',
    '\u{1F600}',
  );
  const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
  const text = fc
    .string({ unit: fc.oneof(tricky, anyChar), maxLength: 30 })
    .filter((s) => !s.includes('\u0000'));
  const name = text.filter((s) => s.length > 0);

  it('SELECT literal(s) AS ident(name) returns s under the column name', async () => {
    await fc.assert(
      fc.asyncProperty(text, name, async (s, columnName) => {
        const result = await engine.query(`SELECT ${literal(s)} AS ${ident(columnName)}`);
        expect(result.schema.fields.map((f) => f.name)).toEqual([columnName]);
        expect(result.getChildAt(0)?.get(0)).toBe(s);
      }),
      { numRuns: 200, seed: 20240601 },
    );
  });
});
