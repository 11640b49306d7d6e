import { BLOCK_TYPE } from './single-file-boot.ts';

/**
 * The build writes the single-file page without a report (TEMPLATE_FILE); publishing fills in the
 * notebook and the data (single-file.ts). Imported by the build's config: imports nothing of the app.
 */
export const TEMPLATE_FILE = 'report-template.html';
/** Beside the template: its size, so the publish panel can state it before fetching 13 MB. */
export const TEMPLATE_INFO_FILE = 'report-template.json';
/** Where the template takes the report's blocks. */
export const REPORT_PLACEHOLDER = '<!--slicebook-report-data-->';
/** The content of the page's `slicebook-report` meta tag: the report is in the page. */
export const INLINE_REPORT = '#inline';

export interface TemplateInfo {
  bytes: number;
}

/** What the single-file build puts in the page (gzipped parts are base64 text). */
export interface TemplateParts {
  css: string;
  /** The inline script: single-file-boot.ts as JavaScript, and its start call. */
  boot: string;
  /** The app's one bundle: the code (hashed for the CSP), and the same gzipped. */
  app: { name: string; code: string; gzipBase64: string };
  /** The workers' scripts and the wasm files, gzipped. */
  assets: { name: string; contentType: string; gzipBase64: string }[];
}

/** The CSP source for an inline script's text, as the browser computes it (over its UTF-8). */
export async function scriptHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}

/**
 * As the app's (index.html), with no 'self': a page opened from disk has no origin to name. Scripts
 * run only by hash; workers, fetches and images only from the page's own blob: and data: URLs.
 */
export function singleFileCsp(scriptHashes: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ')} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    'connect-src blob: data:',
    'img-src data: blob:',
    "style-src 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function rawText(what: string, text: string, closing: RegExp): string {
  if (closing.test(text)) throw new Error(`The ${what} cannot be inlined: it contains ${closing}.`);
  return text;
}

/** The single-file page without a report: REPORT_PLACEHOLDER marks where publishing puts one. */
export async function singleFileTemplate(parts: TemplateParts): Promise<string> {
  const hashes = [await scriptHash(parts.boot), await scriptHash(parts.app.code)];
  const block = (attributes: string, body: string) =>
    `    <script type="${BLOCK_TYPE}" ${attributes}>${body}</script>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="${singleFileCsp(hashes)}" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="slicebook-report" content="${INLINE_REPORT}" />
    <link rel="icon" href="data:," />
    <title>Slicebook report</title>
    <style>${rawText('stylesheet', parts.css, /<\/style/i)}</style>
  </head>
  <body>
    <div id="app"><p>Opening the report…</p></div>
    ${REPORT_PLACEHOLDER}
${block(`data-slicebook-app="${parts.app.name}"`, parts.app.gzipBase64)}
${parts.assets.map((a) => block(`data-slicebook-asset="${a.name}" data-content-type="${a.contentType}"`, a.gzipBase64)).join('\n')}
    <script type="module">${rawText('boot script', parts.boot, /<\/script|<!--/i)}</script>
  </body>
</html>
`;
}
