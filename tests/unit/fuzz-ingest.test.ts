import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectCsvLayout, splitCsvLine } from '../../src/lib/ingest/csv-layout';
import { csvProblem, explainCsvError } from '../../src/lib/ingest/csv-problems';
import { IngestError } from '../../src/lib/ingest/ingest-error';
import {
  flattenRecord,
  parseJsonDocument,
  parseJsonLines,
  recordsToArrow,
} from '../../src/lib/ingest/json-records';
import { cleanColumnNames, fileStem, tableNameFor } from '../../src/lib/ingest/names';
import { sniffFormat } from '../../src/lib/ingest/sniff-format';

/**
 * The ingest functions on arbitrary input: each either returns a well-formed answer or throws its
 * module's own error with a message for the user, never a TypeError/RangeError from inside.
 */
const RUNS = { numRuns: 400, seed: 20260101 };

/** Runs `work`; an escaping error must be one the module means to throw. */
function onlyOwnErrors<T>(work: () => T, own: (e: unknown) => boolean): T | undefined {
  try {
    return work();
  } catch (e) {
    expect(own(e), `unexpected ${(e as Error)?.name}: ${(e as Error)?.message}`).toBe(true);
    return undefined;
  }
}
const isIngestError = (e: unknown) => e instanceof IngestError && e.message.length > 0;
/** json-records throws plain Errors with a sentence for the user (never TypeError etc.). */
const isUserError = (e: unknown) =>
  e instanceof Error && e.constructor === Error && /\.$/.test(e.message);

const csvChar = fc.constantFrom(
  ',',
  ';',
  '\t',
  '|',
  '"',
  '\n',
  '\r\n',
  ' ',
  'a',
  '1',
  '\uFEFF',
  'é',
);
const csvText = fc.string({ unit: fc.oneof(csvChar, fc.string({ minLength: 1, maxLength: 1 })) });
const fileName = fc.oneof(
  fc.constantFrom('a.csv', 'b.tsv', 'c.json', 'd.jsonl', 'e.parquet', 'f', '.csv', 'x.y.z.csv'),
  fc.string(),
);

describe('fuzz: sniffFormat', () => {
  it('names a format or throws an IngestError, for any bytes', () => {
    const magic = fc.constantFrom(
      [0x50, 0x41, 0x52, 0x31],
      [0xff, 0xff, 0xff, 0xff],
      [0xff, 0xfe],
      [0x89, 0x50, 0x4e, 0x47],
      [0x1f, 0x8b],
      [0x5b],
      [0x7b],
      [],
    );
    fc.assert(
      fc.property(fileName, magic, fc.uint8Array({ maxLength: 300 }), (name, start, rest) => {
        const head = Uint8Array.from([...start, ...rest]);
        const format = onlyOwnErrors(() => sniffFormat(name, head, head.length), isIngestError);
        if (format !== undefined)
          expect(['csv', 'parquet', 'json', 'jsonl', 'arrow-file', 'arrow-stream']).toContain(
            format,
          );
      }),
      RUNS,
    );
  });
});

describe('fuzz: CSV layout', () => {
  it('gives unique, non-empty column names, one per header field, or an IngestError', () => {
    fc.assert(
      fc.property(fileName, csvText, fc.boolean(), (name, text, complete) => {
        const layout = onlyOwnErrors(() => detectCsvLayout(name, text, complete), isIngestError);
        if (!layout) return;
        expect([',', '\t', ';', '|']).toContain(layout.delimiter);
        expect(layout.names.every((n) => n.length > 0 && n === n.trim())).toBe(true);
        expect(new Set(layout.names.map((n) => n.toLowerCase())).size).toBe(layout.names.length);
      }),
      RUNS,
    );
  });

  it('splitCsvLine joins back to the line when no field needed quotes', () => {
    const field = fc.string().filter((s) => !/[",]/.test(s));
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
        expect(splitCsvLine(fields.join(','), ',')).toEqual(fields);
      }),
      RUNS,
    );
  });

  it('csvProblem and explainCsvError never throw and point at a line that exists', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom(',', ';', '\t'), fc.boolean(), (text, d, complete) => {
        const problem = csvProblem(text, d, complete);
        const line = /line (\d+)/.exec(problem ?? '')?.[1];
        if (line) expect(Number(line)).toBeLessThanOrEqual(text.split('\n').length);
        expect(() => explainCsvError(text)).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe('fuzz: column and table names', () => {
  it('cleanColumnNames keeps the count, and names are non-empty and unique ignoring case', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('', ' ', 'a', 'A', 'a_2'), fc.string())),
        (raw) => {
          const names = cleanColumnNames(raw);
          expect(names).toHaveLength(raw.length);
          expect(names.every((n) => n.trim().length > 0)).toBe(true);
          expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        },
      ),
      RUNS,
    );
  });

  it('tableNameFor gives a plain SQL name not already taken', () => {
    fc.assert(
      fc.property(fileName, fc.array(fc.string()), (name, taken) => {
        const table = tableNameFor(name, new Set(taken));
        expect(table).toMatch(/^[a-z_][a-z0-9_]*$/);
        expect(taken).not.toContain(table);
        expect(() => fileStem(name)).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe('fuzz: JSON records', () => {
  it('parseJsonDocument / parseJsonLines return objects or say what is wrong', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.string(),
      fc.array(fc.json()).map((xs) => xs.join('\n')),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        for (const parse of [parseJsonDocument, parseJsonLines]) {
          const records = onlyOwnErrors(() => parse(text), isUserError);
          for (const r of records ?? []) expect(typeof r === 'object' && r !== null).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('flattenRecord leaves only scalars, and every leaf value is kept', () => {
    const object = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 });
    fc.assert(
      fc.property(object, (value) => {
        const flat = flattenRecord(value as Record<string, unknown>);
        for (const v of Object.values(flat))
          expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
        const table = onlyOwnErrors(() => recordsToArrow([flat]), isUserError);
        if (table) expect(table.numRows).toBe(1);
      }),
      RUNS,
    );
  });

  it('a record nested 100,000 deep is flattened or refused with a message, never a stack error', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const flat = onlyOwnErrors(() => flattenRecord(deep), isUserError);
    if (flat) expect(Object.keys(flat)).toEqual(['a.a.a.a.a.a.a']);
  });
});
