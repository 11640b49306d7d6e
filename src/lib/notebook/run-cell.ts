import { buildOverviewQuery, readOverview, type OverviewRow } from '../analyses/overview';
import type { Engine } from '../engine/engine';
import { kindOf, type ValueKind } from '../ingest/profile';
import { ident } from '../sql/quote';
import { storeQuery } from '../sql/one-query';
import { withCheckedFilter } from './checked-filter';
import type { Dataset } from './dataset';
import { runCalibrationCell, type CalibrationResult } from './run-calibration-cell';
import { runCompareCell, type CompareResult } from './run-compare-cell';
import { runCostCell, type CostResult } from './run-cost-cell';
import { runDiscoverCell, type DiscoverResult } from './run-discover-cell';
import { runRobustnessCell, type RobustnessResult } from './run-robustness-cell';
import { runFairnessCell, type FairnessResult } from './run-fairness-cell';
import { runSliceCell, type SliceResult } from './run-slice-cell';
import type { Cell, ChartCell, OverviewCell, SqlCell } from './notebook';

export interface ResultColumn {
  name: string;
  type: string;
  kind: ValueKind;
}

export type CellResult =
  | { status: 'running' }
  | { status: 'cancelled' }
  | { status: 'error'; message: string; sql?: string }
  | {
      status: 'table';
      columns: ResultColumn[];
      rows: Record<string, unknown>[];
      total: number;
      offset: number;
      seconds: number;
    }
  | { status: 'overview'; rows: OverviewRow[]; sql: string; seconds: number }
  | { status: 'missing'; message: string }
  | { status: 'chart'; columns: ResultColumn[]; rows: Record<string, unknown>[]; total: number }
  | SliceResult
  | FairnessResult
  | CompareResult
  | DiscoverResult
  | RobustnessResult
  | CalibrationResult
  | CostResult;

export const PAGE_SIZE = 50;
/** Charts draw at most this many rows of their source. */
export const CHART_ROWS = 5000;

export interface RunContext {
  engine: Engine;
  dataset: (name: string) => Dataset | undefined;
  filter: string;
  signal?: AbortSignal;
  /** Partial results of a long run (slice discovery, level by level), for the view to show. */
  progress?: (partial: CellResult) => void;
  now: () => number;
}

export async function runCell(cell: Cell, given: RunContext): Promise<CellResult | null> {
  const ctx = await withCheckedFilter(cell, given);
  if ('status' in ctx) return ctx;
  switch (cell.kind) {
    case 'markdown':
      return null;
    case 'sql':
      return runSql(cell, ctx);
    case 'overview':
      return runOverview(cell, ctx);
    case 'chart':
      return runChart(cell, ctx);
    case 'slice':
      return runSliceCell(cell, ctx);
    case 'fairness':
      return runFairnessCell(cell, ctx);
    case 'compare':
      return runCompareCell(cell, ctx);
    case 'discover':
      return runDiscoverCell(cell, ctx, ctx.progress);
    case 'robustness':
      return runRobustnessCell(cell, ctx);
    case 'calibration':
      return runCalibrationCell(cell, ctx);
    case 'cost':
      return runCostCell(cell, ctx);
  }
}

/**
 * A SQL cell's result is stored as a table named after the cell, so later cells can read it; its
 * text runs only if DuckDB's parser reads it as one query (sql/one-query.ts).
 */
async function runSql(cell: SqlCell, ctx: RunContext): Promise<CellResult> {
  if (cell.sql.trim() === '')
    return { status: 'missing', message: 'Write a query, then press Shift+Enter to run it.' };
  const started = ctx.now();
  try {
    await storeQuery(ctx.engine, cell.name, cell.sql, ctx.signal);
  } catch (e) {
    return { status: 'error', message: messageOf(e), sql: cell.sql };
  }
  const page = await readPage(ctx.engine, cell.name, 0, PAGE_SIZE);
  return { status: 'table', ...page, offset: 0, seconds: (ctx.now() - started) / 1000 };
}

/** One page of a stored result, with its columns and total row count. */
export async function readPage(engine: Engine, table: string, offset: number, limit: number) {
  const described = await engine.query(`DESCRIBE ${ident(table)}`);
  const columns = described.toArray().map((r) => {
    const type = String(r.column_type);
    return { name: String(r.column_name), type, kind: kindOf(type) };
  });
  const total = Number(
    (await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(table)}`)).get(0)?.n ?? 0,
  );
  const result = await engine.query(
    `SELECT * FROM ${ident(table)} LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
  );
  const rows = result.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  return { columns, rows, total };
}

async function runOverview(cell: OverviewCell, ctx: RunContext): Promise<CellResult> {
  const dataset = ctx.dataset(cell.dataset);
  if (!dataset)
    return {
      status: 'missing',
      message: cell.dataset
        ? `Load the data of ${cell.dataset} to compute this overview.`
        : 'Pick a dataset.',
    };
  const query = buildOverviewQuery({
    source: dataset.plan.name,
    columns: dataset.profile.columns,
    roles: dataset.roles,
    taskKind: dataset.taskKind,
    filter: ctx.filter,
  });
  if (query.missing) return { status: 'missing', message: query.missing };
  const started = ctx.now();
  try {
    const rows = readOverview(await ctx.engine.query(query.sql, ctx.signal), query.metric);
    return { status: 'overview', rows, sql: query.sql, seconds: (ctx.now() - started) / 1000 };
  } catch (e) {
    return { status: 'error', message: messageOf(e), sql: query.sql };
  }
}

async function runChart(cell: ChartCell, ctx: RunContext): Promise<CellResult> {
  if (!cell.source) return { status: 'missing', message: 'Pick the result to chart.' };
  try {
    const page = await readPage(ctx.engine, cell.source, 0, CHART_ROWS);
    return { status: 'chart', ...page };
  } catch (e) {
    return { status: 'error', message: `Run the cell ${cell.source} first (${messageOf(e)}).` };
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
