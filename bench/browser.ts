import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { candidatesNote, questionsFor, WARM } from './analyses';
import { timeAnalysis } from './browser-analyses';
import type { Dump } from './generate';
import type { Format, Plan, RunResult } from './plan';
import { peakRssMiB, rendererPids } from './process-memory';

/**
 * The app as a person uses it: a fresh browser context per run (nothing cached, a new renderer
 * process), the production build, files picked through the file input, roles changed in the
 * roles table. Times come from the page's own clock (performance.now), read by an observer that
 * notes when each of these first appears.
 */
const MARKS = {
  ready: '.engine[data-status="ready"]',
  engineFailed: '.engine[data-status="failed"]',
  loaded: '.job[data-status="done"]',
  failed: '.job[data-status="failed"]',
  overview: '[data-testid="overview"]',
};
/** A group feature whose role the overview runs are timed on (group <-> ignored: same answer). */
const TOGGLED_COLUMN = 'weather';
const MiB = 2 ** 20;

export async function launchBrowser(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ||
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs in the page before the app: notes when each selector first matches, and when a file is picked. */
function installMarks(selectors: Record<string, string>): void {
  const marks: Record<string, number> = {};
  (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks = marks;
  const check = () => {
    for (const [name, selector] of Object.entries(selectors)) {
      if (!(name in marks) && document.querySelector(selector)) marks[name] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
  });
  document.addEventListener(
    'change',
    (e) => {
      if ((e.target as Element).matches?.('input[type="file"]'))
        marks.filePicked ??= performance.now();
    },
    true,
  );
}

async function waitForMark(page: Page, names: string[], timeoutMs: number): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const marks = (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks;
      return wanted.find((n) => n in marks);
    },
    names,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as string;
}

const marksOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks);

/** Changes a column's role in the roles table and waits for the dataset (and its overview) to follow. */
function toggleRole(column: string): Promise<{ ms: number; queryMs: number }> {
  const select = document.querySelector<HTMLSelectElement>(`tr[data-column="${column}"] select`);
  if (!select) throw new Error(`no role picker for column ${column}`);
  const hook = (window as unknown as { __slicebook: { log: { sql: string; ms: number }[] } })
    .__slicebook;
  const next = select.dataset.role === 'group' ? 'ignore' : 'group';
  const logged = hook.log.length;
  return new Promise((resolve) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (select.dataset.role !== next) return;
      observer.disconnect();
      const queries = hook.log.slice(logged).reduce((sum, q) => sum + q.ms, 0);
      resolve({ ms: performance.now() - started, queryMs: queries });
    });
    observer.observe(select, { attributes: true });
    select.value = next;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

type HookWindow = {
  __slicebook: {
    engineRequestedAt: number;
    log: { sql: string; ms: number; at: number }[];
    query(sql: string): Promise<Record<string, unknown>[]>;
  };
};
const hookLog = (page: Page) =>
  page.evaluate(() => (window as unknown as HookWindow).__slicebook.log);

/** Opens (or reloads) the app; the time to ready, and the part before the app asks for its engine. */
async function openApp(
  page: Page,
  url: string,
  reload: boolean,
): Promise<{ ready: number; engineRequestedAt: number }> {
  if (reload) await page.reload();
  else await page.goto(`${url}?bench`);
  if ((await waitForMark(page, ['ready', 'engineFailed'], 60_000)) !== 'ready') {
    throw new Error(`DuckDB failed: ${await page.locator('.engine').textContent()}`);
  }
  const engineRequestedAt = await page.evaluate(
    () => (window as unknown as HookWindow).__slicebook.engineRequestedAt,
  );
  return { ready: (await marksOf(page)).ready, engineRequestedAt };
}

interface Visit {
  format: Format;
  file: string;
  /** Reload once before loading: the time to ready of a returning visitor, with the browser's caches. */
  repeatVisit: boolean;
  /** How many times to change a role and time the overview that follows. */
  toggles: number;
  /** How many times to re-run each analysis cell (after its first run). */
  analysisRuns: number;
  rows: number;
  /** The model panel: its questions, not the slice analyses. */
  panel: boolean;
  timeoutMs: number;
}

/** One visit in a fresh browser context: open the app, pick the file, wait for the overview, change roles. */
async function session(
  browser: Browser,
  url: string,
  { format, file, repeatVisit, toggles, analysisRuns, rows, panel, timeoutMs }: Visit,
): Promise<RunResult> {
  const before = new Set(rendererPids());
  const context = await browser.newContext();
  const outside: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith(url) && !/^(blob|data):/.test(r.url())) outside.push(r.url());
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let heapPeak = 0;
  const sampler = setInterval(() => {
    cdp
      .send('Performance.getMetrics')
      .then(
        (r) =>
          (heapPeak = Math.max(
            heapPeak,
            r.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0,
          )),
      )
      .catch(() => undefined);
  }, 200);
  const result: RunResult = { values: {}, repeated: { overview: [], 'overview query': [] } };
  const values = result.values;
  try {
    // tsx (esbuild keepNames) wraps inner functions in __name(), which the page does not have.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.addInitScript(installMarks, MARKS);
    const first = await openApp(page, url, false);
    values.ready = first.ready;
    values['ready: before the app asks for DuckDB'] = first.engineRequestedAt;
    values['ready: DuckDB start (worker, wasm, open)'] = first.ready - first.engineRequestedAt;
    if (repeatVisit) values['ready (repeat visit)'] = (await openApp(page, url, true)).ready;
    await page.setInputFiles('[data-testid="file-input"]', file);
    if ((await waitForMark(page, ['loaded', 'failed'], timeoutMs)) === 'failed') {
      result.error = (await page.locator('.job[data-status="failed"]').textContent())?.trim();
      return result;
    }
    await waitForMark(page, ['overview'], timeoutMs);
    const marks = await marksOf(page);
    values[`load ${format}`] = marks.loaded - marks.filePicked;
    values[`load ${format} to overview`] = marks.overview - marks.filePicked;
    const shown = await page.locator('.job[data-status="done"]').textContent();
    values[`load ${format} (app's figure)`] =
      Number(/loaded in ([\d.]+) s/.exec(shown ?? '')?.[1]) * 1000;
    const during = (await hookLog(page)).filter(
      (q) => q.at > marks.filePicked && q.at <= marks.loaded,
    );
    values[`load ${format}: Arrow inserts`] = during
      .filter((q) => q.sql.startsWith('-- insert'))
      .reduce((t, q) => t + q.ms, 0);
    values[`load ${format}: SQL`] = during
      .filter((q) => !q.sql.startsWith('-- insert'))
      .reduce((t, q) => t + q.ms, 0);
    const inserts = during.filter((q) => q.sql.startsWith('-- insert'));
    if (inserts.length > 0) {
      values[`load ${format}: before the first insert`] =
        inserts[0].at - inserts[0].ms - marks.filePicked;
      values[`load ${format}: after the last insert`] =
        marks.loaded - inserts[inserts.length - 1].at;
    }
    for (let i = 0; i <= toggles; i++) {
      await waitForQuiet(page);
      const { ms, queryMs } = await page.evaluate(toggleRole, TOGGLED_COLUMN);
      if (i === 0) continue; // the first one warms up
      result.repeated.overview.push(ms);
      result.repeated['overview query'].push(queryMs);
    }
    for (const question of analysisRuns > 0 ? questionsFor(rows, analysisRuns, panel) : []) {
      await waitForQuiet(page);
      const times = await timeAnalysis(page, question);
      if (times.error) (result.notes ??= []).push(`${question.measure}: ${times.error}`);
      result.repeated[question.measure] = times.ms;
      result.repeated[`${question.measure}: query`] = times.queryMs;
      if (times.warmMs) result.repeated[`${question.measure}${WARM}`] = times.warmMs;
      const note = candidatesNote(question.measure, times);
      if (note) (result.notes ??= []).push(note);
    }
    const memory = await page.evaluate(() =>
      (window as unknown as HookWindow).__slicebook.query(
        'SELECT sum(memory_usage_bytes)::DOUBLE AS bytes FROM duckdb_memory()',
      ),
    );
    values[`DuckDB memory after load, ${format} (MiB)`] = Number(memory[0].bytes) / MiB;
    return result;
  } finally {
    clearInterval(sampler);
    values[`JS heap peak, ${format} (MiB)`] = heapPeak / MiB;
    values[`renderer peak RSS, ${format} (MiB)`] = Math.max(
      0,
      ...rendererPids()
        .filter((pid) => !before.has(pid))
        .map(peakRssMiB),
    );
    values['requests to other origins'] = outside.length;
    await context.close();
  }
}

/** Waits until the app has run no query for 200 ms (the notebook may still be running cells). */
async function waitForQuiet(page: Page): Promise<void> {
  let last = -1;
  for (let quietFor = 0; quietFor < 200;) {
    const count = (await hookLog(page)).length;
    quietFor = count === last ? quietFor + 50 : 0;
    last = count;
    await page.waitForTimeout(50);
  }
}

/** One browser run on one file: a fresh context; the Parquet runs also time the overview. */
export function browserRun(
  browser: Browser,
  url: string,
  dump: Dump,
  format: Format,
  plan: Plan,
): Promise<RunResult> {
  const parquet = format === 'parquet';
  // The model panel is there for its analyses: no repeat visit, no overview timings.
  const overviews = parquet && !dump.panel;
  return session(browser, url, {
    format,
    file: dump[format],
    repeatVisit: overviews,
    toggles: overviews ? plan.toggles : 0,
    analysisRuns: parquet ? plan.analysisRuns : 0,
    rows: dump.rows,
    panel: dump.panel === true,
    timeoutMs: plan.timeoutMs,
  });
}
