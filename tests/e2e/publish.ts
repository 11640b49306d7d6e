import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expect } from './fixtures';

/**
 * Publishes the notebook as a .zip, as a user would, and unzips it into <root>/reports/r1/: the
 * report's files sit at the top of the zip (index.html, report.json, data/), in no folder.
 */
export async function publishZip(page: Page, folderName: string, keepEveryColumn = false) {
  const panel = page.getByRole('region', { name: 'Publish a report' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Publish…' }).click();
  await expect(panel.getByTestId('publish-plan')).toBeVisible();
  if (keepEveryColumn) await panel.getByLabel(/Keep every column/).check();
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download .zip' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${folderName}.zip`);
  const root = mkdtempSync(join(tmpdir(), 'slicebook-report-'));
  const zipPath = join(root, 'report.zip');
  await download.saveAs(zipPath);
  const folder = join(root, 'reports', 'r1');
  const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
  expect(Object.keys(entries)).toContain('index.html');
  expect(Object.keys(entries)).toContain('report.json');
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const target = join(folder, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return { root, folder, entries };
}
