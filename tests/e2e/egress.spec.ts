import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startStaticServer } from '../helpers/static-server';
import { addCell, expect, loadFiles, openApp, runForeignSql, test } from './fixtures';
import { COUNTED, HOSTILE_FILTER, HOSTILE_SQL, hostileNotebookFile } from './hostile-notebooks';
import { publishZip } from './publish';

/**
 * Nothing leaves the machine, whatever a notebook from someone else asks. Chromium resolves every
 * host name but localhost to a TCP listener of this test, so any request a page, a worker or
 * DuckDB makes to another host, by any route (fetch, an image, XHR in DuckDB's worker), arrives
 * there; the request log of the other tests sees only what the browser admits to. Each hostile
 * notebook (a file, a link, a tampered report folder, a tampered single file) is opened with the
 * loan sample loaded and run (a file's or a link's SQL with the user's Run), and must end with the
 * listener having seen nothing, the user's table whole, and every attempt in a plain message.
 */
const LISTENER_PORT = Number(process.env.E2E_PORT || 4317) + 1000;
/** What reached the listener: each connection's host (HTTP Host, or TLS server name) and first line. */
const connections: string[] = [];
/**
 * Chromium's own services (updates, accounts), which it calls whatever page is open: not the
 * page's doing. Every other host reaching the listener fails the test.
 */
const BROWSER_SERVICES = /(^|\.)(google\.com|googleapis\.com|gstatic\.com)$/;
const sockets = new Set<Socket>();
const listener = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.once('data', (bytes) => {
    const text = bytes.toString('latin1');
    const host = /\r\nHost: ([^\r:]+)/i.exec(text)?.[1] ?? serverName(bytes) ?? 'unknown';
    if (!BROWSER_SERVICES.test(host))
      connections.push(`${host}: ${/^[A-Z]+ \S+/.exec(text)?.[0] ?? 'TLS'}`);
  });
});

/** The server name a TLS ClientHello asks for (its SNI extension, RFC 6066), if it is one. */
function serverName(b: Buffer): string | undefined {
  if (b[0] !== 0x16 || b[5] !== 0x01) return undefined;
  let at = 5 + 4 + 2 + 32;
  at += 1 + b[at];
  at += 2 + b.readUInt16BE(at);
  at += 1 + b[at];
  const end = at + 2 + b.readUInt16BE(at);
  for (at += 2; at + 4 <= end;) {
    const type = b.readUInt16BE(at);
    const length = b.readUInt16BE(at + 2);
    if (type === 0) return b.toString('latin1', at + 9, at + 9 + b.readUInt16BE(at + 7));
    at += 4 + length;
  }
  return undefined;
}

test.use({
  launchOptions: async ({ launchOptions }, use) =>
    use({
      ...launchOptions,
      args: [
        ...(launchOptions.args ?? []),
        `--host-resolver-rules=MAP * 127.0.0.1:${LISTENER_PORT}, EXCLUDE localhost`,
      ],
    }),
});
test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  await new Promise<void>((done) => listener.listen(LISTENER_PORT, '127.0.0.1', done));
});
test.afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((done) => listener.close(() => done()));
});

const SAMPLE = 'samples/loan-approval.parquet';
const ROOT = mkdtempSync(join(tmpdir(), 'slicebook-egress-'));

test('the listener sees a request to any other host (so this test can fail)', async ({
  browser,
}) => {
  const page = await browser.newPage();
  await page
    .goto(`http://attacker.test:${LISTENER_PORT}/probe`, { timeout: 3_000 })
    .catch(() => {});
  await expect.poll(() => connections).toContain('attacker.test: GET /probe');
  await page.close();
  connections.length = 0;
});

/** Each hostile cell's message, the honest count, and the refused filter, as the page shows them. */
async function expectPlainEndings(page: Page): Promise<void> {
  for (const h of HOSTILE_SQL)
    await expect(page.locator(`.cell[data-cell="${h.name}"] .cell-error p`), h.name).toHaveText(
      h.says,
    );
  const counted = page.locator(`.cell[data-cell="${COUNTED.name}"]`);
  await expect(counted).toContainText(`${COUNTED.name}: 1 row × 1 column`);
  await expect(counted.locator('tbody')).toContainText(/20,?000/);
  await expect(page.locator('.cell[data-cell="overview"] .cell-error p')).toHaveText(
    HOSTILE_FILTER.says,
  );
  expect(await page.locator('main').innerText()).not.toMatch(/NetworkError|exception_type|LINE 1:/);
}

/** The URLs of the workers a page starts: each must be a blob: URL, which runs under its CSP. */
function watchWorkers(page: Page): string[] {
  const urls: string[] = [];
  page.on('worker', (w) => urls.push(w.url()));
  return urls;
}

function expectBlobWorkers(workers: string[]): void {
  expect(workers.length).toBeGreaterThan(0);
  expect(workers.filter((u) => !u.startsWith('blob:'))).toEqual([]);
}

test('a hostile notebook file, and the link made from it, run on the user’s data: nothing leaves', async ({
  page,
  browser,
  baseURL,
}) => {
  const workers = watchWorkers(page);
  const file = join(ROOT, 'quarterly.slicebook.json');
  writeFileSync(file, hostileNotebookFile());
  await openApp(page);
  await loadFiles(page, [SAMPLE]);
  await page.getByTestId('notebook-input').setInputFiles(file);
  await expect(page.getByRole('region', { name: 'SQL from someone else' })).toContainText(
    'This notebook came from the file quarterly.slicebook.json',
  );
  await runForeignSql(page);
  await expectPlainEndings(page);
  await expect(page.locator('.job')).toContainText('loan-approval.parquet');
  await page.screenshot({ path: 'test-results/egress-file.png', fullPage: true });
  expectBlobWorkers(workers);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const context = await browser.newContext({ baseURL });
  try {
    const linked = await context.newPage();
    const linkedWorkers = watchWorkers(linked);
    await linked.goto(link);
    await expect(linked.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
    await expect(linked.getByRole('region', { name: 'SQL from someone else' })).toContainText(
      'This notebook came from a link',
    );
    await loadFiles(linked, [SAMPLE]);
    await runForeignSql(linked);
    await expectPlainEndings(linked);
    expectBlobWorkers(linkedWorkers);
  } finally {
    await context.close();
  }
  expect(connections).toEqual([]);
});

/**
 * A benign report of the sample as Publish writes it (a folder, unzipped); its report.json then
 * tampered with by `tamper`.
 */
async function tamperedReport(
  page: Page,
  tamper: (report: { notebook: unknown; data: { path: string }[] }) => void,
): Promise<string> {
  await openApp(page);
  await loadFiles(page, [SAMPLE]);
  await addCell(page, 'Overview');
  const { folder } = await publishZip(page, 'Untitled-notebook-report', true);
  const path = join(folder, 'report.json');
  const report = JSON.parse(readFileSync(path, 'utf8'));
  tamper(report);
  writeFileSync(path, JSON.stringify(report));
  return folder;
}

const withHostileNotebook = (report: { notebook: unknown }) => {
  report.notebook = JSON.parse(hostileNotebookFile());
};

/**
 * Serves the folder's parent from a plain static host and opens the report in a context of its
 * own; `read` gets the page and every request the context made.
 */
async function readReport(
  browser: Browser,
  folder: string,
  read: (reader: Page, requests: string[], origin: string) => Promise<void>,
): Promise<void> {
  const server = await startStaticServer(join(folder, '..'));
  const context = await browser.newContext();
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  try {
    const reader = await context.newPage();
    await read(reader, requests, server.origin);
  } finally {
    await context.close();
    await server.close();
  }
  expect(connections).toEqual([]);
}

test('npm start sends the page’s Content-Security-Policy as a header too', async ({ page }) => {
  const response = await page.goto('./');
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(meta).toContain("connect-src 'self' blob: data:");
  expect(response?.headers()['content-security-policy']).toBe(meta);
});

test('a tampered report folder runs the attacker’s notebook: nothing leaves', async ({
  page,
  browser,
}) => {
  const folder = await tamperedReport(page, withHostileNotebook);
  // Published with a headers file for the hosts that read one (Netlify, Cloudflare Pages).
  const meta = /content="([^"]*)"/.exec(
    /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/.exec(
      readFileSync(join(folder, 'index.html'), 'utf8'),
    )![0],
  )![1];
  expect(readFileSync(join(folder, '_headers'), 'utf8')).toContain(
    `  Content-Security-Policy: ${meta}\n`,
  );
  await readReport(browser, folder, async (reader, requests, origin) => {
    const workers = watchWorkers(reader);
    await reader.goto(`${origin}/r1/`);
    await expectPlainEndings(reader);
    await reader.screenshot({ path: 'test-results/egress-report.png', fullPage: true });
    expectBlobWorkers(workers);
    expect(requests.filter((u) => !u.startsWith(origin) && !/^(blob|data):/.test(u))).toEqual([]);
  });
});

test('a report whose data file is on another host is refused before any request', async ({
  page,
  browser,
}) => {
  const folder = await tamperedReport(page, (report) => {
    report.data[0].path = 'http://attacker.test/stolen.parquet';
  });
  await readReport(browser, folder, async (reader, _, origin) => {
    await reader.goto(`${origin}/r1/`);
    await expect(reader.getByRole('alert').first()).toHaveText(
      'The report names a data file on another site (http://attacker.test/stolen.parquet); a report reads only the files of its own site.',
    );
  });
});

test('a tampered single-file report runs the attacker’s notebook: nothing leaves', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await loadFiles(page, [SAMPLE]);
  await addCell(page, 'Overview');
  await page.getByRole('button', { name: 'Publish…' }).click();
  const panel = page.getByRole('region', { name: 'Publish a report' });
  await panel.getByLabel(/Keep every column/).check();
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Single HTML file' }).click();
  const file = join(ROOT, 'quarterly.html');
  await (await downloading).saveAs(file);
  const html = readFileSync(file, 'utf8');
  const block = /(<script type="application\/json" data-slicebook-report>)([\s\S]*?)(<\/script>)/;
  const report = JSON.parse(block.exec(html)![2]);
  withHostileNotebook(report);
  const json = JSON.stringify(report).replace(/</g, '\\u003c');
  writeFileSync(
    file,
    html.replace(block, (_, open, _json, close) => open + json + close),
  );

  const context = await browser.newContext();
  try {
    const reader = await context.newPage();
    await reader.goto(`file://${file}`);
    await expectPlainEndings(reader);
  } finally {
    await context.close();
  }
  expect(connections).toEqual([]);
});
