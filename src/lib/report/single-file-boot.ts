/**
 * The start of a single-file report (see single-file-template.ts). The build copies this module,
 * types stripped, into the page's one inline script, so it imports nothing.
 *
 * A page opened from disk has an opaque origin: its workers cannot fetch the page's blob: URLs, and
 * module workers do not start at all. So the app's workers start as classic scripts from blob: URLs,
 * and the wasm they fetch is handed to them as Blobs and inflated inside the worker.
 */

/** Marks the page's data blocks: `<script type="application/octet-stream" data-slicebook-…>`. */
export const BLOCK_TYPE = 'application/octet-stream';

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const from = (Uint8Array as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (from) return from(text.trim());
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function gunzip(bytes: Blob): Promise<Blob> {
  return new Response(bytes.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
}

/** What a worker runs before its own code: answers fetches of the app's assets from Blobs. */
function workerPrelude(urls: Record<string, string>): string {
  return `(() => {
  const urls = ${JSON.stringify(urls)};
  const blobs = new Map();
  let ready;
  const received = new Promise((resolve) => (ready = resolve));
  self.__slicebookAsset = (name) => urls[name];
  self.addEventListener('message', (event) => {
    if (!event.data || !event.data.slicebookAssets) return;
    event.stopImmediatePropagation();
    for (const [url, blob] of Object.entries(event.data.slicebookAssets)) blobs.set(url, blob);
    ready();
  });
  const fetchOutside = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = new Request(input).url;
    if (!Object.values(urls).includes(url)) return fetchOutside(input, init);
    await received;
    const blob = blobs.get(url);
    const body = blob.stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(body, { headers: { 'content-type': blob.type } });
  };
})();
`;
}

/**
 * Reads the asset blocks, starts the app (its code is a block too, allowed by its hash in the CSP
 * when injected), and makes the app's workers classic blob: workers that get the wasm as Blobs.
 */
export async function bootSingleFile(doc: Document): Promise<void> {
  const blocks = [...doc.querySelectorAll<HTMLScriptElement>('script[data-slicebook-asset]')];
  const urls: Record<string, string> = {};
  const wasm: Record<string, Blob> = {};
  const scripts: { name: string; gzipped: Blob }[] = [];
  for (const block of blocks) {
    const name = block.dataset.slicebookAsset!;
    const gzipped = new Blob([base64ToBytes(block.text)], { type: block.dataset.contentType });
    block.remove();
    if (name.endsWith('.js')) scripts.push({ name, gzipped });
    else {
      urls[name] = URL.createObjectURL(gzipped);
      wasm[urls[name]] = gzipped;
    }
  }
  const prelude = workerPrelude(urls);
  const classicWorkers = new Set<string>();
  for (const s of scripts) {
    const code = await (await gunzip(s.gzipped)).text();
    urls[s.name] = URL.createObjectURL(new Blob([prelude, code], { type: 'text/javascript' }));
    classicWorkers.add(urls[s.name]);
  }
  const NativeWorker = globalThis.Worker;
  globalThis.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const classic = classicWorkers.has(String(url));
      super(url, classic ? { name: options?.name } : options);
      if (classic) this.postMessage({ slicebookAssets: wasm });
    }
  };
  (globalThis as { __slicebookAsset?: (name: string) => string }).__slicebookAsset = (name) =>
    urls[name];
  const app = doc.querySelector<HTMLScriptElement>('script[data-slicebook-app]')!;
  const script = doc.createElement('script');
  script.type = 'module';
  script.text = await (await gunzip(new Blob([base64ToBytes(app.text)]))).text();
  app.remove();
  // The page shows "Opening the report…" while the browser reads the rest of the file.
  doc.getElementById('app')?.replaceChildren();
  doc.body.append(script);
}

/** The inline script's one statement: boot, or say on the page why not. */
export function startSingleFile(doc: Document): void {
  bootSingleFile(doc).catch((e: unknown) => {
    const app = doc.getElementById('app');
    if (app) app.textContent = `This report could not start: ${e instanceof Error ? e.message : e}`;
  });
}
