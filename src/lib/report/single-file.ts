import type { ReportFile } from './build-report';
import { REPORT_FILE } from './report-format';
import { REPORT_PLACEHOLDER } from './single-file-template';

/**
 * The most Parquet a single file carries: an 80 MiB page, which Chromium reads and parses from disk
 * within about twice the empty template's time; at 100 MiB, up to 3 times (measurements in
 * docs/single-file-report.md). Past it, a report folder, which reads only what it needs, is better.
 */
export const SINGLE_FILE_DATA_LIMIT = 50 * 1024 * 1024;

/** Base64 grows data by 4/3. */
export function base64Size(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const to = (bytes as { toBase64?: () => string }).toBase64;
  if (to) return to.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** JSON inside a <script> element: no `<` can close it or open a comment. */
function jsonForScript(json: string): string {
  return json.replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/**
 * A report as one HTML file that opens from disk: the template (single-file-template.ts) with the report's notebook (report.json) and each data file
 * (base64) as non-executed blocks, titled after the notebook.
 */
export function assembleSingleFile(template: string, files: ReportFile[], title: string): string {
  const parts = template.split(REPORT_PLACEHOLDER);
  if (parts.length !== 2)
    throw new Error(
      `The single-file template has no single ${REPORT_PLACEHOLDER}: rebuild the app.`,
    );
  const report = files.find((f) => f.path === REPORT_FILE);
  if (!report) throw new Error(`The report has no ${REPORT_FILE}.`);
  const blocks = [
    `<script type="application/json" data-slicebook-report>${jsonForScript(new TextDecoder().decode(report.bytes))}</script>`,
    ...files
      .filter((f) => f !== report)
      .map(
        (f) =>
          `<script type="application/octet-stream" data-slicebook-data="${escapeHtml(f.path)}">${bytesToBase64(f.bytes)}</script>`,
      ),
  ];
  return `${parts[0]}${blocks.join('\n')}${parts[1]}`.replace(
    /<title>[^<]*<\/title>/,
    () => `<title>${escapeHtml(title)}</title>`,
  );
}

/** For buildReport: an app with no files, so the report is only report.json and the data. */
export const withoutAppFiles: typeof fetch = async () => Response.json({ files: [] });

/** Why data of this size does not go into a single file (with the sizes), or null if it fits. */
export function singleFileRefusal(dataBytes: number, templateBytes: number): string | null {
  if (dataBytes <= SINGLE_FILE_DATA_LIMIT) return null;
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `the data is ${mib(dataBytes)} as Parquet, over the single file's limit of ${mib(SINGLE_FILE_DATA_LIMIT)} (the file would be about ${mib(templateBytes + base64Size(dataBytes))}). Publish it as a .zip or a folder instead.`;
}
