import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { literal } from '../../src/lib/sql/quote';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';
import { startStaticServer, type StaticServer } from '../helpers/static-server';

/**
 * The workspace opening files by URL (Node, native DuckDB, a local static server): a Parquet file
 * on a host that answers range requests is read in place, only the chosen columns; elsewhere it is
 * fetched whole, as any other file.
 */
let folder: string;
let server: StaticServer;
let size: number;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'slicebook-urls-'));
  const engine = await createNodeEngine({ readable: [folder] });
  await engine.query(
    `COPY (SELECT i AS id, i % 2 AS label, (i * 7) % 2 AS prediction, repeat('x', 200) || i AS note
       FROM range(20000) t(i)) TO ${literal(join(folder, 'runs.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 5000)`,
  );
  await engine.close();
  size = statSync(join(folder, 'runs.parquet')).size;
  writeFileSync(join(folder, 'misnamed.parquet'), 'id,label\n1,0\n2,1\n');
  server = await startStaticServer(folder);
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

function workspaceWith(fetchFn: typeof fetch = fetch) {
  return new Workspace({ createEngine: createNodeEngine, decode: nodeDecode, fetch: fetchFn });
}

/** The same host, but without `Accept-Ranges` in its answers (many hosts leave it out). */
const withoutRanges: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const headers = new Headers(response.headers);
  headers.delete('accept-ranges');
  return new Response(response.body, { status: response.status, headers });
};

/** The same host, but its GET answers leave out `Range` (some servers and proxies do). */
const ignoresRanges: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  headers.delete('range');
  return fetch(input, { ...init, headers });
};

describe('Workspace.loadUrls', () => {
  it('reads a Parquet file in place: range requests, only the chosen columns', async () => {
    server.log.length = 0;
    const workspace = workspaceWith();
    await workspace.loadUrls([
      { url: `${server.origin}/runs.parquet`, columns: ['id', 'label', 'prediction'] },
    ]);
    expect(workspace.jobs.map((j) => [j.status, j.error])).toEqual([['done', undefined]]);
    const [table] = workspace.tables;
    expect(table.profile.rows).toBe(20_000);
    expect(table.profile.columns.map((c) => c.name)).toEqual(['id', 'label', 'prediction']);
    expect(table.sha256).toBeNull();
    expect(table.bytes).toBe(size);
    const gets = server.log.filter((r) => r.method === 'GET');
    expect(gets.every((r) => r.status === 206)).toBe(true);
    // The text column is most of the file; it was never fetched.
    expect(gets.reduce((sum, r) => sum + r.bytes, 0)).toBeLessThan(size / 4);
    await (await workspace.engine).close();
  });

  it('fetches the whole file where the host does not say it answers ranges', async () => {
    server.log.length = 0;
    const workspace = workspaceWith(withoutRanges);
    await workspace.loadUrls([{ url: `${server.origin}/runs.parquet` }]);
    const [table] = workspace.tables;
    expect(table.profile.columns.map((c) => c.name)).toEqual(['id', 'label', 'prediction', 'note']);
    expect(table.sha256).toMatch(/^[0-9a-f]{64}$/);
    const gets = server.log.filter((r) => r.method === 'GET');
    expect(gets.map((r) => [r.status, r.bytes])).toEqual([[200, size]]);
    await (await workspace.engine).close();
  });

  it("keeps a report's columns when the file comes whole (the roles saved for them still fit)", async () => {
    const workspace = workspaceWith(withoutRanges);
    await workspace.loadUrls([{ url: `${server.origin}/runs.parquet`, columns: ['id', 'label'] }]);
    expect(workspace.tables[0].profile.columns.map((c) => c.name)).toEqual(['id', 'label']);
    await (await workspace.engine).close();
  });

  it('fetches whole a host that says it takes ranges but does not', async () => {
    server.log.length = 0;
    const workspace = workspaceWith(ignoresRanges);
    await workspace.loadUrls([{ url: `${server.origin}/runs.parquet` }]);
    expect(workspace.tables.map((t) => [t.format, t.profile.rows])).toEqual([['parquet', 20_000]]);
    expect(server.log.map((r) => r.status)).not.toContain(206);
    await (await workspace.engine).close();
  });

  it('fetches whole, and recognises by content, a .parquet that is not Parquet', async () => {
    server.log.length = 0;
    const workspace = workspaceWith();
    await workspace.loadUrls([{ url: `${server.origin}/misnamed.parquet` }]);
    expect(workspace.tables.map((t) => [t.format, t.profile.rows])).toEqual([['csv', 2]]);
    // The first 4 bytes were asked for (and were not PAR1), then the file came whole.
    expect(server.log.map((r) => [r.method, r.range])).toEqual([
      ['HEAD', null],
      ['GET', 'bytes=0-3'],
      ['GET', null],
    ]);
    await (await workspace.engine).close();
  });

  it('says which address failed when the file is not there', async () => {
    const workspace = workspaceWith();
    await workspace.loadUrls([{ url: `${server.origin}/missing.parquet` }]);
    expect(workspace.jobs[0].status).toBe('failed');
    expect(workspace.jobs[0].error).toContain('answered 404');
    expect(workspace.jobs[0].error).toContain('missing.parquet');
    await (await workspace.engine).close();
  });
});
