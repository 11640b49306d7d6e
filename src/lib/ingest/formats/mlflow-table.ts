import type { FileText, FormatPlan, FoundFile, HarnessFormat } from './harness-format';

/**
 * A table in pandas' "split" orientation (`{"columns": [...], "index": [...], "data": [[...], ...]}`),
 * as MLflow writes `eval_results_table.json` (mlflow.evaluate's artifact): a row per entry of
 * `data`. Each file stays a table of its own, so several runs' tables stack by their paths.
 */
const SPLIT = /^\s*\{\s*"columns"\s*:\s*\[/;

export const mlflowTable: HarnessFormat = {
  label: "a table in pandas' split orientation (MLflow eval_results_table.json)",
  claim(files: readonly FoundFile[]): FoundFile[][] {
    return files.filter((f) => SPLIT.test(f.head)).map((f) => [f]);
  },
  read([file]: readonly FileText[]): FormatPlan {
    const parsed: unknown = JSON.parse(file.text);
    const { columns, data } = (parsed ?? {}) as { columns?: unknown; data?: unknown };
    if (!Array.isArray(columns) || !Array.isArray(data))
      throw new Error(`${file.name} has "columns" but no "data" array of rows.`);
    const names = columns.map(String);
    const rows = data.map((values, i) => {
      if (!Array.isArray(values) || values.length !== names.length)
        throw new Error(
          `${file.name}: row ${i + 1} of "data" has ${Array.isArray(values) ? values.length : 'no'} values for ${names.length} columns.`,
        );
      return Object.fromEntries(names.map((n, j) => [n, values[j]]));
    });
    if (rows.length === 0) throw new Error(`${file.name} holds no rows in "data".`);
    const mlflow = /(^|\/)eval_results_table\.json$/.test(file.name);
    const label = names.find((n) => n === 'ground_truth' || n === 'targets');
    const roles: FormatPlan['roles'] = {};
    if (label && names.includes('outputs')) {
      roles[label] = { role: 'label', reason: `MLflow: the expected answer ("${label}")` };
      roles.outputs = { role: 'prediction', reason: "MLflow: the model's output" };
    }
    return {
      name: file.name,
      rows,
      roles,
      notes: [
        `Read as ${mlflow ? 'an MLflow evaluation table (eval_results_table.json, ' : 'a table in '}pandas' split orientation${mlflow ? ')' : ''}: ${names.length} columns, ${rows.length} rows.`,
      ],
    };
  },
};
