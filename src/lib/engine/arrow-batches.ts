import { Table, type RecordBatch, type Schema } from 'apache-arrow';
import { CancelledError } from './engine';

/** Collects a stream of record batches into one table, stopping early when `signal` fires. */
export async function tableFromBatches(
  reader: AsyncIterable<RecordBatch> & { schema: Schema },
  signal?: AbortSignal,
): Promise<Table> {
  const collected: RecordBatch[] = [];
  for await (const batch of reader) {
    if (signal?.aborted) throw new CancelledError();
    collected.push(batch);
  }
  return collected.length > 0 ? new Table(collected) : new Table(reader.schema);
}
