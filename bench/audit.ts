import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { auditDefaults, type AuditCell } from '../src/lib/cells/audit/audit-cell';
import type { AuditResult, NearSearch } from '../src/lib/cells/audit/audit-result';
import { runAuditCell } from '../src/lib/cells/audit/run-audit-cell';
import type { Dataset } from '../src/lib/notebook/dataset';
import type { RunContext } from '../src/lib/notebook/run-context';
import { launchBrowser } from './browser';
import { mulberry32 } from './generate';
import { datasetOf, engineReadingInPlace, loadCsv } from './native';
import { timed } from './plan';
import { ensureBuild, startPreview } from './server';

/**
 * The audit's cost, near duplicates above all: `npx tsx bench/audit.ts [items ...]` (default 10k
 * and 100k) writes a dump of that many multiple-choice questions x 2 models with a question text
 * of 20-30 words (from 400 made-up words), 1 in 100 a near copy of an earlier one (one word
 * replaced) and 1 in 200 an exact copy (case changed), then runs the audit cell with its defaults
 * (Jaccard of character 5-grams >= 0.8) in headless Chromium on the production build and natively
 * on the Node engine, the same runner. It prints the time to the result, the near-duplicate
 * search's own time and size, and the pairs found against those planted.
 */
const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', 'data');
const SEED = 20261207;
const MODELS = ['m-small', 'm-large'];
const SKILL = [0.55, 0.75];
const OPTIONS = ['A', 'B', 'C', 'D'];

interface Planted {
  /** Near copies at Jaccard >= 0.8 (a replaced word can take a short text below it). */
  near: number;
  exact: number;
}

const grams = (text: string) => {
  const s = text.toLowerCase().replace(/\s+/g, ' ').trim();
  return new Set(Array.from({ length: Math.max(1, s.length - 4) }, (_, i) => s.slice(i, i + 5)));
};

/** Jaccard similarity of two texts' character 5-gram sets, counted directly. */
function jaccard(a: string, b: string): number {
  const [x, y] = [grams(a), grams(b)];
  const shared = [...x].filter((g) => y.has(g)).length;
  return shared / (x.size + y.size - shared);
}

/** The dump's CSV (reused while it exists) and the copies planted in it. */
function writeDump(items: number): { path: string; planted: Planted } {
  const path = join(DATA, `audit-${items}.csv`);
  const random = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = Array.from({ length: 400 }, () =>
    Array.from({ length: 4 + Math.floor(random() * 6) }, () => pick([...letters])).join(''),
  );
  const texts: string[] = [];
  const planted = { near: 0, exact: 0 };
  for (let i = 0; i < items; i++) {
    if (i >= 100 && i % 100 === 99) {
      // A copy of an original (i - 60 is never a copy), one word replaced by another.
      const w = texts[i - 60].split(' ');
      const k = Math.floor(random() * w.length);
      const was = w[k];
      while (w[k] === was) w[k] = pick(words);
      texts.push(w.join(' '));
      if (jaccard(texts[i - 60], texts[i]) >= 0.8) planted.near++;
    } else if (i >= 200 && i % 200 === 149) {
      texts.push(texts[i - 100].toUpperCase());
      planted.exact++;
    } else {
      const n = 20 + Math.floor(random() * 11);
      texts.push(Array.from({ length: n }, () => pick(words)).join(' ') + '?');
    }
  }
  if (existsSync(path)) return { path, planted };
  const lines = ['item_id,model,gold,pred,question'];
  for (let i = 0; i < items; i++) {
    const gold = pick(OPTIONS);
    MODELS.forEach((m, k) => {
      const pred = random() < SKILL[k] ? gold : pick(OPTIONS);
      lines.push(`q${i},${m},${gold},${pred},${texts[i]}`);
    });
  }
  mkdirSync(DATA, { recursive: true });
  writeFileSync(`${path}.tmp`, lines.join('\n') + '\n');
  renameSync(`${path}.tmp`, path);
  return { path, planted };
}

interface Measured {
  ms: number;
  status: string;
  near?: { total: number; search: NearSearch };
  exact?: number;
}

const cellOf = (dataset: string): AuditCell => ({
  id: 'bench',
  name: 'audit_bench',
  kind: 'audit',
  collapsed: false,
  ...auditDefaults(),
  dataset,
});

async function native(path: string): Promise<Measured> {
  const { engine, pathOf, done } = await engineReadingInPlace(dirname(resolve(path)));
  try {
    const dataset: Dataset = await datasetOf(engine, await loadCsv(engine, pathOf, path));
    const ctx: RunContext = {
      engine,
      dataset: (name) => (name === dataset.plan.name ? dataset : undefined),
      filter: '',
      now: () => performance.now(),
    };
    const run = await timed(() => runAuditCell(cellOf(dataset.plan.name), ctx));
    const r = run.value as AuditResult;
    return { ms: run.ms, status: r.status, near: r.near, exact: r.exact?.examples };
  } finally {
    await done();
  }
}

type Hooked = {
  __slicebook: {
    workspace: { datasets: { plan: { name: string } }[] };
    notebook: {
      results: Record<string, AuditResult | { status: string; message?: string }>;
      addCell(kind: string, index: undefined, init: object): { id: string };
      run(id: string): Promise<void>;
    };
  };
};

/** Runs in the page: adds the audit (its first run warms up), then times one more run. */
async function auditInPage(): Promise<Measured> {
  const hook = (window as unknown as Hooked).__slicebook;
  const nb = hook.notebook;
  const cell = nb.addCell('audit', undefined, { dataset: hook.workspace.datasets[0].plan.name });
  const busy = () => {
    const r = nb.results[cell.id] as { status: string; running?: unknown } | undefined;
    return !r || r.status === 'running' || r.running !== undefined;
  };
  while (busy()) await new Promise((r) => setTimeout(r, 50));
  const started = performance.now();
  await nb.run(cell.id);
  while (busy()) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 0));
  void document.body.offsetHeight; // laid out
  const ms = performance.now() - started;
  const r = nb.results[cell.id] as AuditResult;
  return { ms, status: r.status, near: r.near, exact: r.exact?.examples };
}

async function browser(url: string, path: string): Promise<Measured> {
  const chromium = await launchBrowser();
  try {
    const page: Page = await chromium.newPage();
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.goto(`${url}?bench`);
    await page.getByText('DuckDB ready').waitFor({ timeout: 60_000 });
    await page.setInputFiles('[data-testid="file-input"]', path);
    await page.locator('.job[data-status="done"]').waitFor({ timeout: 300_000 });
    await page.locator('[data-testid="overview"]').first().waitFor({ timeout: 300_000 });
    return await page.evaluate(auditInPage);
  } finally {
    await chromium.close();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const describe = (m: Measured) =>
  m.status !== 'audit' || !m.near
    ? `status ${m.status}`
    : [
        `${seconds(m.ms)} to the result`,
        `near search ${m.near.search.seconds.toFixed(1)} s (${m.near.search.texts} texts, ` +
          `${(m.near.search.chars / 1e6).toFixed(1)} M characters, ${m.near.search.batches} batches, ` +
          `${m.near.search.bands} bands of ${m.near.search.rows}, ${m.near.search.candidates} candidate pairs)`,
        `${m.near.total} near pairs, ${m.exact} examples in exact groups`,
      ].join('; ');

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
ensureBuild(ROOT, join(DATA, 'dist'), (line) => console.log(line));
const server = await startPreview(ROOT, join(DATA, 'dist'));
try {
  for (const items of sizes.length > 0 ? sizes : [10_000, 100_000]) {
    const { path, planted } = writeDump(items);
    console.log(
      `${items} questions x 2 models: planted ${planted.near} near copies at Jaccard >= 0.8, ${planted.exact} exact copies`,
    );
    console.log(`  native:  ${describe(await native(path))}`);
    console.log(`  browser: ${describe(await browser(server.url, path))}`);
  }
} finally {
  server.stop();
}
