import type { Page } from '@playwright/test';
import type { AnalysisQuestion } from './analyses';

/** What the page reports for one analysis: each run's time to the result on screen, and DuckDB's share. */
export interface AnalysisTimes {
  ms: number[];
  queryMs: number[];
  error?: string;
  /** The last result's `levels` (slice discovery: candidates per level). */
  levels?: { level: number; candidates: number }[];
}

type Hooked = {
  __slicebook: {
    log: { ms: number }[];
    workspace: { datasets: { plan: { name: string } }[] };
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
 * page (the cell re-rendered and laid out).
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
    const logged = hook.log.length;
    const started = performance.now();
    await nb.run(cell.id);
    await shown();
    times.ms.push(performance.now() - started);
    times.queryMs.push(hook.log.slice(logged).reduce((sum, x) => sum + x.ms, 0));
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
