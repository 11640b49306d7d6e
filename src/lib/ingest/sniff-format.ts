import { IngestError } from './ingest-error';

export type FileFormat = 'csv' | 'parquet' | 'json' | 'jsonl' | 'arrow-file' | 'arrow-stream';

const OPEN_RESULTS = 'open the CSV, Parquet, JSON or Arrow file that holds the results.';
const KNOWN_BINARY: [what: string, magic: number[], todo: string][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47], OPEN_RESULTS],
  ['a JPEG image', [0xff, 0xd8, 0xff], OPEN_RESULTS],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38], OPEN_RESULTS],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46], OPEN_RESULTS],
  [
    'a ZIP archive (or an Excel/Office file)',
    [0x50, 0x4b, 0x03, 0x04],
    'export the table as CSV or Parquet.',
  ],
  ['gzip-compressed', [0x1f, 0x8b], 'decompress it first.'],
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * Decides a file's format from its first bytes (the name only breaks ties between text formats).
 * `head` is the start of the file: 64 KiB is plenty.
 */
export function sniffFormat(fileName: string, head: Uint8Array, size: number): FileFormat {
  if (size === 0) throw new IngestError(fileName, 'the file is empty.');
  if (startsWith(head, ascii('PAR1'))) return 'parquet';
  if (startsWith(head, ascii('ARROW1'))) return 'arrow-file';
  if (startsWith(head, [0xff, 0xff, 0xff, 0xff])) return 'arrow-stream';
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]))
    throw new IngestError(
      fileName,
      'the file is UTF-16 text. Save it as UTF-8 (in Excel: "CSV UTF-8") and open it again.',
    );
  for (const [what, magic, todo] of KNOWN_BINARY) {
    if (startsWith(head, magic))
      throw new IngestError(fileName, `this is ${what}, not a data table: ${todo}`);
  }
  if (looksBinary(head)) {
    throw new IngestError(
      fileName,
      'the file holds binary data that is not Parquet or Arrow. Supported: CSV/TSV, Parquet, JSON, JSON Lines, Arrow IPC.',
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === undefined) throw new IngestError(fileName, 'the file holds only whitespace.');
  if (first !== '[' && first !== '{' && /\.(json|jsonl|ndjson)$/i.test(fileName))
    throw new IngestError(
      fileName,
      'the JSON holds no rows: it must be an array of objects ([{"column": value, ...}, ...]) or one object per line.',
    );
  if (first === '[') return 'json';
  if (first === '{')
    return isJsonLines(text) || /\.(jsonl|ndjson)$/i.test(fileName) ? 'jsonl' : 'json';
  return 'csv';
}

/** NUL bytes or many control characters in the first 8 KiB mean binary, not text. */
function looksBinary(head: Uint8Array): boolean {
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > sample.length * 0.05;
}

/** Two or more lines that each start an object: JSON Lines rather than one JSON document. */
function isJsonLines(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]);
    return lines[1].trimStart().startsWith('{');
  } catch {
    return false;
  }
}
