import { describe, expect, it } from 'vitest';
import { mlflowTable } from '../../src/lib/ingest/formats/mlflow-table';

const file = (text: string, name = 'run/artifacts/eval_results_table.json') => ({ name, text });

describe("a table in pandas' split orientation (MLflow eval_results_table.json)", () => {
  it('claims JSON that starts with "columns", one file per table, and nothing else', () => {
    const found = [
      { name: 'a/eval_results_table.json', head: '{"columns": ["inputs"], "data": [["q"]]}' },
      { name: 'b/eval_results_table.json', head: ' {\n "columns": [' },
      { name: 'c/rows.json', head: '{"rows": [{"a": 1}]}' },
    ];
    expect(mlflowTable.claim(found).map((g) => g.map((f) => f.name))).toEqual([
      ['a/eval_results_table.json'],
      ['b/eval_results_table.json'],
    ]);
  });

  it('a row per entry of data, named by columns; ground_truth and outputs as label and prediction', () => {
    const plan = mlflowTable.read([
      file(
        JSON.stringify({
          columns: ['inputs', 'ground_truth', 'outputs', 'latency'],
          index: [0, 1],
          data: [
            ['q1', 'a', 'a', 0.5],
            ['q2', 'b', 'c', 0.7],
          ],
        }),
      ),
    ]);
    expect(plan.rows).toEqual([
      { inputs: 'q1', ground_truth: 'a', outputs: 'a', latency: 0.5 },
      { inputs: 'q2', ground_truth: 'b', outputs: 'c', latency: 0.7 },
    ]);
    expect(plan.roles.ground_truth.role).toBe('label');
    expect(plan.roles.outputs.role).toBe('prediction');
    expect(plan.name).toBe('run/artifacts/eval_results_table.json');
  });

  it('a row with too few values is refused, naming the file and the row', () => {
    expect(() =>
      mlflowTable.read([file('{"columns": ["a", "b"], "data": [[1, 2], [3]]}', 't.json')]),
    ).toThrow('t.json: row 2 of "data" has 1 values for 2 columns.');
  });
});
