import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '@playwright/test';
import { launchBrowser } from '../../bench/browser';
import { ensureDump, type Dump } from '../../bench/generate';
import { countsDiffer, nativeCounts, type GroupCounts } from '../../bench/peer-counts';
import { benchPerspective, groupsOf, startPerspectivePage } from '../../bench/perspective';
import { resultsMarkdown } from '../../bench/report';

const byKey = (groups: GroupCounts[]) => [...groups].sort((a, b) => a.key.localeCompare(b.key));

describe('countsDiffer', () => {
  const native: GroupCounts[] = [
    { key: 'a|r0', n: 10, successes: 7 },
    { key: 'b|r0', n: 5, successes: 1 },
  ];

  it('finds nothing when every group has the same rows and right answers, in any order', () => {
    expect(countsDiffer([native[1], native[0]], native)).toBeUndefined();
  });

  it('names the group whose right answers are off by one', () => {
    const peer = [native[0], { key: 'b|r0', n: 5, successes: 2 }];
    expect(countsDiffer(peer, native)).toBe('group b|r0: 2/5 right, native DuckDB 1/5');
  });

  it('names a missing group, an extra group and a group counted twice', () => {
    expect(countsDiffer([native[0]], native)).toBe('group b|r0 is missing');
    expect(countsDiffer([...native, { key: 'c|r0', n: 1, successes: 1 }], native)).toBe(
      "group c|r0 is not in native DuckDB's answer",
    );
    expect(countsDiffer([...native, native[0]], native)).toBe('a group appears twice in 3 rows');
  });
});

describe('groupsOf', () => {
  it("keeps the groups at the depth asked, not Perspective's total and parent rows", () => {
    const columns = {
      __ROW_PATH__: [[], ['a'], ['a', 'r0'], ['a', 'r1']],
      label: [30, 15, 10, 5],
      successes: [20, 9, 7, 2],
    };
    expect(groupsOf(columns, 2)).toEqual([
      { key: 'a|r0', n: 10, successes: 7 },
      { key: 'a|r1', n: 5, successes: 2 },
    ]);
    expect(groupsOf(columns, 1)).toEqual([{ key: 'a', n: 15, successes: 9 }]);
  });
});

describe('resultsMarkdown', () => {
  it('shows Perspective in its own column with its ratio to the browser', () => {
    const table = resultsMarkdown([
      {
        rows: 1_000_000,
        csvMiB: 76,
        parquetMiB: 9,
        busyCoresAtStart: 0,
        loadAverage: [1, 1],
        measures: {
          browser: { values: { overview: [200, 200, 200] }, notes: [] },
          perspective: { values: { overview: [500, 600, 700] }, notes: ['Perspective 3.8.0'] },
        },
      },
    ]);
    expect(table).toContain('| polars | Perspective | browser / native |');
    expect(table).toContain(
      '| overview | 1M | 200 ms (200 ms–200 ms) | – | – | – | – | 600 ms (500 ms–700 ms) | – | – | – | – | 3.00x |',
    );
    expect(table).toContain('- 1M: Perspective 3.8.0');
  });
});

/** Rows and right answers per model, counted from the CSV's text: a second count, not DuckDB's. */
function handCountPerModel(csv: string): GroupCounts[] {
  const [header, ...lines] = readFileSync(csv, 'utf8').trim().split('\n');
  const at = (name: string) => header.split(',').indexOf(name);
  const [model, label, prediction] = [at('model'), at('label'), at('prediction')];
  const counts = new Map<string, GroupCounts>();
  for (const line of lines) {
    const cells = line.split(',');
    const group = counts.get(cells[model]) ?? { key: cells[model], n: 0, successes: 0 };
    group.n += 1;
    group.successes += cells[label] === cells[prediction] ? 1 : 0;
    counts.set(group.key, group);
  }
  return [...counts.values()];
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe.skipIf(!existsSync(chromium))(
  `the Perspective peer on a small generated dump (needs Chromium at ${chromium})`,
  () => {
    let folder: string;
    let dump: Dump;
    let browser: Browser;
    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'slicebook-perspective-'));
      dump = await ensureDump(folder, 3000, () => undefined);
      browser = await launchBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it("loads both files and answers with native DuckDB's counts on the CSV, nothing from another origin", async () => {
      const server = await startPerspectivePage();
      const plan = { warmup: 0, runs: 1, toggles: 1, analysisRuns: 0, timeoutMs: 60_000 };
      const measured = await benchPerspective(browser, server, dump, plan, () => undefined).finally(
        () => server.close(),
      );
      expect(measured.notes.filter((n) => /failed|left out/.test(n))).toEqual([]);
      for (const measure of ['load csv', 'load parquet', 'overview', 'slice table, 2 features'])
        expect(measured.values[measure], measure).toHaveLength(1);
      expect(byKey(measured.answers.overview)).toEqual(byKey(handCountPerModel(dump.csv)));
      for (const [measure, features] of [
        ['slice table, 1 feature', ['region']],
        ['slice table, 2 features', ['region', 'lang']],
      ] as const) {
        const native = await nativeCounts(dump.csv, [...features]);
        expect(native.length).toBeGreaterThan(features.length === 1 ? 20 : 250);
        expect(byKey(measured.answers[measure])).toEqual(byKey(native));
      }
      expect(measured.notes).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Perspective page: requests to other origins 0; /),
        ]),
      );
      expect(server.log.filter((r) => r.status !== 200).map((r) => r.path)).toEqual([]);
    }, 180_000);
  },
);
