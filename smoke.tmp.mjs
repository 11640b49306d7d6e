import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const t0 = Date.now();
await page.goto('http://localhost:4318/');
await page.getByText('DuckDB ready').waitFor({ timeout: 20000 });
console.log('ready in', Date.now() - t0);
await page.screenshot({ path: '/tmp/shots/start.png' });
for (const id of process.argv.slice(2)) {
  await page.click(`[data-sample="${id}"]`);
  await page.waitForFunction(() => document.querySelectorAll('.job[data-status="loading"]').length === 0 && document.querySelectorAll('.job').length > 0, null, { timeout: 30000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${id}.png`, fullPage: true });
  console.log(await page.locator('main').innerText());
  await page.goto('http://localhost:4318/'); await page.getByText('DuckDB ready').waitFor();
}
await browser.close();
