import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../src/lib/ingest/csv-rows';

describe('parseCsvRows (RFC 4180)', () => {
  it('reads quoted fields holding the delimiter, quotes and line breaks', () => {
    expect(parseCsvRows('a,"b ""q"", c"\r\n"x\ny",2\n', ',')).toEqual([
      ['a', 'b "q", c'],
      ['x\ny', '2'],
    ]);
  });
  it('drops a byte order mark and blank lines, keeps empty fields', () => {
    expect(parseCsvRows('\uFEFFa;b\n\n1;\n;2', ';')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
    ]);
  });
  it('keeps an empty quoted last field', () => {
    expect(parseCsvRows('a,b\n1,""', ',')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });
});
