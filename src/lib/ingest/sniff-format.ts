import { IngestError } from './ingest-error';

export type FileFormat = 'csv' | 'parquet' | 'json' | 'jsonl' | 'arrow-file' | 'arrow-stream';

const KNOWN_BINARY: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  [
    'a ZIP archive (or an Excel/Office file): export the table as CSV or Parquet',
    [0x50, 0x4b, 0x03, 0x04],
  ],
  ['gzip-compressed: decompress it first', [0x1f, 0x8b]],
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
  for (const [what, magic] of KNOWN_BINARY) {
    if (startsWith(head, magic))
      throw new IngestError(fileName, `this is ${what}, not a data table.`);
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
