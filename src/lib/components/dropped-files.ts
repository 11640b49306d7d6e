import type { InputFile } from '../ingest/inputs/input-file';

/** The part of the File and Directory Entries API a drop gives (FileSystemEntry and kin). */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  /** `/results/model-a/out.json`: the path from what was dropped. */
  fullPath: string;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): {
    readEntries(success: (entries: DroppedEntry[]) => void, failure?: (e: unknown) => void): void;
  };
}

/**
 * The files of a drop, folders walked, each named by its path from what was dropped
 * (`results/model-a/out.json`), as the folder picker names them. Entries must be taken from the
 * drop event before it returns (the DataTransfer empties after); this reads them afterwards.
 */
export async function droppedFiles(entries: readonly DroppedEntry[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const walk = async (entry: DroppedEntry): Promise<void> => {
    if (entry.isFile && entry.file) {
      const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
      files.push({ name: entry.fullPath.replace(/^\//, '') || entry.name, blob: file });
    } else if (entry.isDirectory && entry.createReader) {
      const reader = entry.createReader();
      // readEntries hands over a batch (100 in Chromium) per call, and [] at the end.
      for (;;) {
        const batch = await new Promise<DroppedEntry[]>((resolve, reject) =>
          reader.readEntries(resolve, reject),
        );
        if (batch.length === 0) break;
        for (const child of [...batch].sort((a, b) => a.name.localeCompare(b.name)))
          await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}
