import { zip, type AsyncZippable } from 'fflate';
import type { ReportFile } from './build-report';

/** Already compressed: stored as they are, which saves seconds and no bytes. */
const STORED = /\.(parquet|png|gz|br|zip)$/;

/**
 * The report folder's contents as one .zip, with `index.html` at its top: unzipped into the folder
 * a host serves, it is ready, with no folder to move up first.
 */
export function zipReport(files: ReportFile[]): Promise<Blob> {
  const entries: AsyncZippable = {};
  for (const f of files) entries[f.path] = [f.bytes, { level: STORED.test(f.path) ? 0 : 6 }];
  return new Promise((resolve, reject) =>
    zip(entries, (error, bytes) =>
      error
        ? reject(new Error(`The report could not be zipped: ${error.message}`))
        : resolve(new Blob([bytes as BlobPart], { type: 'application/zip' })),
    ),
  );
}

/** The parts of the File System Access API used here (Chromium-based browsers have it). */
interface DirectoryHandle {
  getDirectoryHandle(name: string, options: { create: boolean }): Promise<DirectoryHandle>;
  getFileHandle(
    name: string,
    options: { create: boolean },
  ): Promise<{
    createWritable(): Promise<WritableStream & { write(data: BlobPart): Promise<void> }>;
  }>;
}

type WithDirectoryPicker = { showDirectoryPicker?: (options: object) => Promise<DirectoryHandle> };

export function canWriteFolders(): boolean {
  return typeof (window as WithDirectoryPicker).showDirectoryPicker === 'function';
}

/** Asks for a folder and writes the report into a new `folder/` inside it. */
export async function writeReportFolder(folder: string, files: ReportFile[]): Promise<void> {
  const picker = (window as WithDirectoryPicker).showDirectoryPicker!;
  const parent = await picker({ mode: 'readwrite', id: 'slicebook-report' });
  const root = await parent.getDirectoryHandle(folder, { create: true });
  for (const f of files) {
    const parts = f.path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1))
      dir = await dir.getDirectoryHandle(part, { create: true });
    const writable = await (
      await dir.getFileHandle(parts.at(-1)!, { create: true })
    ).createWritable();
    await writable.write(f.bytes as BlobPart);
    await writable.close();
  }
}

/** A folder name from the notebook's title. */
export function reportFolderName(title: string): string {
  const stem = title.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'notebook';
  return `${stem}-report`;
}
