import { describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * Role changes picked in quick succession (the second before the first's dataset is rebuilt)
 * each apply to the dataset the one before left: under load in e2e, a label then a score left no
 * label, since both were rebuilt from the same dataset.
 */
describe('Workspace: edits of a dataset, one after another', () => {
  it('keeps both of two role changes made without waiting for the first', async () => {
    const csv =
      'person_id,group,risk_score,reoffended\n' +
      Array.from({ length: 40 }, (_, i) => `${i},g${i % 3},${(i % 10) + 1},${i % 2}`).join('\n');
    const workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
    await workspace.loadFiles([{ name: 'risk.csv', blob: new Blob([csv]) }]);
    const name = workspace.datasets[0].plan.name;
    const first = workspace.setRole(name, 'reoffended', 'label');
    const second = workspace.setRole(name, 'risk_score', 'score');
    await Promise.all([first, second]);
    const roles = workspace.dataset(name)!.roles;
    expect(roles.reoffended).toBe('label');
    expect(roles.risk_score).toBe('score');
    await (await workspace.engine).close();
  });
});
