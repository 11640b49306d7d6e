import { parseNotebook, serializeNotebook } from '../notebook/file-format';
import type { Notebook } from '../notebook/notebook';

/** The file beside a report's index.html that holds its notebook and names its data. */
export const REPORT_FILE = 'report.json';
/** The page of a report carries this meta tag; the app reads it at start (no inline script). */
export const REPORT_META = 'slicebook-report';

/** A data file of a report: written as Parquet from a loaded table, read back under `name`. */
export interface ReportData {
  /** The name the file had when the notebook was made (tables are named after it). */
  name: string;
  /** Relative to report.json. */
  path: string;
  bytes: number;
  rows: number;
  /** The columns the report reads: a reader fetches only these (HTTP range requests). */
  columns: string[];
  /** The columns the notebook did not need, left out of the report. */
  droppedColumns: string[];
  /** Columns the file carries that the report does not read (when every column was kept). */
  unreadColumns?: string[];
}

export interface Report {
  notebook: Notebook;
  data: ReportData[];
}

export function serializeReport(report: Report): string {
  const notebook = JSON.parse(serializeNotebook(report.notebook));
  return `${JSON.stringify({ format: 'slicebook-report', version: 1, notebook, data: report.data }, null, 2)}\n`;
}

export function parseReport(text: string): Report | { error: string } {
  let doc: { format?: unknown; notebook?: unknown; data?: unknown };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `The report's ${REPORT_FILE} is not valid JSON (${(e as Error).message}).` };
  }
  if (doc?.format !== 'slicebook-report' || !Array.isArray(doc.data))
    return {
      error: `${REPORT_FILE} is not a Slicebook report (it lacks "format": "slicebook-report").`,
    };
  const parsed = parseNotebook(JSON.stringify(doc.notebook));
  if ('error' in parsed) return { error: `The report's notebook: ${parsed.error}` };
  const data = (doc.data as ReportData[]).filter(
    (d) => typeof d?.name === 'string' && typeof d?.path === 'string',
  );
  return { notebook: parsed.notebook, data };
}

/** The built app's page, marked as a report: the meta tag goes right after the charset. */
export function markAsReport(indexHtml: string): string {
  const meta = `<meta name="${REPORT_META}" content="${REPORT_FILE}" />`;
  const charset = /<meta charset=[^>]*>/i;
  if (!charset.test(indexHtml))
    throw new Error('The app page has no <meta charset>: rebuild the app.');
  return indexHtml.replace(charset, (m) => `${m}\n    ${meta}`);
}

/** Where the report to show is, if this page is one: the meta tag, or `?report=<url>`. */
export function reportLocation(doc: Document, search: string): string | null {
  const meta = doc.querySelector(`meta[name="${REPORT_META}"]`)?.getAttribute('content');
  return meta || new URLSearchParams(search).get('report');
}
