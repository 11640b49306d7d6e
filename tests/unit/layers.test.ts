import { describe, expect, it } from 'vitest';
import { importGraph, importsOf, reachable, repoRoot, type Import } from '../helpers/import-graph';

/**
 * The layers of src/, top first (README, "Layout"): a file may import its own folder and the
 * layers below its own, never one above. A path names a folder (ending in /) or one file.
 */
const LAYERS: { layer: string; paths: string[] }[] = [
  {
    layer: 'app',
    paths: ['src/main.ts', 'src/App.svelte', 'src/styles/', 'src/lib/bench-hook.ts'],
  },
  { layer: 'cli', paths: ['src/cli/'] },
  { layer: 'components', paths: ['src/lib/components/'] },
  { layer: 'report', paths: ['src/lib/report/'] },
  { layer: 'cells', paths: ['src/lib/cells/'] },
  { layer: 'ui', paths: ['src/lib/ui/'] },
  { layer: 'explore', paths: ['src/lib/explore/'] },
  { layer: 'notebook', paths: ['src/lib/notebook/'] },
  { layer: 'baseline', paths: ['src/lib/baseline/'] },
  { layer: 'datasets', paths: ['src/lib/datasets/'] },
  { layer: 'slicing', paths: ['src/lib/slicing/'] },
  { layer: 'metrics', paths: ['src/lib/metrics/'] },
  { layer: 'charts', paths: ['src/lib/charts/'] },
  { layer: 'ingest', paths: ['src/lib/ingest/'] },
  { layer: 'stats', paths: ['src/lib/stats/'] },
  { layer: 'sql', paths: ['src/lib/sql/'] },
  { layer: 'engine', paths: ['src/lib/engine/'] },
  // Import nothing of the app, so every layer, the engine too, may use them.
  {
    layer: 'base',
    paths: [
      ...['src/lib/sql/quote.ts', 'src/lib/format.ts', 'src/lib/csv.ts', 'src/lib/samples.ts'],
      'src/lib/start-worker.ts',
    ],
  },
];
/** Layers side by side: neither imports the other. */
const APART = [['app', 'cli']];

/** A file's layer: the one naming the longest path that holds it. */
function layerOf(file: string): { layer: string; rank: number } | undefined {
  let best: { layer: string; rank: number; length: number } | undefined;
  LAYERS.forEach(({ layer, paths }, rank) => {
    for (const path of paths) {
      const holds = path.endsWith('/') ? file.startsWith(path) : file === path;
      if (holds && (!best || path.length > best.length))
        best = { layer, rank, length: path.length };
    }
  });
  return best && { layer: best.layer, rank: best.rank };
}

/** The cell kind a file of src/lib/cells/<kind>/ belongs to. */
const kindOf = (file: string) => file.match(/^src\/lib\/cells\/([^/]+)\//)?.[1];

/** Each import that crosses a layer the wrong way, in words. */
function violations(imports: Import[]): string[] {
  const out: string[] = [];
  for (const { from, to } of imports) {
    if (!to || !to.startsWith('src/')) continue;
    const [a, b] = [layerOf(from), layerOf(to)];
    if (!a || !b) {
      out.push(`${from} -> ${to}: ${!a ? from : to} is in no layer; add it to LAYERS`);
      continue;
    }
    const apart = APART.some((p) => p.includes(a.layer) && p.includes(b.layer));
    if ((b.rank < a.rank || apart) && a.layer !== b.layer)
      out.push(`${from} -> ${to}: ${a.layer} may not import ${b.layer} (a layer above it)`);
    const [kind, other] = [kindOf(from), kindOf(to)];
    if (kind && other && kind !== other)
      out.push(`${from} -> ${to}: the cell kind ${kind} may not import the kind ${other}`);
    if (kind && /^src\/lib\/cells\/(registry|views)\.ts$/.test(to))
      out.push(`${from} -> ${to}: a cell kind may not import the list of kinds`);
  }
  return out;
}

const graph = importGraph(repoRoot, ['src']);

describe('layers', () => {
  it('no import crosses a layer the wrong way, and no cell kind imports another', () => {
    expect(graph.length).toBeGreaterThan(500);
    expect(violations(graph)).toEqual([]);
  });

  it('catches a planted import of a cell kind from the notebook, and of the notebook from the engine', () => {
    const planted = [
      ...importsOf(
        repoRoot,
        'src/lib/notebook/run-cell.ts',
        "import { CELL_KINDS } from '../cells/registry';\nimport type { SqlCell } from '../cells/sql/sql-cell';",
      ),
      ...importsOf(
        repoRoot,
        'src/lib/engine/engine.ts',
        "import { emptyNotebook } from '../notebook/notebook';",
      ),
      ...importsOf(repoRoot, 'src/lib/cells/discover/x.ts', "import '../slice/slice-cell';"),
    ];
    expect(violations(planted)).toEqual([
      'src/lib/notebook/run-cell.ts -> src/lib/cells/registry.ts: notebook may not import cells (a layer above it)',
      'src/lib/notebook/run-cell.ts -> src/lib/cells/sql/sql-cell.ts: notebook may not import cells (a layer above it)',
      'src/lib/engine/engine.ts -> src/lib/notebook/notebook.ts: engine may not import notebook (a layer above it)',
      'src/lib/cells/discover/x.ts -> src/lib/cells/slice/slice-cell.ts: the cell kind discover may not import the kind slice',
    ]);
  });

  it('only the engine imports DuckDB', () => {
    const duckdb = graph.filter((i) => i.specifier.startsWith('@duckdb/'));
    expect(duckdb.length).toBeGreaterThan(0);
    expect(duckdb.filter((i) => !i.from.startsWith('src/lib/engine/'))).toEqual([]);
  });

  it('the headless runner loads no Svelte component and not the views', () => {
    const runner = [...reachable(graph, 'src/cli/main.ts')];
    expect(runner).toContain('src/lib/cells/registry.ts');
    expect(runner.filter((f) => f.endsWith('.svelte') || f === 'src/lib/cells/views.ts')).toEqual(
      [],
    );
  });
});
