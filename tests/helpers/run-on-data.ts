import { runNotebook } from '../../src/cli/run-notebook';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { emptyNotebook } from '../../src/lib/notebook/notebook';

/** The runner on one `--data name=path` with an empty notebook, on a fresh engine as the command makes one. */
export async function runOnData(name: string, path: string) {
  const engine = await createNodeEngine();
  try {
    return await runNotebook(engine, emptyNotebook(), [{ name, path }]);
  } finally {
    await engine.close();
  }
}
