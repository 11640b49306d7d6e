import { CancelledError } from '../engine/engine';
import type { LoadSource } from '../ingest/load-file';
import type { LoadJob } from './load-queue.svelte';

/**
 * A file given by its address, as the loader takes it: a Parquet file read in place where its host
 * answers range requests (only `columns` of it when given), anything else fetched whole.
 */
export async function urlSource(
  job: LoadJob,
  source: { url: string; columns?: string[] },
  signal: AbortSignal,
  get: typeof fetch,
): Promise<LoadSource> {
  const { columns } = source;
  const inPlace = await rangeReadable(source.url, signal, get);
  if (inPlace) return { name: job.fileName, ...inPlace, columns };
  return { name: job.fileName, blob: await fetchBlob(job, source.url, signal, get), columns };
}

/**
 * A Parquet file's absolute address and size when its host answers range requests; otherwise
 * null, and the file is fetched whole (which also reports what is wrong with the address). The
 * host must say it takes ranges, send the bytes as they are (no content encoding), and answer a
 * request for the first 4 bytes with those bytes: Parquet's magic number, `PAR1`. A file named
 * .parquet that is something else (a Git LFS pointer, a CSV) is fetched and recognised by content.
 */
async function rangeReadable(
  url: string,
  signal: AbortSignal,
  get: typeof fetch,
): Promise<{ url: string; bytes: number } | null> {
  const address = new URL(url, pageAddress());
  if (!/\.parquet$/i.test(address.pathname)) return null;
  const head = await get(url, { method: 'HEAD', signal }).catch(() => null);
  const bytes = Number(head?.headers.get('content-length'));
  if (!head?.ok || !(bytes > 8)) return null;
  if (!/\bbytes\b/.test(head.headers.get('accept-ranges') ?? '')) return null;
  if (head.headers.get('content-encoding')) return null;
  const magic = await get(url, { headers: { Range: 'bytes=0-3' }, signal })
    .then(async (r) => {
      if (r.status === 206) return new TextDecoder().decode(await r.arrayBuffer());
      await r.body?.cancel(); // the whole file is coming: the range was ignored
      return '';
    })
    .catch(() => '');
  if (magic !== 'PAR1') return null;
  // The decoder's worker resolves addresses against its own script, so pass the whole address.
  return { url: address.href, bytes };
}

async function fetchBlob(
  job: LoadJob,
  url: string,
  signal: AbortSignal,
  get: typeof fetch,
): Promise<Blob> {
  job.step = { phase: 'fetching' };
  const response = await get(url, { signal }).catch((e) => {
    if (signal.aborted) throw new CancelledError();
    throw new Error(
      `${job.fileName}: could not fetch ${url} (${e instanceof Error ? e.message : e}). Only files served from this page's own site can be opened by URL.`,
    );
  });
  if (!response.ok)
    throw new Error(
      `${job.fileName}: the server answered ${response.status} ${response.statusText} for ${url}.`,
    );
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    throw new Error(
      `${job.fileName}: the server answered with a web page, not a data file: check the address ${url}.`,
    );
  }
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    job.step = { phase: 'fetching', fraction: total ? received / total : undefined };
  }
  return new Blob(parts as BlobPart[]);
}

/** Where relative addresses resolve: the page (outside a browser, in tests, a stand-in). */
const pageAddress = () => globalThis.location?.href ?? 'http://localhost/';

export function fileNameOf(url: string): string {
  const path = new URL(url, pageAddress()).pathname;
  return decodeURIComponent(path.split('/').pop() || url);
}
