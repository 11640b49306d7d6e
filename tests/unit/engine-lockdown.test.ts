import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/engine/engine';
import { literal } from '../../src/lib/sql/quote';
import { NATIVE, WASM } from '../engines';

/**
 * The locked engine (engine-lockdown.ts) reads only the files registered with it, whatever SQL it
 * is sent: these statements go to the engine directly, past the SQL cell's one-query check. On
 * native DuckDB (the runner) and on DuckDB-WASM's own build in Node, which reads the disk through
 * Node's file system, as the browser's reads the files the user picked.
 */
let listener: Server;
let port: number;
const connections: string[] = [];
const outside = mkdtempSync(join(tmpdir(), 'slicebook-outside-'));
const secret = join(outside, 'secret.txt');
writeFileSync(secret, 'not given to the engine\n');

beforeAll(async () => {
  listener = createServer((socket) => {
    connections.push(socket.remoteAddress ?? 'unknown');
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});
afterAll(() => {
  listener.close();
});

describe.each([NATIVE, WASM])('the locked engine ($name)', (factory) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
  }, 60_000);
  afterAll(() => engine.close());

  const failure = (sql: string) =>
    engine.query(sql).then(
      () => 'ran',
      (e: Error) => e.message.split('\n')[0],
    );

  it('reads a registered file', async () => {
    const path = await engine.registerFile('given.csv', new TextEncoder().encode('a\n1\n2\n'));
    const result = await engine.query(`SELECT sum(a)::DOUBLE AS s FROM read_csv(${literal(path)})`);
    expect(result.get(0)?.toJSON()).toEqual({ s: 3 });
  });

  it('refuses read_csv of an http URL, and nothing connects', async () => {
    const url = `http://127.0.0.1:${port}/leak?d=secret`;
    expect(await failure(`SELECT * FROM read_csv(${literal(url)})`)).toBe(
      `Permission Error: Cannot access file "${url}" - file system operations are disabled by configuration`,
    );
    expect(connections).toEqual([]);
  });

  it('refuses read_text of a local path outside its files', async () => {
    expect(await failure(`SELECT * FROM read_text(${literal(secret)})`)).toMatch(
      /^Permission Error: Cannot access file/,
    );
    expect(await failure("SELECT * FROM read_text('/etc/hostname')")).toMatch(/^Permission Error/);
    expect(await failure("SELECT * FROM glob('/etc/*')")).toMatch(/^Permission Error/);
  });

  it('refuses a path that climbs out of its files folder', async () => {
    const path = await engine.registerFile('inside.csv', new TextEncoder().encode('a\n1\n'));
    const climb = `${path}/../../../../../../..${secret}`;
    expect(await failure(`SELECT * FROM read_text(${literal(climb)})`)).toMatch(
      /^Permission Error/,
    );
  });

  it('refuses ATTACH of a file, COPY ... TO and EXPORT, and writes nothing', async () => {
    const db = join(outside, 'attached.db');
    const copied = join(outside, 'copied.csv');
    expect(await failure(`ATTACH ${literal(db)} AS other`)).toMatch(/^Permission Error/);
    expect(await failure(`COPY (SELECT 1 AS x) TO ${literal(copied)}`)).toMatch(
      /^Permission Error/,
    );
    expect(await failure(`EXPORT DATABASE ${literal(join(outside, 'export'))}`)).toMatch(
      /^Permission Error/,
    );
    expect([db, copied, join(outside, 'export')].filter(existsSync)).toEqual([]);
  });

  it('refuses LOAD of an extension; INSTALL fetches nothing', async () => {
    const repository = literal(`http://127.0.0.1:${port}/`);
    // Native DuckDB refuses INSTALL; DuckDB-WASM downloads an extension only on LOAD, so its
    // INSTALL records nothing and returns.
    const install = factory === WASM ? 'ran' : expect.stringMatching(/^Permission Error/);
    expect(await failure('INSTALL httpfs')).toEqual(install);
    expect(await failure(`FORCE INSTALL httpfs FROM ${repository}`)).toEqual(install);
    expect(await failure('LOAD httpfs')).toMatch(/^Permission Error/);
    expect(connections).toEqual([]);
  });

  it('refuses every SET: the configuration is locked', async () => {
    for (const setting of [
      'enable_external_access = true',
      'lock_configuration = false',
      "allowed_directories = ['/']",
      'autoload_known_extensions = true',
      'threads = 1',
    ])
      expect(await failure(`SET ${setting}`)).toMatch(
        /^Invalid Input Error: Cannot change configuration option ".*" - the configuration has been locked/,
      );
    expect(await failure('RESET enable_external_access')).toMatch(/locked/);
  });
});
