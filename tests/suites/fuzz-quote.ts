import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/engine/engine';
import { ident, listLiteral, literal } from '../../src/lib/sql/quote';
import type { EngineFactory } from '../engines';

/** The fuzz quote suite, run once per engine (tests/engines.ts). */
export function fuzzQuoteSuite(factory: EngineFactory): void {
  /**
   * No text can break out of ident/literal/listLiteral: each generated value is run through native
   * DuckDB in the places the app uses it (table and column names, values, lists), and a sentinel
   * table that an injected `DROP` or `DELETE` would hit must survive every run.
   */
  const tricky = fc.constantFrom(
    "'",
    '"',
    '""',
    "''",
    '\\',
    '\\"',
    "\\'",
    '\n',
    ';',
    '--',
    '/*',
    '*/',
    '$$',
    '`',
    '[',
    ']',
    '\u2028',
    '\u00e9',
    '\u{1F600}',
    '"; DROP TABLE sentinel; --',
    "'; DELETE FROM sentinel; --",
  );
  const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
  const text = fc
    .string({ unit: fc.oneof(tricky, anyChar), maxLength: 40 })
    .filter((s) => !s.includes('\u0000'));
  const name = text.filter((s) => s.trim().length > 0);

  describe('fuzz: quoting against native DuckDB', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await factory.create();
      await engine.query('CREATE TABLE sentinel AS SELECT 1 AS alive');
    });
    afterAll(async () => {
      await engine.close();
    });
    const sentinelAlive = async () =>
      expect(Number((await engine.query('SELECT count(*) AS n FROM sentinel')).get(0)?.n)).toBe(1);

    it('ident(x) as a table name creates, describes and drops exactly the table x', async () => {
      await fc.assert(
        fc.asyncProperty(name, name, async (table, column) => {
          await engine.query(`CREATE TABLE ${ident(table)} AS SELECT 1 AS ${ident(column)}`);
          const described = await engine.query(`DESCRIBE ${ident(table)}`);
          expect(described.toArray().map((r) => r.column_name)).toEqual([column]);
          await engine.query(`DROP TABLE ${ident(table)}`);
          await sentinelAlive();
        }),
        { numRuns: 150, seed: 7 },
      );
    });

    it('literal(x) in a WHERE clause matches exactly the row holding x', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(text, { minLength: 1, maxLength: 5 }), async (values) => {
          const rows = values.map((v) => `(${literal(v)})`).join(', ');
          await engine.query(`CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES ${rows}) v(s)`);
          for (const v of values) {
            const hit = await engine.query(`SELECT s FROM t WHERE s = ${literal(v)}`);
            expect(hit.toArray().map((r) => r.s)).toEqual([v]);
          }
          await sentinelAlive();
        }),
        { numRuns: 100, seed: 11 },
      );
    });

    it('listLiteral(xs) reads back as the list xs', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(text, { maxLength: 6 }), async (values) => {
          const result = await engine.query(
            `SELECT unnest(${values.length ? listLiteral(values) : '[]::VARCHAR[]'}) AS s`,
          );
          expect(result.toArray().map((r) => r.s)).toEqual(values);
        }),
        { numRuns: 100, seed: 13 },
      );
    });

    it('literal(n) reads back as the number n', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
          async (n) => {
            const result = await engine.query(`SELECT (${literal(n)})::DOUBLE AS v`);
            expect(result.get(0)?.v).toBe(n === 0 ? 0 : n);
          },
        ),
        { numRuns: 200, seed: 17 },
      );
    });

    it('only the documented errors escape: NUL characters and non-finite numbers', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), fc.double(), (s, n) => {
          for (const quote of [() => ident(s), () => literal(s), () => literal(n)]) {
            try {
              quote();
            } catch (e) {
              expect((e as Error).message).toMatch(/NUL character|not a finite number/);
            }
          }
        }),
        { numRuns: 500, seed: 19 },
      );
    });
  });
}
