import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/lib/ingest/ingest-error';
import { sniffFormat } from '../../src/lib/ingest/sniff-format';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);
const sniff = (name: string, head: Uint8Array) => sniffFormat(name, head, head.length);

function sniffError(name: string, head: Uint8Array, size = head.length): IngestError {
  try {
    sniffFormat(name, head, size);
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error(`expected ${name} to be rejected`);
}

describe('sniffFormat: binary formats by magic bytes', () => {
  it('reads Parquet and Arrow magic, whatever the name says', () => {
    expect(sniff('data.csv', text('PAR1\u0015\u0004'))).toBe('parquet');
    expect(sniff('data.bin', text('ARROW1\u0000\u0000'))).toBe('arrow-file');
    expect(sniff('x', bytes(0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0))).toBe('arrow-stream');
  });

  it.each([
    ['plot.png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /PNG image/],
    ['results.csv.gz', [0x1f, 0x8b, 0x08, 0x00], /gzip.*decompress/],
    ['results.xlsx', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /ZIP archive.*CSV or Parquet/],
  ])('rejects %s and says what it is', (name, magic, message) => {
    const error = sniffError(name, bytes(...magic));
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.fileName).toBe(name);
  });

  it('rejects other binary data (a NUL byte), naming the supported formats', () => {
    const error = sniffError('weights.bin', bytes(0x13, 0x37, 0x00, 0x42, 0x41));
    expect(error.message).toMatch(/^weights\.bin: .*binary data.*CSV\/TSV, Parquet, JSON/);
  });

  it('rejects text with many control characters as binary', () => {
    const garbage = bytes(...Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(sniffError('garbage.dat', garbage).message).toMatch(/binary data/);
  });
});

describe('sniffFormat: empty and blank files', () => {
  it('rejects an empty file by name', () => {
    expect(sniffError('empty.csv', new Uint8Array(), 0).message).toBe(
      'empty.csv: the file is empty.',
    );
  });

  it('rejects a file of whitespace only', () => {
    expect(sniffError('blank.csv', text('  \n\t\r\n  ')).message).toBe(
      'blank.csv: the file holds only whitespace.',
    );
  });
});

describe('sniffFormat: text formats', () => {
  it('reads a JSON array', () => {
    expect(sniff('rows.json', text('  [{"a": 1}, {"a": 2}]'))).toBe('json');
  });

  it('reads JSON Lines from two objects on two lines, whatever the name', () => {
    expect(sniff('rows.txt', text('{"a": 1}\n{"a": 2}\n'))).toBe('jsonl');
  });

  it('reads a single JSON object as a JSON document, unless the name says .jsonl', () => {
    const object = text('{\n  "data": [{"a": 1}]\n}\n');
    expect(sniff('doc.json', object)).toBe('json');
    expect(sniff('one.jsonl', text('{"a": 1}\n'))).toBe('jsonl');
    expect(sniff('one.ndjson', text('{"a": 1}'))).toBe('jsonl');
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(sniff('bom.json', bytes(0xef, 0xbb, 0xbf, ...text('[{"a":1}]')))).toBe('json');
  });

  it('reads anything else that is text as CSV', () => {
    expect(sniff('results.csv', text('model,correct\na,1\nb,0\n'))).toBe('csv');
    expect(sniff('results.tsv', text('model\tcorrect\na\t1\n'))).toBe('csv');
    expect(sniff('caf\u00e9.csv', text('nom,\u00e9t\u00e9\nx,1\n'))).toBe('csv');
  });
});
