import { plural } from '../format';
/**
 * Why a delimited file could not be read, in words a user can act on. DuckDB's sniffer says only
 * that no dialect fits; reading the head ourselves finds the line that breaks the pattern.
 */
export function csvProblem(headText: string, delimiter: string, complete: boolean): string | null {
  const text = headText.replace(/^\uFEFF/, '');
  const records = splitRecords(text, delimiter);
  if (records.openQuoteLine !== null && complete) {
    return `a quote (") opened on line ${records.openQuoteLine} is never closed. Close it, or remove the stray quote.`;
  }
  const rows = complete ? records.rows : records.rows.slice(0, -1);
  const header = rows[0];
  if (!header) return null;
  const name = delimiterName(delimiter);
  for (const row of rows.slice(1)) {
    if (row.fields !== header.fields) {
      return `line ${row.line} has ${row.fields} ${plural(row.fields, 'field')} where the header has ${header.fields} (delimiter: ${name}). Every row needs the same number of fields: check that line's delimiters and quotes.`;
    }
  }
  return null;
}

/** DuckDB's CSV errors, shortened to what is wrong and what to do. */
export function explainCsvError(message: string): string | null {
  const line = /Line: (\d+)/i.exec(message)?.[1];
  const at = line ? ` (line ${line})` : '';
  if (/Invalid unicode|not utf-8 encoded/i.test(message))
    return `the file is not UTF-8 text${at}. Save it as UTF-8 (in Excel: "CSV UTF-8") and open it again.`;
  if (/unterminated quote/i.test(message))
    return `a quoted value is never closed${at}. Close the quote, or remove the stray quote.`;
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/i.exec(message);
  if (counts)
    return `a row does not have the header's ${counts[1]} fields${at}. Every row needs the same number of fields: check that line's delimiters and quotes.`;
  if (/Maximum line size of \d+ bytes exceeded/i.test(message))
    return `a line is longer than DuckDB reads (2 MB)${at}: a quote may be left open, or a field holds a whole document.`;
  return null;
}

function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: number;
}

/** Records of a CSV text, honouring quotes that span lines; blank lines are skipped. */
function splitRecords(
  text: string,
  delimiter: string,
): { rows: CsvRecord[]; openQuoteLine: number | null } {
  const rows: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let fields = 1;
  let quoted = false;
  let quoteLine = 0;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
      else if (c === '\n') line++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      quoteLine = line;
      empty = false;
    } else if (c === delimiter) {
      fields++;
      empty = false;
    } else if (c === '\n') {
      if (!empty) rows.push({ line: start, fields });
      line++;
      start = line;
      fields = 1;
      empty = true;
    } else if (c !== '\r' && c.trim() !== '') empty = false;
  }
  if (!empty) rows.push({ line: start, fields });
  return { rows, openQuoteLine: quoted ? quoteLine : null };
}
