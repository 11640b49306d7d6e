import { ident } from './quote';

/**
 * DuckDB's `reserved` and `type_function` keywords (from `duckdb_keywords()`, v1.4.3): names that
 * must be quoted to be used as a column or table name.
 */
const KEYWORDS_NEEDING_QUOTES = new Set(
  (
    'all analyse analyze and any array as asc asymmetric both case cast check collate column ' +
    'constraint create default deferrable desc describe distinct do else end except false fetch for ' +
    'foreign from group having in initially intersect into lambda lateral leading limit not null ' +
    'offset on only or order pivot pivot_longer pivot_wider placing primary qualify references ' +
    'returning select show some summarize symmetric table then to trailing true union unique unpivot ' +
    'using variadic when where window with ' +
    'anti asof at authorization binary by collation columns concurrently cross freeze full generated ' +
    'glob ilike inner is isnull join left like map natural notnull outer overlaps positional right ' +
    'semi similar struct tablesample try_cast unpack verbose'
  ).split(' '),
);

/** A name as a person would type it: bare when DuckDB reads it unquoted, otherwise quoted. */
export function readableIdent(name: string): string {
  const bare =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS_NEEDING_QUOTES.has(name.toLowerCase());
  return bare ? name : ident(name);
}
