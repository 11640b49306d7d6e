/**
 * The app's Content-Security-Policy: scripts, workers, fetches and images only from this site (and
 * the page's own blob: and data: URLs), no inline script, no plugins, no forms. The build puts it in
 * the page's `<meta>` (vite.config.ts), `npm start` also sends it as a header, and a published
 * folder carries it in `_headers` for the hosts that read one (report/build-report.ts). The
 * workers start from blob: URLs and so inherit it from the page (start-worker.ts). Imported by the
 * build's config: imports nothing.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * `_headers` for a published folder: Netlify and Cloudflare Pages send these headers with every
 * file (GitHub Pages and plain servers ignore the file; the page's `<meta>` still applies there).
 */
export function headersFile(): string {
  return `/*\n  Content-Security-Policy: ${APP_CSP}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`;
}
