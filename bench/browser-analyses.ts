import type { Page } from '@playwright/test';
import type { AnalysisQuestion } from './analyses';

/** What the page reports for one analysis: each run's time to the result on screen, and DuckDB's share. */
export interface AnalysisTimes {
  ms: number[];
  queryMs: number[];
  /** Re-runs answered from the notebook's query cache (questions with `warm`): not the budget's. */
  warmMs?: number[];
  error?: string;
  /** The last result's `levels` (slice discovery: candidates per level). */
  levels?: { level: number; candidates: number }[];
}

type Hooked = {
  __slicebook: {
    log: { ms: number }[];
    // No cache in builds before the query cache (bench/ab-cells.ts runs those too).
    workspace: { datasets: { plan: { name: string } }[]; cache?: { invalidate(): void } };
    notebook: {
      results: Record<
        string,
        { status: string; message?: string; running?: boolean; levels?: AnalysisTimes['levels'] }
      >;
      addCell(kind: string, index: undefined, init: object): { id: string };
      saveMix(mix: object): string | null;
      deleteMix(name: string): void;
      run(id: string): Promise<void>;
      deleteCell(id: string): void;
    };
  };
};

/**
 * Runs in the page: adds the cell to the app's notebook (its first run warms up), then re-runs it
 * `runs` times through the notebook, each timed from the run's start until the result is in the
 * page (the cell re-rendered and laid out). Each timed run starts with the notebook's query cache
 * empty (as after a change to the data: the budgets' figure); a question with `warm` is then
 * re-run `runs` times more with the cache as the previous run left it.
 */
async function timeInPage(q: AnalysisQuestion & { runs: number }): Promise<AnalysisTimes> {
  const hook = (window as unknown as Hooked).__slicebook;
  const nb = hook.notebook;
  const dataset = hook.workspace.datasets[0]?.plan.name;
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const shown = () => tick().then(() => document.body.offsetHeight);
  if (q.mix) nb.saveMix(q.mix);
  const named = Object.fromEntries((q.alsoDataset ?? []).map((key) => [key, dataset]));
  const cell = nb.addCell(q.kind, undefined, { ...q.init, dataset, ...named });
  const failed = () => {
    const result = nb.results[cell.id];
    return result?.status === q.expect ? undefined : `${result?.status}: ${result?.message ?? ''}`;
  };
  // A long analysis shows partial results (`running`) before its last.
  const busy = (r = nb.results[cell.id]) => !r || r.status === 'running' || r.running === true;
  while (busy()) await new Promise((r) => setTimeout(r, 20));
  const times: AnalysisTimes = { ms: [], queryMs: [], error: failed() };
  for (let i = 0; i < q.runs && !times.error; i++) {
    hook.workspace.cache?.invalidate();
    const logged = hook.log.length;
    const started = performance.now();
    await nb.run(cell.id);
    await shown();
    times.ms.push(performance.now() - started);
    times.queryMs.push(hook.log.slice(logged).reduce((sum, x) => sum + x.ms, 0));
    times.error = failed();
  }
  if (q.warm) times.warmMs = [];
  for (let i = 0; q.warm && i < q.runs && !times.error; i++) {
    const started = performance.now();
    await nb.run(cell.id);
    await shown();
    times.warmMs!.push(performance.now() - started);
    times.error = failed();
  }
  times.levels = nb.results[cell.id]?.levels;
  nb.deleteCell(cell.id);
  if (q.mix) nb.deleteMix(q.mix.name);
  return times;
}

export function timeAnalysis(
  page: Page,
  question: AnalysisQuestion & { runs: number },
): Promise<AnalysisTimes> {
  return page.evaluate(timeInPage, question);
}
