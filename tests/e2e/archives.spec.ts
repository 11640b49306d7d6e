import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAccuracies, openApp, settle, test } from './fixtures';
import { markedEncrypted, zipOf } from '../helpers/zip-fixtures';

/**
 * Issue 19: a zip archive opens as the files in it (the decoder worker unzips it, entry by entry),
 * and a refused one (encrypted) is named while what was loaded stays. The zips are written here
 * from samples/, into test-results/.
 */
const SAMPLE = new URL('../../samples/llm-eval/', import.meta.url).pathname;
const OUT = new URL('../../test-results/archives/', import.meta.url).pathname;

/** Accuracy per model counted by hand from the sample's JSON Lines. */
function handCounts(): Record<string, { n: number; correct: number }> {
  const counts: Record<string, { n: number; correct: number }> = {};
  for (const file of readdirSync(SAMPLE).filter((f) => f.endsWith('.jsonl'))) {
    const lines = readFileSync(`${SAMPLE}${file}`, 'utf8').trim().split('\n');
    counts[file.replace('.jsonl', '')] = {
      n: lines.length,
      correct: lines.filter((l) => JSON.parse(l).correct === 1).length,
    };
  }
  return counts;
}

function writeZip(name: string, files: Record<string, string>, encrypt = false): string {
  mkdirSync(OUT, { recursive: true });
  const zip = zipOf(files);
  writeFileSync(`${OUT}${name}`, encrypt ? markedEncrypted(zip) : zip);
  return `${OUT}${name}`;
}

async function pick(page: Page, path: string, rows: number) {
  const jobs = page.locator('.job');
  const before = await jobs.count();
  await page.setInputFiles('[data-testid="file-input"]', path);
  await expect(jobs).toHaveCount(before + rows, { timeout: 60_000 });
  await settle(page);
}

test('a zip of the llm-eval sample opens as its files: one dataset, accuracy per model as counted by hand', async ({
  page,
}) => {
  const files: Record<string, string> = { 'llm-eval/NOTES.md': '# how these were made' };
  for (const f of readdirSync(SAMPLE))
    files[`llm-eval/${f}`] = readFileSync(`${SAMPLE}${f}`, 'utf8');
  const zip = writeZip('llm-eval.zip', files);
  await openApp(page);
  await pick(page, zip, 5);
  const skipped = page.locator('.job[data-status="skipped"]');
  await expect(skipped).toHaveAttribute('data-file', 'llm-eval.zip/llm-eval/NOTES.md');
  await expect(skipped).toContainText('not a data file (.md)');
  await expect(page.locator('.job[data-status="done"]')).toHaveCount(4);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset.locator('h2')).toContainText('llm-eval.zip/llm-eval/*.jsonl (3 files)');
  await expectAccuracies(dataset, handCounts());
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/archives-llm-eval-zip.png', fullPage: true });

  // An encrypted zip is refused by name; the dataset loaded before stays.
  const locked = writeZip('locked.zip', { 'secret.csv': 'id,correct\n1,1\n' }, true);
  await pick(page, locked, 1);
  const refused = page.locator('.job[data-file="locked.zip"]');
  await expect(refused).toHaveAttribute('data-status', 'failed');
  await expect(refused).toContainText(
    'locked.zip: the zip archive is encrypted (secret.csv needs a password).',
  );
  await expect(page.locator('.dataset')).toHaveCount(1);
  await expectAccuracies(dataset, handCounts());
});
