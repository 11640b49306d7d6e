const UPPER_SQL =
  /\b(SELECT|FROM|WHERE|JOIN|CREATE|DROP|INSERT INTO|DELETE FROM|UPDATE|DESCRIBE|UNPIVOT|PIVOT|GROUP BY|ORDER BY|HAVING|UNION|VALUES|ATTACH|COPY|PRAGMA)\b/;
const ANY_CASE_SQL = [
  /\bselect\b/i,
  /\bfrom\b/i,
  /\bwhere\b/i,
  /\bjoin\b/i,
  /\bgroup by\b/i,
  /\border by\b/i,
  /\bhaving\b/i,
  /\binsert into\b/i,
  /\bdelete from\b/i,
  /\bupdate\b/i,
  /\bvalues\b/i,
  /\bcreate\b/i,
  /\bdrop\b/i,
  /\bdescribe\b/i,
  /\bunion\b/i,
  /\blimit\b/i,
  /\bcase when\b/i,
  /\b(try_)?cast\s*\(/i,
  /\bcoalesce\s*\(/i,
  /\bis (not )?null\b/i,
  /\b(attach|copy|pragma|install)\b/i,
  /\bread_(csv|parquet|json)/i,
];

/** Whether a template's fixed text reads as SQL: an upper-case keyword, or two in any case. */
export function sqlText(fixed: string): boolean {
  if (UPPER_SQL.test(fixed)) return true;
  return ANY_CASE_SQL.filter((k) => k.test(fixed)).length >= 2;
}
