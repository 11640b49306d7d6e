import type { Client, Table } from '@finos/perspective';
import type { Page } from '@playwright/test';
import type { Format } from './plan';

/**
 * What the Perspective peer runs inside its page (bench/perspective.html), through
 * `page.evaluate`: the picked file into a table, and a question as a view. Times come from the
 * page's own clock.
 */

/** A view's settings, as Perspective's `Table.view` takes them. */
export type ViewConfig = NonNullable<Parameters<Table['view']>[0]>;

type PeerWindow = {
  __perspective: Promise<{ client: Client; readyMs: number }>;
  __parquet: Promise<(bytes: Uint8Array) => { intoIPCStream(): Uint8Array<ArrayBuffer> }>;
  __table: Table;
};

export interface Loaded {
  /** Navigation to Perspective's worker answering (its wasm fetched and compiled). */
  readyMs: number;
  /** The file's bytes read to the table's size known (Perspective has ingested every row). */
  ms: number;
  /** Of `ms`, parquet-wasm decoding the Parquet to an Arrow IPC stream (0 for CSV). */
  decodeMs: number;
  rows: number;
}

/** In the page: the picked file into a Perspective table. CSV goes in as bytes (`format: csv`). */
async function loadInPage(format: Format): Promise<Omit<Loaded, 'readyMs'>> {
  const w = window as unknown as PeerWindow;
  const { client } = await w.__perspective;
  const file = document.querySelector<HTMLInputElement>('input[type="file"]')!.files![0];
  const started = performance.now();
  const bytes = await file.arrayBuffer();
  let decodeMs = 0;
  if (format === 'csv') w.__table = await client.table(bytes, { format: 'csv' });
  else {
    const decodeStarted = performance.now();
    const ipc = (await w.__parquet)(new Uint8Array(bytes)).intoIPCStream();
    decodeMs = performance.now() - decodeStarted;
    const arrow = ipc.buffer.slice(ipc.byteOffset, ipc.byteOffset + ipc.byteLength);
    w.__table = await client.table(arrow, { format: 'arrow' });
  }
  const rows = await w.__table.size();
  return { ms: performance.now() - started, decodeMs, rows };
}

/**
 * In the page: one question as a view (made, read, deleted), then each group's accuracy as its
 * right answers over its rows (bench/perspective.ts, `countsView`); the time and the answer.
 */
async function askInPage(
  config: ViewConfig,
): Promise<{ ms: number; columns: Record<string, unknown[]> }> {
  const table = (window as unknown as PeerWindow).__table;
  const started = performance.now();
  const view = await table.view(config);
  const columns = (await view.to_columns()) as Record<string, unknown[]>;
  await view.delete();
  const { label, successes } = columns as Record<string, number[]>;
  columns.accuracy = successes.map((right, i) => right / label[i]);
  return { ms: performance.now() - started, columns };
}

/** `work`, or an error naming `what` once `ms` have passed (a page that hangs must not hang the bench). */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Opens the page and loads the file as a person would: pick it in the file input. */
export async function openAndLoad(
  page: Page,
  url: string,
  file: string,
  format: Format,
  timeoutMs: number,
): Promise<Loaded> {
  await page.addInitScript('globalThis.__name = (fn) => fn;'); // tsx's keepNames, as in browser.ts
  await page.goto(url);
  const ready = page.evaluate(
    async () => (await (window as unknown as PeerWindow).__perspective).readyMs,
  );
  const readyMs = await within(timeoutMs, 'Perspective start', ready);
  await page.setInputFiles('input[type="file"]', file);
  const loaded = await within(timeoutMs, `loading ${file}`, page.evaluate(loadInPage, format));
  return { readyMs, ...loaded };
}

/** Asks one question on the loaded table. */
export function ask(page: Page, config: ViewConfig, timeoutMs: number) {
  return within(timeoutMs, 'a Perspective view', page.evaluate(askInPage, config));
}
