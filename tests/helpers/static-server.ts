import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** A plain static host, as a reader's would be: files only, MIME types, Range requests, no SPA fallback. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface Served {
  method: string;
  path: string;
  status: number;
  range: string | null;
  /** Body bytes sent. */
  bytes: number;
}

export interface StaticServer {
  origin: string;
  log: Served[];
  close(): Promise<void>;
}

/** Serves `root` at `http://localhost:<free port>/`; every request is logged with the bytes sent. */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const log: Served[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    const entry: Served = {
      method: req.method ?? 'GET',
      path: url.pathname,
      status: 200,
      range: req.headers.range ?? null,
      bytes: 0,
    };
    log.push(entry);
    const size = file.startsWith(root) ? fileSize(file) : null;
    if (size === null) {
      entry.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
    };
    let start = 0;
    let end = size - 1;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      if (range[1] === '') start = Math.max(0, size - Number(range[2]));
      else {
        start = Number(range[1]);
        if (range[2] !== '') end = Math.min(end, Number(range[2]));
      }
      if (start > end || start >= size) {
        entry.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
        return;
      }
      entry.status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['content-length'] = end - start + 1;
    res.writeHead(entry.status, headers);
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file, { start, end });
    stream.on('data', (chunk) => (entry.bytes += chunk.length));
    stream.pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function fileSize(file: string): number | null {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}
