/**
 * The records of a delimited text (RFC 4180): fields in double quotes may hold the delimiter,
 * line breaks and quotes (doubled), and a quote opens a quoted part anywhere in a field, as
 * DuckDB reads it; lines end in LF or CRLF; a byte order mark and blank lines are dropped. For the small files a harness format reads whole (per-trial responses), where
 * DuckDB's reader cannot say what it did with each header and each missing value.
 */
export function parseCsvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  const endField = () => {
    row.push(field);
    field = '';
    quoted = false;
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inQuotes) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"') {
      inQuotes = true;
      quoted = true;
    } else if (c === delimiter) endField();
    else if (c === '\n') endRow();
    else if (c === '\r' && body[i + 1] === '\n') {
      endRow();
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0 || quoted) endRow();
  return rows;
}
