import { launchBrowser } from './browser';
import { startPreview } from './server';
import { loadavg } from 'node:os';
const server = await startPreview('.', 'bench/data/dist');
const b = await launchBrowser();
for (const file of ['bench/data/dump-v1-1m.parquet', 'bench/data/dump-v1-1m.csv']) {
const ctx = await b.newContext();
const page = await ctx.newPage();
await page.addInitScript('globalThis.__name = (fn) => fn;');
await page.goto(server.url + '?bench');
await page.getByText('DuckDB ready').waitFor({ timeout: 60000 });
await page.waitForTimeout(3000);
await page.evaluate(() => { document.addEventListener('change', () => ((window as any).__picked = performance.now()), true); });
await page.setInputFiles('[data-testid="file-input"]', file);
await page.locator('[data-testid="overview"]').waitFor({ timeout: 120000 });
await page.waitForTimeout(1000);
const r = await page.evaluate(() => { const t0 = (window as any).__picked; return (window as any).__slicebook.log.filter((q: any) => q.at > t0).map((q: any) => `${(q.at - q.ms - t0).toFixed(0).padStart(6)} +${q.ms.toFixed(0).padStart(5)}  ${q.sql.replace(/\s+/g, ' ').slice(0, 90)}`); });
console.log(file, 'load avg', loadavg()[0].toFixed(1), '\n' + r.join('\n'));
console.log(await page.locator('.job').textContent());
await ctx.close();
}
await b.close(); server.stop();
