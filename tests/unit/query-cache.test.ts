import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { CancelledError, type Engine } from '../../src/lib/engine/engine';
import { queryLog } from '../../src/lib/notebook/query-log';
import { NotebookModel } from '../../src/lib/notebook/notebook-model.svelte';
import { QueryCache } from '../../src/lib/notebook/query-cache';
import { memoryStore } from '../../src/lib/notebook/storage';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

type Row = Record<string, unknown>;

describe('the query cache', () => {
  const counted = () => {
    const calls: string[] = [];
    const read = async (sql: string): Promise<Row[]> => {
      calls.push(sql);
      return [{ n: calls.length }];
    };
    return { calls, read };
  };

  it('reads a query once per data version, and again after any change', async () => {
    const cache = new QueryCache();
    const { calls, read } = counted();
    expect(await cache.rows('SELECT 1', read)).toEqual([{ n: 1 }]);
    expect(await cache.rows('SELECT 1', read)).toEqual([{ n: 1 }]);
    expect(await cache.rows('SELECT 2', read)).toEqual([{ n: 2 }]);
    cache.invalidate();
    expect(await cache.rows('SELECT 1', read)).toEqual([{ n: 3 }]);
    expect(calls).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 1']);
  });

  it('does not keep what was read while a table changed', async () => {
    const cache = new QueryCache();
    let finish: (rows: Row[]) => void = () => {};
    const slow = cache.rows('SELECT 1', () => new Promise<Row[]>((r) => (finish = r)));
    cache.invalidate(); // a SQL cell replaced the table while the query ran
    finish([{ n: 'old' }]);
    expect(await slow).toEqual([{ n: 'old' }]);
    const { read } = counted();
    expect(await cache.rows('SELECT 1', read)).toEqual([{ n: 1 }]);
  });

  it('does not keep a failed read, keeps at most `limit` queries, and freezes the rows it shares', async () => {
    const cache = new QueryCache(2);
    await expect(cache.rows('SELECT 1', () => Promise.reject(new Error('gone')))).rejects.toThrow(
      'gone',
    );
    const { calls, read } = counted();
    const rows = await cache.rows('SELECT 1', read);
    expect(() => ((rows[0] as Row).n = 5)).toThrow(TypeError);
    await cache.rows('SELECT 2', read);
    await cache.rows('SELECT 3', read);
    await cache.rows('SELECT 1', read); // the oldest went
    expect(calls).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 1']);
  });

  it('lets a run that shares a read another run cancelled read it itself', async () => {
    const cache = new QueryCache();
    let calls = 0;
    const engine = {
      query: async (_sql: string, signal?: AbortSignal) => {
        const n = ++calls;
        await new Promise((r) => setTimeout(r, 10));
        if (signal?.aborted) throw new CancelledError();
        return tableFromArrays({ n: [n] });
      },
    } as unknown as Engine;
    const cancelled = new AbortController();
    const first = queryLog(engine, cancelled.signal, cache).readShared('SELECT 1');
    const second = queryLog(engine, undefined, cache).readShared('SELECT 1');
    cancelled.abort();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(await second).toEqual([{ n: 2 }]);
    expect(calls).toBe(2);
  });
});

/**
 * Four models on 200 examples; model m is right on example i unless (i + m) % (m + 2) = 0, so
 * the pattern counts are worked out in the test. `flip` makes every model wrong on every example
 * with id < flip.
 */
function panelCsv(flip = 0): string {
  const lines = ['example_id,model,label,prediction'];
  for (let i = 0; i < 200; i++)
    for (let m = 0; m < 4; m++) {
      const wrong = i < flip || (i + m) % (m + 2) === 0;
      lines.push(`${i},m${m},1,${wrong ? 0 : 1}`);
    }
  return lines.join('\n') + '\n';
}

/** Examples every model gets right, counted in a loop. */
function allRight(flip = 0): number {
  let n = 0;
  for (let i = flip; i < 200; i++) if ([0, 1, 2, 3].every((m) => (i + m) % (m + 2) !== 0)) n++;
  return n;
}

describe('the agreement cell and the leaderboard share their pass, and a change to the data is never answered from the cache', () => {
  let workspace: Workspace | undefined;
  let notebook: NotebookModel | undefined;
  afterEach(async () => {
    await notebook?.queue.idle();
    await (await workspace?.engine)?.close();
  });

  async function setUp() {
    const passes: string[] = [];
    const createEngine = async (): Promise<Engine> => {
      const engine = await createNodeEngine();
      return new Proxy(engine, {
        get: (target, key) =>
          key === 'query'
            ? (sql: string, signal?: AbortSignal) => {
                if (sql.includes('bit_or(')) passes.push(sql);
                return target.query(sql, signal);
              }
            : Reflect.get(target, key),
      });
    };
    workspace = new Workspace({ createEngine, decode: nodeDecode });
    const model = (notebook = new NotebookModel({
      workspace,
      kinds: CELL_KINDS,
      store: memoryStore(),
    }));
    workspace.settings = model.datasetStore();
    await workspace.loadFiles([{ name: 'panel.csv', blob: new Blob([panelCsv()]) }]);
    const agreement = model.addCell('agreement', undefined, { dataset: 'ds_panel' } as never);
    const leaderboard = model.addCell('leaderboard', undefined, {
      dataset: 'ds_panel',
      metric: 'accuracy',
      replicates: 20,
    } as never);
    await model.queue.idle();
    const allRightNow = () => {
      const result = model.results[agreement.id] as {
        status: string;
        slices: { groups: { group: string; examples: number }[] }[];
      };
      expect(result.status).toBe('agreement');
      return result.slices[0].groups.find((g) => g.group === 'all right')?.examples;
    };
    return { model, agreement, leaderboard, passes, allRightNow };
  }

  it('runs the pass once for both cells, and again after a SQL cell stores other rows under its name', async () => {
    const { model, agreement, leaderboard, passes, allRightNow } = await setUp();
    await model.run(agreement.id);
    await model.run(leaderboard.id);
    const first = passes.length;
    await model.run(agreement.id);
    await model.run(leaderboard.id);
    expect(passes.length).toBe(first); // both answered from the cache
    expect(allRightNow()).toBe(allRight());
    expect(model.results[leaderboard.id]?.status).toBe('leaderboard');

    // A SQL cell stores its result as a table named after the cell; its dataset is a view of it.
    const rows = model.addCell('sql', undefined, {
      name: 'panel_rows',
      sql: 'SELECT * FROM panel',
    } as never);
    await model.run(rows.id);
    model.updateCell(agreement.id, { dataset: 'ds_panel_rows' });
    await model.run(agreement.id);
    const onRows = passes.length;
    await model.run(agreement.id);
    expect(passes.length).toBe(onRows);
    expect(allRightNow()).toBe(allRight());

    // The same table name, other rows: every model wrong on the first 50 examples.
    const flipped = panelCsv(50).split('\n').slice(1).filter(Boolean);
    const values = flipped.map((l) => `(${l.replace(/(m\d)/, "'$1'")})`).join(', ');
    model.updateCell(rows.id, {
      sql: `SELECT * FROM (VALUES ${values}) v(example_id, model, label, prediction)`,
    });
    await model.run(rows.id);
    expect(model.results[rows.id]).toMatchObject({ status: 'table', total: 800 });
    await model.run(agreement.id);
    expect(passes.length).toBe(onRows + 1);
    expect(allRightNow()).toBe(allRight(50));
  });

  it('empties the cache around every SQL cell`s run, whatever table it stores', async () => {
    const { model, agreement, passes } = await setUp();
    await model.run(agreement.id);
    const before = passes.length;
    const emptied = vi.spyOn(workspace!.cache, 'invalidate');
    const sql = model.addCell('sql', undefined, { name: 'other', sql: 'SELECT 1 AS one' } as never);
    await model.run(sql.id);
    expect(emptied.mock.calls.length).toBeGreaterThanOrEqual(2); // before and after the run
    await model.run(agreement.id);
    expect(passes.length).toBe(before + 1);
  });

  it('never answers from the cache after a role edit or a file opened again under the same name', async () => {
    const { model, agreement, passes, allRightNow } = await setUp();
    await model.run(agreement.id);
    expect(allRightNow()).toBe(allRight());

    await workspace!.setTaskKind('ds_panel', 'binary');
    await model.queue.idle();
    const afterEdit = passes.length;
    await model.run(agreement.id);
    expect(passes.length).toBe(afterEdit + 1);

    await workspace!.loadFiles([{ name: 'panel.csv', blob: new Blob([panelCsv(100)]) }]);
    await model.queue.idle();
    await model.run(agreement.id);
    expect(allRightNow()).toBe(allRight(100));
  });
});
