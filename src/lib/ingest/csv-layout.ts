import { parseCsvRows } from './csv-rows';
import { IngestError } from './ingest-error';
import { cleanColumnNames } from './names';

/** How a delimited text file is laid out, read from its first lines. */
export interface CsvLayout {
  delimiter: string;
  /** Lines before the data: 1 for a normal header, 2 for a two-row header. */
  headerRows: 1 | 2;
  /** Column names to give DuckDB (cleaned: no empty or duplicate names). */
  names: string[];
  /** For a two-row header: the group (row 1, filled forward) and level (row 2) of each column. */
  twoRowHeader?: { groups: string[]; levels: string[] };
}

const DELIMITERS = [',', '\t', ';', '|'];

/** Splits one CSV line into fields, honouring double quotes ("" is an escaped quote). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  return parseCsvRows(line, delimiter)[0] ?? [''];
}

/** The complete lines of `text` (the last, possibly cut-off line of a file's head is dropped). */
function headLines(text: string, complete: boolean): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!complete) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, 200);
}

/** Picks the delimiter that splits the lines into the same number (> 1) of fields most often. */
function detectDelimiter(lines: string[], fileName: string): string {
  const preferred = /\.tsv$/i.test(fileName) ? '\t' : ',';
  let best = preferred;
  let bestScore = 0;
  for (const d of [preferred, ...DELIMITERS.filter((x) => x !== preferred)]) {
    const counts = lines.map((l) => splitCsvLine(l, d).length);
    const mode = modeOf(counts);
    if (mode < 2) continue;
    const score = counts.filter((c) => c === mode).length / counts.length + mode / 1e6;
    if (score > bestScore + 1e-9) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function modeOf(values: number[]): number {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  return [...tally.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/**
 * A two-row header: row 1 names groups that span several columns (repeated names, first cell often
 * empty), row 2 names a level within each group, and each (group, level) pair is unique.
 * Example: RobustBench's corruption tables (corruption names over severities 1-5).
 */
function isTwoRowHeader(row1: string[], row2: string[]): boolean {
  if (row1.length !== row2.length || row1.length < 3) return false;
  const rest1 = row1.slice(1);
  const rest2 = row2.slice(1);
  if (rest2.some((v) => v.trim() === '')) return false;
  const repeats = rest1.some((v, i) => i > 0 && v.trim() !== '' && v === rest1[i - 1]);
  if (!repeats) return false;
  const filled = fillForward(rest1);
  const pairs = new Set(filled.map((g, i) => `${g}\u0000${rest2[i]}`));
  const levelsRepeat = new Set(rest2).size < rest2.length;
  return pairs.size === rest2.length && levelsRepeat && row2[0].trim() === '';
}

function fillForward(values: string[]): string[] {
  let last = '';
  return values.map((v) => (v.trim() === '' ? last : (last = v.trim())));
}

/** Reads the layout of a delimited file from the text of its head. */
export function detectCsvLayout(fileName: string, headText: string, complete: boolean): CsvLayout {
  const lines = headLines(headText, complete);
  if (lines.length === 0)
    throw new IngestError(fileName, 'no complete line found in the first 64 KiB.');
  const delimiter = detectDelimiter(lines, fileName);
  const row1 = splitCsvLine(lines[0], delimiter);
  const row2 = lines.length > 1 ? splitCsvLine(lines[1], delimiter) : [];
  if (lines.length > 2 && isTwoRowHeader(row1, row2)) {
    const groups = ['', ...fillForward(row1.slice(1))];
    const levels = row2.map((v) => v.trim());
    const first = row1[0].trim() || 'model';
    const names = [first, ...groups.slice(1).map((g, i) => `${g}/${levels[i + 1]}`)];
    return {
      delimiter,
      headerRows: 2,
      names: cleanColumnNames(names),
      twoRowHeader: { groups, levels },
    };
  }
  return { delimiter, headerRows: 1, names: cleanColumnNames(row1) };
}
