import { describe, expect, it } from 'vitest';
import { csvField, tableCsv, toCsv, withFilterColumn } from '../../src/lib/csv';

describe('one CSV writer for the app and the runner', () => {
  it('quotes fields with quotes, commas or line breaks, and leaves missing and non-finite values empty', () => {
    expect(
      toCsv(
        ['name', 'n', 'p'],
        [
          ['a "b", c', 3, 0.5],
          ['line\nbreak', null, Number.NaN],
          [undefined, Infinity, true],
        ],
      ),
    ).toBe('name,n,p\n"a ""b"", c",3,0.5\n"line\nbreak",,\n,,true\n');
  });

  it('quotes text with leading or trailing spaces, so a reader that trims keeps them', () => {
    expect([' north', 'south ', '\tx', 'a b'].map(csvField)).toEqual([
      '" north"',
      '"south "',
      '"\tx"',
      'a b',
    ]);
  });

  it('writes the same text from named rows (the runner) as from a header and arrays (an export)', () => {
    const rows = [
      { group: ' north', rate: 0.25, low: Number.NaN },
      { group: 'south', rate: -Infinity, extra: 'late column' },
    ];
    const text = 'group,rate,low,extra\n" north",0.25,,\nsouth,,,late column\n';
    expect(tableCsv(rows)).toBe(text);
    expect(
      toCsv(
        ['group', 'rate', 'low', 'extra'],
        [
          [' north', 0.25, Number.NaN, undefined],
          ['south', -Infinity, undefined, 'late column'],
        ],
      ),
    ).toBe(text);
  });
});

describe('an export under the global filter', () => {
  it('carries the filter as a last column on every row, line breaks in fields kept', () => {
    const csv = toCsv(
      ['slice', 'note'],
      [
        ['north', 'two\nlines'],
        ["O'Brien", 'say "hi", then go'],
      ],
    );
    const filter = `CAST("region" AS VARCHAR) = 'north'`;
    expect(withFilterColumn(csv, filter)).toBe(
      [
        'slice,note,filter',
        `north,"two\nlines","CAST(""region"" AS VARCHAR) = 'north'"`,
        `O'Brien,"say ""hi"", then go","CAST(""region"" AS VARCHAR) = 'north'"`,
        '',
      ].join('\n'),
    );
  });

  it('leaves the text as it is without a filter', () => {
    const csv = toCsv(['a'], [[1]]);
    expect(withFilterColumn(csv, '  ')).toBe(csv);
  });
});
