import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { ANALYSES, PANEL_ANALYSES, WARM } from './analyses';
import { sizeLabel } from './generate';
import type { Measures } from './plan';

export const COMPETITORS = [
  'browser',
  'native',
  'arquero',
  'pandas',
  'polars',
  'perspective',
] as const;
export type Competitor = (typeof COMPETITORS)[number];

export interface SizeResult {
  rows: number;
  /** How the tables name it: its rows (`1M`), or the model panel's `5 models x 1M`. */
  label?: string;
  /** The model panel (five models on the same examples), not a dump of the sizes. */
  panel?: boolean;
  csvMiB: number;
  parquetMiB: number;
  /** Cores busy (others' work) just before this size started, after waiting for a quiet machine. */
  busyCoresAtStart: number;
  /** The machine's 1-minute load average when this size started and ended: other work skews times. */
  loadAverage: number[];
  measures: Partial<Record<Competitor, Measures>>;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarise(samples: number[] | undefined): Summary | undefined {
  if (!samples || samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** The timed rows of the table, in order; a new analysis adds its measure here. */
const TIME_ROWS = [
  'ready',
  'ready: before the app asks for DuckDB',
  'ready: DuckDB start (worker, wasm, open)',
  'ready (repeat visit)',
  'load parquet',
  'load parquet: Arrow inserts',
  'load parquet: SQL',
  'load parquet to overview',
  'load csv',
  'load csv: SQL',
  'load csv to overview',
  'overview',
  'overview query',
  ...[...ANALYSES, ...PANEL_ANALYSES].flatMap((q) => [
    q.measure,
    `${q.measure}: query`,
    ...(q.warm ? [`${q.measure}${WARM}`] : []),
  ]),
];
const labelOf = (size: SizeResult) => size.label ?? sizeLabel(size.rows);
/** The part of a browser measure spent in DuckDB-WASM is compared with native's whole measure. */
const baseMeasure = (key: string) =>
  key === 'overview query' ? 'overview' : key.replace(/: query$/, '');
const MEMORY_ROWS = [
  'renderer peak RSS, parquet (MiB)',
  'JS heap peak, parquet (MiB)',
  'DuckDB memory after load, parquet (MiB)',
  'renderer peak RSS, csv (MiB)',
  'JS heap peak, csv (MiB)',
  'DuckDB memory after load, csv (MiB)',
];

const stat = (size: SizeResult, who: Competitor, key: string) =>
  summarise(size.measures[who]?.values[key]);

function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
}

function cell(s: Summary | undefined, format: (v: number) => string): string {
  if (!s) return '–';
  return s.n > 1 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
}

function ratio(a: Summary | undefined, b: Summary | undefined): string {
  return a && b ? `${(a.median / b.median).toFixed(2)}x` : '–';
}

export function resultsMarkdown(sizes: SizeResult[]): string {
  const lines = [
    '| measure | rows | browser | native DuckDB | Arquero | pandas | polars | Perspective | browser / native | Arquero / browser | pandas / browser | polars / browser | Perspective / browser |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const key of TIME_ROWS) {
    for (const size of sizes) {
      const stats = COMPETITORS.map((who) => stat(size, who, key));
      if (stats.every((s) => !s)) continue;
      const [b, , ...peers] = stats;
      const native = stat(size, 'native', baseMeasure(key));
      lines.push(
        `| ${key} | ${labelOf(size)} | ${stats.map((s) => cell(s, formatMs)).join(' | ')} | ` +
          `${[ratio(b, native), ...peers.map((peer) => ratio(peer, b))].join(' | ')} |`,
      );
    }
  }
  lines.push('', '| memory (MiB) | rows | browser | native DuckDB |', '|---|---|---|---|');
  for (const key of MEMORY_ROWS) {
    for (const size of sizes) {
      const [b, n] = (['browser', 'native'] as const).map((who) => stat(size, who, key));
      if (b || n)
        lines.push(
          `| ${key.replace(' (MiB)', '')} | ${labelOf(size)} | ${cell(b, (v) => v.toFixed(0))} | ${cell(n, (v) => v.toFixed(0))} |`,
        );
    }
  }
  lines.push(
    '',
    `Cores busy before each size: ${sizes.map((s) => `${labelOf(s)} ${s.busyCoresAtStart.toFixed(1)}`).join(', ')}. ` +
      `Load average (1 min) at the start and end of each size: ${sizes.map((s) => `${labelOf(s)} ${s.loadAverage.map((l) => l.toFixed(1)).join(' -> ')}`).join(', ')}.`,
  );
  const notes = [
    ...new Set(
      sizes.flatMap((s) =>
        COMPETITORS.flatMap((who) =>
          (s.measures[who]?.notes ?? []).map((n) => `${labelOf(s)}: ${n}`),
        ),
      ),
    ),
  ];
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

export interface BudgetCheck {
  budget: string;
  measured: string;
  verdict: 'met' | 'missed' | 'not measured';
}

/** The budgets of ../shared/DESIGN.md that the bench can check so far. */
export function checkBudgets(sizes: SizeResult[]): BudgetCheck[] {
  const at = (rows: number) => sizes.find((s) => s.rows === rows && !s.panel);
  const panelAt = (rows: number, key: string) => {
    const size = sizes.find((s) => s.rows === rows && s.panel);
    return size && stat(size, 'browser', key);
  };
  const browserAt = (rows: number, key: string) => {
    const size = at(rows);
    return size && stat(size, 'browser', key);
  };
  const nativeAt = (rows: number, key: string) => {
    const size = at(rows);
    return size && stat(size, 'native', key);
  };
  const check = (
    budget: string,
    s: Summary | undefined,
    limit: number,
    missing: string,
  ): BudgetCheck =>
    s
      ? {
          budget,
          measured: `${formatMs(s.median)} (median of ${s.n})`,
          verdict: s.median < limit ? 'met' : 'missed',
        }
      : { budget, measured: missing, verdict: 'not measured' };
  const ready = summarise(sizes.flatMap((s) => s.measures.browser?.values.ready ?? []));
  const ratios = sizes.flatMap((s) =>
    [
      'load parquet',
      'load csv',
      'overview',
      ...[...ANALYSES, ...PANEL_ANALYSES].map((q) => q.measure),
    ].flatMap((key) => {
      const b = stat(s, 'browser', key);
      const n = stat(s, 'native', key);
      return b && n ? [{ what: `${key} ${labelOf(s)}`, r: b.median / n.median }] : [];
    }),
  );
  const worst = ratios.sort((x, y) => y.r - x.r)[0];
  const outside = sizes.flatMap(
    (s) => s.measures.browser?.values['requests to other origins'] ?? [],
  );
  const tenM = at(10_000_000);
  const tenMFailed = tenM?.measures.browser?.notes.find((n) => n.includes('parquet'));
  return [
    outside.length
      ? {
          budget: 'nothing fetched from another origin',
          measured: `${Math.max(...outside)} requests`,
          verdict: Math.max(...outside) === 0 ? 'met' : 'missed',
        }
      : {
          budget: 'nothing fetched from another origin',
          measured: 'no browser run',
          verdict: 'not measured',
        },
    check('ready < 1.5 s', ready, 1500, 'no browser run'),
    check(
      'load 1M-row Parquet < 1.5 s',
      browserAt(1_000_000, 'load parquet'),
      1500,
      'run without --quick',
    ),
    check(
      'load 10M-row Parquet < 15 s',
      browserAt(10_000_000, 'load parquet'),
      15_000,
      tenMFailed ?? 'run with --huge',
    ),
    tenM
      ? {
          budget: '10M rows load without running out of memory',
          measured: tenMFailed ?? 'loaded',
          verdict: tenMFailed ? 'missed' : 'met',
        }
      : {
          budget: '10M rows load without running out of memory',
          measured: 'run with --huge',
          verdict: 'not measured',
        },
    ...(['1 feature', '2 features'] as const).flatMap((features) => [
      check(
        `slice table with intervals, ${features}, 1M < 150 ms`,
        browserAt(1_000_000, `slice table, ${features}`),
        150,
        'run without --quick',
      ),
      check(
        `slice table with intervals, ${features}, 5M < 600 ms`,
        browserAt(5_000_000, `slice table, ${features}`),
        600,
        'run without --quick',
      ),
    ]),
    check(
      'slice table 10M < 1 s',
      browserAt(10_000_000, 'slice table, 1 feature'),
      1000,
      'run with --huge',
    ),
    check(
      'model vs model per slice 1M < 300 ms',
      browserAt(1_000_000, 'model vs model per slice'),
      300,
      'run without --quick',
    ),
    check(
      'baseline comparison 1M + 1M rows, 5 slice features, native DuckDB < 3 s',
      nativeAt(1_000_000, 'baseline comparison, 5 features'),
      3000,
      'run without --quick',
    ),
    check(
      'bootstrap intervals (200 replicates) 1M < 2 s',
      browserAt(1_000_000, 'slice table, F1 with bootstrap (200 replicates)'),
      2000,
      'run without --quick',
    ),
    worst
      ? {
          budget: 'browser within 3x of native DuckDB',
          measured: `worst ${worst.r.toFixed(2)}x (${worst.what})`,
          verdict: worst.r <= 3 ? 'met' : 'missed',
        }
      : {
          budget: 'browser within 3x of native DuckDB',
          measured: 'no pair measured',
          verdict: 'not measured',
        },
    check(
      'slice discovery level 2 over 10 features 1M < 3 s',
      browserAt(1_000_000, 'slice discovery, level 2 (10 features)'),
      3000,
      'run without --quick',
    ),
    check(
      'leaderboard (200 replicates), 5 models x 1M < 2 s',
      panelAt(5_000_000, 'leaderboard, 200 replicates'),
      2000,
      'run with --panel (or a full run)',
    ),
    check(
      'agreement counts, 5 models x 1M < 300 ms',
      panelAt(5_000_000, 'agreement counts'),
      300,
      'run with --panel (or a full run)',
    ),
    check(
      'slice discovery level 3 over 10 features 1M < 15 s',
      browserAt(1_000_000, 'slice discovery, level 3 (10 features)'),
      15_000,
      'run without --quick',
    ),
  ];
}

export function budgetsMarkdown(checks: BudgetCheck[]): string {
  return [
    '| budget (DESIGN.md) | measured | verdict |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.budget} | ${c.measured} | ${c.verdict} |`),
  ].join('\n');
}

/** Writes a file as Prettier would format it, so `npm run format` leaves the results alone. */
export async function writeFormatted(path: string, text: string): Promise<void> {
  writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
}

/**
 * Replaces what lies between the markers of bench/README.md: `results` (a run of the sizes) or
 * `panel` (a run of the model panel alone, `--panel`).
 */
export async function updateReadme(
  path: string,
  heading: string,
  body: string,
  section: 'results' | 'panel' = 'results',
): Promise<void> {
  const text = readFileSync(path, 'utf8');
  const start =
    section === 'results'
      ? '<!-- results: written by npm run bench -->'
      : '<!-- panel: written by npm run bench -- --panel -->';
  const end = `<!-- /${section} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} lacks the results markers`);
  await writeFormatted(
    path,
    `${text.slice(0, from + start.length)}\n\n${heading}\n\n${body}\n\n${text.slice(to)}`,
  );
}
