import type { NotebookModel } from '../notebook/notebook-model.svelte';
import type { Workspace } from '../notebook/workspace.svelte';
import { parseReport, type Report } from './report-format';
import { base64ToBytes } from './single-file-boot';

/**
 * A single-file report (single-file.ts) carries report.json and its data files in the page as
 * non-executed blocks; this reads them back as the folder report's fetches would, and removes the
 * data blocks from the page.
 */
export function readInlineReport(
  doc: Document,
): { report: Report; files: { name: string; blob: Blob }[] } | { error: string } {
  const json = doc.querySelector('script[data-slicebook-report]')?.textContent;
  if (!json) return { error: 'This page is marked as a single-file report but carries none.' };
  const report = parseReport(json);
  if ('error' in report) return report;
  const blocks = new Map(
    [...doc.querySelectorAll<HTMLScriptElement>('script[data-slicebook-data]')].map((b) => [
      b.dataset.slicebookData!,
      b,
    ]),
  );
  const files: { name: string; blob: Blob }[] = [];
  for (const d of report.data) {
    const block = blocks.get(d.path);
    if (!block) return { error: `The report's data file ${d.path} is not in the page.` };
    files.push({ name: d.name, blob: new Blob([base64ToBytes(block.text)]) });
  }
  // The page's base64 copies are a third larger than the data: let them go.
  for (const block of blocks.values()) block.remove();
  return { report, files };
}

/** Opens the report this page carries, as App.svelte opens one from a folder. */
export async function openInlineReport(
  doc: Document,
  notebook: NotebookModel,
  workspace: Workspace,
): Promise<void> {
  const opened = readInlineReport(doc);
  if ('error' in opened) {
    notebook.notice = { kind: 'error', text: opened.error };
    return;
  }
  notebook.openReport(opened.report.notebook);
  await workspace.loadFiles(opened.files);
}
