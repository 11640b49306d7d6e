import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * A file's SHA-256 (how a notebook recognises its data) is taken after its datasets are built, so
 * the first answer does not wait for it (0.7 s for a 76 MiB CSV).
 */
describe('Workspace: hashing after the overview', () => {
  it('builds the datasets first, then records the SHA-256 of each file', async () => {
    const csv = 'example_id,model,label,prediction\n1,a,0,0\n2,a,1,0\n1,b,0,0\n2,b,1,1\n';
    const other = 'example_id,model,label,prediction\n1,c,1,1\n2,c,0,1\n';
    const workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
    const atDatasets: (string | null)[][] = [];
    const atHashed: (string | null)[][] = [];
    workspace.onDatasetsChanged = () => atDatasets.push(workspace.tables.map((t) => t.sha256));
    workspace.onTablesHashed = () => atHashed.push(workspace.tables.map((t) => t.sha256));
    await workspace.loadFiles([
      { name: 'runs.csv', blob: new Blob([csv]) },
      { name: 'more.csv', blob: new Blob([other]) },
    ]);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(atDatasets).toEqual([[null, null]]);
    expect(atHashed).toEqual([[sha(csv), sha(other)]]);
    expect(workspace.datasets.length).toBeGreaterThan(0);
    await (await workspace.engine).close();
  });
});
