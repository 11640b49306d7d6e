import type { ParquetFile } from 'parquet-wasm/node';

/**
 * Each column's compressed bytes summed over the row groups, from a Parquet file's own metadata:
 * what a reader that fetches only some columns must download of them.
 */
export function columnChunkBytes(file: ParquetFile): Map<string, number> {
  const bytes = new Map<string, number>();
  const metadata = file.metadata();
  for (let g = 0; g < metadata.numRowGroups(); g++) {
    const group = metadata.rowGroup(g);
    for (let c = 0; c < group.numColumns(); c++) {
      const chunk = group.column(c);
      const name = chunk.columnPath().join('.');
      bytes.set(name, (bytes.get(name) ?? 0) + chunk.compressedSize());
    }
  }
  return bytes;
}

/** The bytes of these columns' chunks together. */
export function bytesOf(chunks: Map<string, number>, columns: readonly string[]): number {
  return columns.reduce((sum, c) => sum + (chunks.get(c) ?? 0), 0);
}
