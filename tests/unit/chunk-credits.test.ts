import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { ParquetFile } from 'parquet-wasm/node';
import { describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { ChunkCredits } from '../../src/lib/ingest/chunk-credits';
import { decodeFile } from '../../src/lib/ingest/decode';

/** 350,000 rows as one Arrow IPC stream: decode.ts sends it as 4 chunks of at most 100,000. */
function arrowBlob(): Blob {
  const n = 350_000;
  const id = Int32Array.from({ length: n }, (_, i) => i);
  return new Blob([tableToIPC(tableFromArrays({ id }), 'stream') as Uint8Array<ArrayBuffer>]);
}

/** Lets every queued promise callback and timer run, so a decoder that is not blocked moves on. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('decoded chunks wait for the consumer (bounded memory on big files)', () => {
  it('the credits let `limit` chunks through, then hold the next until one is released', async () => {
    const credits = new ChunkCredits(2);
    await credits.acquire();
    await credits.acquire();
    let third = false;
    const waiting = credits.acquire().then(() => (third = true));
    await settle();
    expect(third).toBe(false);
    expect(credits.inFlight).toBe(2);
    credits.release();
    await waiting;
    expect(third).toBe(true);
    expect(credits.inFlight).toBe(2);
  });

  it('opened credits let every waiter through (a cancelled decode does not hang)', async () => {
    const credits = new ChunkCredits(1);
    await credits.acquire();
    const waiters = [credits.acquire(), credits.acquire()];
    credits.open();
    await Promise.all(waiters);
    await credits.acquire();
    expect(credits.inFlight).toBe(4);
  });

  it('decodeFile does not decode the next chunk before the sink has taken the last one', async () => {
    const taken: number[] = [];
    let holding: (() => void) | undefined;
    const decoding = decodeFile(
      'arrow-stream',
      arrowBlob(),
      {
        chunk: (bytes) => {
          // A second call while the first is still held would mean the decoder runs ahead.
          expect(holding).toBeUndefined();
          taken.push(tableFromIPC(bytes).numRows);
          return new Promise<void>((resolve) => (holding = resolve));
        },
        progress: () => {},
        note: () => {},
        cancelled: () => false,
      },
      ParquetFile,
    );
    for (let expected = 1; expected <= 4; expected++) {
      while (!holding) await settle();
      expect(taken).toHaveLength(expected);
      const release = holding;
      holding = undefined;
      release();
    }
    await decoding;
    expect(taken).toEqual([100_000, 100_000, 100_000, 50_000]);
  });

  it("the runner's decoder, held to a few chunks ahead, still hands on every row in order", async () => {
    const ids: number[] = [];
    for await (const event of nodeDecode('arrow-stream', arrowBlob()))
      if (event.type === 'chunk') ids.push(...tableFromIPC(event.bytes).getChild('id')!.toArray());
    expect(ids).toHaveLength(350_000);
    expect(ids.every((v, i) => v === i)).toBe(true);
  });
});
