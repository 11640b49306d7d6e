import { describe, expect, it } from 'vitest';
import { droppedFiles, type DroppedEntry } from '../../src/lib/components/dropped-files';

/** A dropped file, as Chromium's FileSystemFileEntry hands it over. */
function fileEntry(fullPath: string): DroppedEntry {
  const name = fullPath.split('/').pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (success) => success(new File([fullPath], name)),
  };
}

/** A dropped folder whose reader hands its entries over `batch` at a time, then []. */
function folderEntry(fullPath: string, children: DroppedEntry[], batch = 100): DroppedEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (success) => {
          success(children.slice(at, at + batch));
          at += batch;
        },
      };
    },
  };
}

describe('droppedFiles', () => {
  it('walks dropped folders, naming each file by its path from the drop, past the reader batches', async () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      fileEntry(`/run:a=1,b|c+d/model-x/part-${String(i).padStart(3, '0')}.csv`),
    );
    const files = await droppedFiles([
      folderEntry('/run:a=1,b|c+d', [folderEntry('/run:a=1,b|c+d/model-x', many)]),
      fileEntry('/notes.csv'),
    ]);
    expect(files).toHaveLength(251);
    expect(files[0].name).toBe('run:a=1,b|c+d/model-x/part-000.csv');
    expect(files[249].name).toBe('run:a=1,b|c+d/model-x/part-249.csv');
    expect(files[250].name).toBe('notes.csv');
    expect(await files[0].blob.text()).toBe('/run:a=1,b|c+d/model-x/part-000.csv');
  });
});
