import { DataType, RecordBatchReader, type Field } from 'apache-arrow';

/**
 * Columns of an Arrow IPC stream whose type DuckDB-WASM refuses to create a table from. Found by
 * loading Parquet files written by DuckDB with each of its types: only a UNION failed, which
 * Parquet stores as a struct with an unnamed tag field ("cannot be created from an unnamed struct").
 */
export function unloadableColumns(ipcStream: Uint8Array): { name: string; type: string }[] {
  let fields: Field[];
  try {
    const reader = RecordBatchReader.from(ipcStream);
    reader.open();
    fields = reader.schema.fields;
  } catch {
    return [];
  }
  return fields.flatMap((f) => {
    const problem = problemOf(f.type);
    return problem ? [{ name: f.name, type: problem }] : [];
  });
}

/**
 * The schema message at the start of an Arrow IPC stream, as a stream of its own (schema, then the
 * end marker). Inserting a chunk hands its buffer to the engine's worker, so keep this first.
 */
export function ipcSchemaOnly(ipcStream: Uint8Array): Uint8Array {
  const view = new DataView(ipcStream.buffer, ipcStream.byteOffset, ipcStream.byteLength);
  if (ipcStream.byteLength < 8 || view.getUint32(0, true) !== 0xffffffff) return new Uint8Array();
  const end = Math.min(8 + view.getInt32(4, true), ipcStream.byteLength);
  const out = new Uint8Array(end + 8);
  out.set(ipcStream.subarray(0, end));
  out.set([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0], end);
  return out;
}

function problemOf(type: DataType): string | null {
  if (DataType.isUnion(type)) return 'a union of types';
  const children: Field[] = type.children ?? [];
  if (DataType.isStruct(type) && children.some((c) => c.name === ''))
    return 'a struct with an unnamed field, as a union is stored';
  for (const child of children) {
    const inner = problemOf(child.type);
    if (inner) return inner;
  }
  return null;
}
