/**
 * Starts a worker from a blob: URL that loads the script at `url` (this site's), so the page's
 * Content-Security-Policy governs the worker on any host. A worker loaded straight from a URL takes
 * its policy from that response's own headers, which a static host does not send: DuckDB's worker
 * could then fetch any host from `read_csv('https://...')`. A blob: worker inherits the page's
 * policy (connect-src 'self'). In the single-file report the URL is a blob: already (its boot
 * script made it) and is started as it is.
 */
export function startWorker(url: string, type: WorkerType): Worker {
  if (url.startsWith('blob:')) return new Worker(url, { type });
  const script = JSON.stringify(new URL(url, location.href).href);
  const loader = type === 'module' ? `import ${script};` : `importScripts(${script});`;
  return new Worker(URL.createObjectURL(new Blob([loader], { type: 'text/javascript' })), { type });
}
