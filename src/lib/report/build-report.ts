import { tableToIPC } from 'apache-arrow';
import type { Engine } from '../engine/engine';
import type { TaskKind } from '../ingest/roles';
import type { Notebook } from '../notebook/notebook';
import { headersFile } from './content-security-policy';
import { dataPath, exportSql, integerRangeSql, type ExportColumn } from './export-sql';
import type { WriteParquet } from './parquet-writer';
import { markAsReport, REPORT_FILE, serializeReport, type ReportData } from './report-format';
import { isPlainView, type DatasetUse } from './used-columns';

/** What is published: the notebook, the loaded tables and the datasets built over them. */
export interface PublishSource {
  notebook: Notebook;
  tables: { table: string; fileName: string; columns: ExportColumn[] }[];
  datasets: (DatasetUse & { taskKind: TaskKind })[];
}

export interface PublishDeps {
  engine: Engine;
  writeParquet: WriteParquet;
  fetch: typeof fetch;
  /** The app's own address (the folder of its index.html). */
  appBase: string;
  onProgress?: (message: string) => void;
}

/** One file of the report folder, by its path inside the folder. */
export interface ReportFile {
  path: string;
  bytes: Uint8Array;
}

/** The hosts' headers file (content-security-policy.ts). */
export const HEADERS_FILE = '_headers';

/** Row groups of this many rows let a reader fetch part of a file over range requests. */
const ROW_GROUP_ROWS = 50_000;

/**
 * The files of a report folder: the built app (its page marked as a report), report.json with the
 * notebook, and each loaded table as Parquet, with only the columns in `kept`. With
 * `keepEveryColumn` the files hold every column (for whoever downloads them), and report.json
 * still names only the read ones, which are all a reader's browser fetches.
 */
export async function buildReport(
  source: PublishSource,
  deps: PublishDeps,
  /** `kept`: the columns to ship, by table (usedColumns, less what the user took out). */
  options: { keepEveryColumn?: boolean; kept: Map<string, string[]> },
): Promise<{ files: ReportFile[]; data: ReportData[] }> {
  const progress = deps.onProgress ?? (() => undefined);
  progress('Copying the app');
  const files = await appFiles(deps);
  const { kept } = options;
  const data: ReportData[] = [];
  const taken = new Set<string>();
  for (const t of source.tables) {
    progress(`Writing ${t.fileName} as Parquet`);
    const keep = new Set(kept.get(t.table) ?? []);
    const read = t.columns.filter((c) => keep.has(c.name)).map((c) => c.name);
    const unread = t.columns.filter((c) => !keep.has(c.name)).map((c) => c.name);
    const written = options.keepEveryColumn ? t.columns : t.columns.filter((c) => keep.has(c.name));
    const bytes = await tableAsParquet(deps, t.table, written);
    const path = dataPath(t.fileName, taken);
    files.push({ path, bytes: bytes.parquet });
    data.push({
      name: t.fileName,
      path,
      bytes: bytes.parquet.length,
      rows: bytes.rows,
      columns: read,
      droppedColumns: options.keepEveryColumn ? [] : unread,
      ...(options.keepEveryColumn && unread.length > 0 ? { unreadColumns: unread } : {}),
    });
  }
  const notebook = withPinnedRoles(source, kept);
  files.push({
    path: REPORT_FILE,
    bytes: new TextEncoder().encode(serializeReport({ notebook, data })),
  });
  return { files, data };
}

async function appFiles(deps: PublishDeps): Promise<ReportFile[]> {
  const get = async (path: string): Promise<Response> => {
    const response = await deps.fetch(new URL(path, deps.appBase));
    const html = (response.headers.get('content-type') ?? '').startsWith('text/html');
    if (!response.ok || (html && !path.endsWith('.html')))
      throw new Error(
        `Publishing needs the built app's files, and ${path} is missing (${response.status}). Publish from the app built with npm run build.`,
      );
    return response;
  };
  const list = (await (await get('report-files.json')).json()) as { files: string[] };
  const files: ReportFile[] = [
    { path: HEADERS_FILE, bytes: new TextEncoder().encode(headersFile()) },
  ];
  for (const path of list.files) {
    const response = await get(path);
    const bytes =
      path === 'index.html'
        ? new TextEncoder().encode(markAsReport(await response.text()))
        : new Uint8Array(await response.arrayBuffer());
    files.push({ path, bytes });
  }
  return files;
}

async function tableAsParquet(
  deps: PublishDeps,
  table: string,
  columns: ExportColumn[],
): Promise<{ parquet: Uint8Array; rows: number }> {
  const rangeSql = integerRangeSql(table, columns);
  const fits: Record<string, boolean> = {};
  if (rangeSql) {
    const row = (await deps.engine.query(rangeSql)).get(0)?.toJSON() ?? {};
    for (const [name, value] of Object.entries(row)) fits[name] = value === true;
  }
  const arrow = await deps.engine.query(exportSql(table, columns, fits));
  const parquet = await deps.writeParquet(tableToIPC(arrow, 'stream'), ROW_GROUP_ROWS);
  return { parquet, rows: arrow.numRows };
}

/**
 * The notebook as published: every dataset's roles and task kind written down, so the report
 * does not guess them again from the (fewer) columns it carries.
 */
function withPinnedRoles(source: PublishSource, kept: Map<string, string[]>): Notebook {
  const datasets = { ...source.notebook.datasets };
  for (const d of source.datasets) {
    const columns = new Set(d.sources.flatMap((s) => kept.get(s) ?? []));
    const plain = isPlainView(d);
    const roles = Object.fromEntries(
      Object.entries(d.roles).filter(([column]) => !plain || columns.has(column)),
    );
    datasets[d.name] = { roles, taskKind: d.taskKind };
  }
  return { ...source.notebook, datasets };
}
