import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { resolveData } from '../../src/cli/resolve-data';
import { checkAssertions } from '../../src/lib/notebook/assertions';
import { emptyNotebook, type Assertion } from '../../src/lib/notebook/notebook';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import type { OverviewCellResult } from '../../src/lib/cells/overview/run-overview-cell';
import { resultTables } from '../../src/lib/notebook/result-tables';
import { tableCsv } from '../../src/lib/csv';

/** Four slices of two models; accuracies worked out by hand: 45/50, 14/20, 3/10, 80/100. */
const slices = [
  { model: 'a', region: 'north', n: 50, accuracy: 45 / 50 },
  { model: 'a', region: 'south', n: 20, accuracy: 14 / 20 },
  { model: 'a', region: 'tiny', n: 10, accuracy: 3 / 10 },
  { model: 'b', region: 'north', n: 100, accuracy: 80 / 100 },
];
const worst = (a: Partial<Assertion>) =>
  checkAssertions('by_region', { slices }, [{ column: 'accuracy', op: '>=', value: 0.7, ...a }])[0];

describe('assertions', () => {
  it('fails on the worst row and says by how much', () => {
    const out = worst({});
    expect(out.passed).toBe(false);
    expect(out.checked).toBe(4);
    expect(out.failing).toBe(1);
    expect(out.worst).toEqual({ row: 'model=a, region=tiny', value: 0.3, margin: 0.3 - 0.7 });
    expect(out.message).toBe(
      'fails: 1 of 4 rows; the worst, model=a, region=tiny, has accuracy 0.3, short of >= 0.7 by 0.4.',
    );
  });

  it('leaves out small slices with minN and narrows with where', () => {
    const out = worst({ minN: 20, where: { model: 'a' } });
    expect(out.checked).toBe(2);
    // 14/20 = 0.7 is on the bound: >= holds.
    expect(out.passed).toBe(true);
    expect(out.message).toContain('closest row (model=a, region=south)');
    expect(worst({ minN: 20, where: { model: 'a' }, op: '>' }).passed).toBe(false);
  });

  it('reads <= bounds the other way', () => {
    const out = worst({ op: '<=', value: 0.85 });
    expect(out.failing).toBe(1);
    expect(out.worst?.row).toBe('model=a, region=north');
    expect(out.worst?.margin).toBeCloseTo(0.85 - 0.9, 12);
  });

  it('fails, naming the problem, when the cell has no such table, column or rows', () => {
    expect(worst({ table: 'groups' }).message).toBe(
      'the cell has no table "groups"; its tables are: slices.',
    );
    expect(worst({ column: 'acc' }).message).toBe(
      'the table slices has no column "acc"; its numeric columns are: n, accuracy.',
    );
    expect(worst({ where: { model: 'c' } }).message).toBe(
      'no row of slices matches (4 rows before narrowing).',
    );
    const notRun = checkAssertions('x', {}, [{ column: 'n', op: '>', value: 0 }], 'no data');
    expect(notRun[0]).toMatchObject({ passed: false, message: 'the cell has no result: no data' });
  });

  it('counts a missing value (NaN written as null) as failing', () => {
    const out = checkAssertions('f', { disparities: [{ group: 'g', fpr_ratio: null }] }, [
      { column: 'fpr_ratio', op: '>=', value: 0.8 },
    ])[0];
    expect(out.passed).toBe(false);
    expect(out.message).toContain('g has no value for fpr_ratio');
  });

  it('survives the notebook file round trip and the schema rejects a bad operator', () => {
    const cell = {
      id: 'c1',
      name: 'overview_1',
      kind: 'overview' as const,
      collapsed: false,
      dataset: 'ds',
      assertions: [{ column: 'accuracy', op: '>=' as const, value: 0.8, where: { model: 'm' } }],
    };
    const notebook = { ...emptyNotebook(), cells: [cell] };
    expect(parseNotebook(serializeNotebook(notebook))).toEqual({ notebook });
    const bad = serializeNotebook(notebook).replace('">="', '"=>"');
    expect(parseNotebook(bad)).toMatchObject({ error: expect.stringContaining('/cells/0') });
  });
});

describe('result tables', () => {
  it('names an overview column after its metric and writes NaN as an empty CSV field', () => {
    const result: OverviewCellResult = {
      status: 'overview',
      sql: '',
      seconds: 0,
      rows: [
        {
          model: 'm, "x"',
          metric: 'mean outcome',
          n: 4,
          excluded: 1,
          estimate: 0.5,
          interval: { low: NaN, high: 0.9 },
          method: 't',
          missingPredictions: 0,
        },
      ],
    };
    const tables = resultTables(CELL_KINDS.overview, result);
    expect(tables.overview[0]).toMatchObject({ mean_outcome: 0.5, mean_outcome_low_95: null });
    expect(tableCsv(tables.overview)).toBe(
      'model,n,excluded,mean_outcome,mean_outcome_low_95,mean_outcome_high_95,method,missing_predictions\n' +
        '"m, ""x""",4,1,0.5,,0.9,t,0\n',
    );
  });
});

describe('command line', () => {
  it('parses run, its data files and flags', () => {
    expect(
      parseArgs([
        'run',
        'nb.json',
        '--data',
        'a.csv=/x/new.csv',
        '--data=/y/b.csv',
        '--out',
        'o',
        '--check',
      ]),
    ).toEqual({
      notebook: 'nb.json',
      data: ['a.csv=/x/new.csv', '/y/b.csv'],
      baseline: [],
      out: 'o',
      check: true,
    });
    expect(parseArgs(['run', 'nb.json', '--out', 'o'])).toEqual({
      error: 'no data given: add --data name=path.',
    });
    expect(parseArgs(['go'])).toMatchObject({ error: expect.stringContaining('unknown command') });
  });

  it('issue 16 case 12: --data splits name=path only on a name the notebook knows', () => {
    const ref = (name: string) => ({ name, size: 1, rows: 1, sha256: null });
    const notebook = { ...emptyNotebook(), data: [ref('a.jsonl'), ref('b.jsonl')] };
    const files = new Set([
      'runs/mmlu-subject=philosophy,model=x/a.jsonl',
      'runs/k=v/new-b.jsonl',
      'x=1/b.jsonl',
    ]);
    const exists = (path: string) => files.has(path);
    const resolve = (...specs: string[]) => {
      const args = parseArgs([
        'run',
        'nb.json',
        '--out',
        'o',
        ...specs.flatMap((s) => ['--data', s]),
      ]);
      if (!('data' in args)) throw new Error(JSON.stringify(args));
      return resolveData(notebook, args.data, exists);
    };
    // Evaluation harnesses write folders such as `mmlu-subject=philosophy,model=x/`.
    expect(
      resolve('runs/mmlu-subject=philosophy,model=x/a.jsonl', 'b.jsonl=runs/k=v/new-b.jsonl'),
    ).toEqual([
      { name: 'a.jsonl', path: 'runs/mmlu-subject=philosophy,model=x/a.jsonl' },
      { name: 'b.jsonl', path: 'runs/k=v/new-b.jsonl' },
    ]);
    // "x" is no file the notebook knows: the whole argument is the path, named by its file name.
    expect(resolve('x=1/b.jsonl')).toEqual([{ name: 'b.jsonl', path: 'x=1/b.jsonl' }]);
    // Neither reading fits: both are named.
    expect(resolve('c.jsonl=/c')).toEqual({
      error:
        'no file "c.jsonl=/c", and "c.jsonl" is not a data file the notebook names (it names: a.jsonl, b.jsonl).',
    });
    expect(resolve('/nowhere/a.jsonl')).toEqual({ error: 'no file "/nowhere/a.jsonl".' });
  });

  it('maps data files to the names the notebook knows, in its order', () => {
    const ref = (name: string) => ({ name, size: 1, rows: 1, sha256: null });
    const notebook = { ...emptyNotebook(), data: [ref('a.jsonl'), ref('b.jsonl')] };
    const exists = () => true;
    expect(resolveData(notebook, ['/d/b.jsonl', 'a.jsonl=/n.jsonl'], exists)).toEqual([
      { name: 'a.jsonl', path: '/n.jsonl' },
      { name: 'b.jsonl', path: '/d/b.jsonl' },
    ]);
    expect(resolveData(notebook, ['/d/b.jsonl', 'b.jsonl=/n.jsonl'], exists)).toEqual({
      error: 'two --data files are named "b.jsonl".',
    });
    const single = { ...emptyNotebook(), data: [ref('loan.parquet')] };
    expect(resolveData(single, ['/ci/new-run.parquet'], exists)).toEqual([
      { name: 'loan.parquet', path: '/ci/new-run.parquet' },
    ]);
  });
});
