import type { Completion, CompletionContext, CompletionSource } from '@codemirror/autocomplete';
import {
  PostgreSQL,
  SQLDialect,
  schemaCompletionSource,
  sql,
  type SQLNamespace,
} from '@codemirror/lang-sql';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { readableIdent } from '../../sql/readable-ident';

/** PostgreSQL, which DuckDB's grammar derives from, plus DuckDB's own keywords. */
export const duckdbDialect = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords} qualify pivot unpivot summarize describe asof positional anti semi exclude columns`,
});

/** Table names complete at the top level and their columns after `table.` (or `alias.`). */
function tablesNamespace(schema: Record<string, string[]>): SQLNamespace {
  const namespace: Record<string, SQLNamespace> = Object.create(null);
  for (const [table, columns] of Object.entries(schema)) {
    // lang-sql reads an unescaped dot in a key as schema.table.
    namespace[table.replaceAll('.', '\\.')] = {
      self: { label: table, type: 'table', apply: readableIdent(table) },
      children: columns.map((column) => ({
        label: column,
        type: 'column',
        apply: readableIdent(column),
      })),
    };
  }
  return namespace;
}

/** Every column also completes bare, as people write `SELECT accuracy FROM runs`. */
function columnsAtTopLevel(schema: Record<string, string[]>): Completion[] {
  const tablesByColumn = new Map<string, string[]>();
  for (const [table, columns] of Object.entries(schema)) {
    for (const column of columns)
      tablesByColumn.set(column, [...(tablesByColumn.get(column) ?? []), table]);
  }
  return [...tablesByColumn].map(([column, tables]) => ({
    label: column,
    type: 'column',
    detail: tables.join(', '),
    apply: readableIdent(column),
  }));
}

/**
 * What each kind of completion is, in plain letters: CodeMirror's own icons are symbols (a column
 * is a white square, a keyword a key emoji) that many fonts lack or that read as missing glyphs.
 */
export const COMPLETION_ICONS: Record<string, string> = {
  table: 'tbl',
  column: 'col',
  keyword: 'kw',
  type: 'type',
  constant: 'as',
  variable: 'var',
};

const completionIcons = EditorView.theme({
  '.cm-completionIcon': {
    width: '2.4em',
    paddingRight: '0.4em',
    fontSize: '70%',
    fontFamily: 'system-ui, sans-serif',
    fontStyle: 'normal',
  },
  ...Object.fromEntries(
    Object.entries(COMPLETION_ICONS).map(([type, text]) => [
      `.cm-completionIcon-${type}:after`,
      { content: `'${text}'` },
    ]),
  ),
});

/**
 * SQL highlighting plus keyword, table and column completion for the loaded tables. `schema` is
 * read when the user asks for completions: an editor is configured once, not again each time a
 * cell's result adds a table (with hundreds of SQL cells, every result re-configured them all).
 */
export function sqlLanguage(schema: () => Record<string, string[]>): Extension {
  let seen: Record<string, string[]> | undefined;
  let sources: CompletionSource[] = [];
  const current = () => {
    const now = schema();
    if (now !== seen) {
      seen = now;
      sources = [tablesNamespace(now), columnsAtTopLevel(now)].map((namespace) =>
        schemaCompletionSource({ dialect: duckdbDialect, schema: namespace }),
      );
    }
    return sources;
  };
  return [
    sql({ dialect: duckdbDialect, upperCaseKeywords: true }),
    completionIcons,
    ...[0, 1].map((i) =>
      duckdbDialect.language.data.of({
        autocomplete: (context: CompletionContext) => current()[i](context),
      }),
    ),
  ];
}
