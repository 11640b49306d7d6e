import { ParquetFile } from 'parquet-wasm/node';
import { ChunkCredits } from '../lib/ingest/chunk-credits';
import { decodeFile } from '../lib/ingest/decode';
import type { Decode, DecodeEvent } from '../lib/ingest/decoder-client';

/**
 * The browser's decoder run in Node: the same code (decode.ts) and the same parquet-wasm, so a
 * file becomes the same Arrow batches in both. Chunks are handed on as they are decoded.
 */
export const nodeDecode: Decode = (format, source, signal, columns) => {
  const queue: (DecodeEvent | { type: 'end'; error?: unknown })[] = [];
  let wake: (() => void) | undefined;
  const credits = new ChunkCredits();
  let stopped = false;
  const push = (event: (typeof queue)[number]) => {
    queue.push(event);
    wake?.();
  };
  void decodeFile(
    format,
    source,
    {
      chunk: async (bytes) => {
        await credits.acquire();
        push({ type: 'chunk', bytes });
      },
      progress: (done, total) => push({ type: 'progress', done, total }),
      note: (text) => push({ type: 'note', text }),
      profile: (profile) => push({ type: 'profile', profile }),
      cancelled: () => stopped || (signal?.aborted ?? false),
    },
    ParquetFile,
    columns,
  ).then(
    () => push({ type: 'end' }),
    (error) => push({ type: 'end', error }),
  );
  return (async function* () {
    try {
      for (;;) {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const event = queue.shift()!;
        if (event.type === 'end') {
          if (event.error) throw event.error;
          return;
        }
        yield event;
        if (event.type === 'chunk') credits.release();
      }
    } finally {
      // A consumer that stops early must not leave the decoder waiting on its credits.
      stopped = true;
      credits.open();
    }
  })();
};
