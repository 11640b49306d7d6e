import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/lib/ingest/ingest-error';
import { openInputs } from '../../src/lib/ingest/inputs/open-inputs';
import { MAX_INFLATED_BYTES, unzipArchive } from '../../src/lib/ingest/inputs/unzip-archive';
import { MAX_ZIP_ENTRIES } from '../../src/lib/ingest/inputs/zip-directory';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HARNESS_FIXTURES } from '../helpers/harness-counts';
import { blobOf, markedEncrypted, zipBomb, zipOf } from '../helpers/zip-fixtures';

const CSV = 'id,label,prediction\n1,a,a\n2,b,a\n';

describe('unzipArchive', () => {
  it('names each entry <archive>/<path inside> and inflates it to the bytes zipped', async () => {
    const zip = zipOf({
      'runs/model-a/out.csv': CSV,
      'runs/model-b/out.jsonl': '{"id":1}\n{"id":2}\n',
      'runs/': '',
    });
    const { files, skipped } = await unzipArchive({ name: 'runs.zip', blob: blobOf(zip) });
    expect(files.map((f) => f.name)).toEqual([
      'runs.zip/runs/model-a/out.csv',
      'runs.zip/runs/model-b/out.jsonl',
    ]);
    expect(await files[0].blob.text()).toBe(CSV);
    expect(await files[1].blob.text()).toBe('{"id":1}\n{"id":2}\n');
    expect(skipped).toEqual([]);
  });

  it('leaves out the files macOS and zip tools add (__MACOSX/, dotfiles)', async () => {
    const zip = zipOf({ 'a.csv': CSV, '__MACOSX/._a.csv': 'x', '.DS_Store': 'x' });
    const { files } = await unzipArchive({ name: 'a.zip', blob: blobOf(zip) });
    expect(files.map((f) => f.name)).toEqual(['a.zip/a.csv']);
  });

  it('refuses a zip bomb once it inflates past the limit, naming the archive and the entry reached', async () => {
    // 1,024 entries of 1 MiB of zeros: about 1 MB on disk, 1 GiB inflated; a 64 MiB limit stops
    // it at the 65th entry, having held at most 64 MiB.
    const bomb = zipBomb(1024, 1);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const error = await unzipArchive(
      { name: 'bomb.zip', blob: blobOf(bomb) },
      { maxBytes: 64 * 1024 * 1024 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error.message).toBe(
      'bomb.zip: the zip archive inflates past 64 MiB (reached at part-64.csv): it is a zip bomb, or too large to open in the browser. Unzip it and open the files you need.',
    );
    expect(MAX_INFLATED_BYTES).toBe(1024 ** 3);
  });

  it(`refuses an archive of 10,000 entries (over ${MAX_ZIP_ENTRIES}) before inflating any`, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) files[`f${i}.csv`] = 'a\n1\n';
    const error = await unzipArchive({ name: 'many.zip', blob: blobOf(zipOf(files)) }).catch(
      (e) => e,
    );
    expect(error.message).toBe(
      'many.zip: the zip archive holds 10,000 entries; Slicebook opens at most 5,000. Unzip it and open the folder (or the files) you need.',
    );
  });

  it('refuses an encrypted archive, naming the entry that needs a password', async () => {
    const zip = markedEncrypted(zipOf({ 'secret.csv': CSV }));
    const error = await unzipArchive({ name: 'locked.zip', blob: blobOf(zip) }).catch((e) => e);
    expect(error.message).toBe(
      'locked.zip: the zip archive is encrypted (secret.csv needs a password). Unzip it with its password and open the folder.',
    );
  });

  it('refuses a truncated archive', async () => {
    const zip = zipOf({ 'a.csv': CSV });
    const error = await unzipArchive({
      name: 'cut.zip',
      blob: blobOf(zip.subarray(0, zip.length - 30)),
    }).catch((e) => e);
    expect(error.message).toMatch(/^cut\.zip: the zip archive (has no directory|is truncated)/);
  });
});

describe('openInputs', () => {
  it('skips a zip inside a zip, by name or by content, and opens the rest', async () => {
    const inner = zipOf({ 'x.csv': CSV });
    const zip = zipOf({ 'a.csv': CSV, 'more.zip': inner, 'data.bin': inner });
    const opened = await openInputs([{ name: 'outer.zip', blob: blobOf(zip) }]);
    expect(opened.files.map((f) => f.name)).toEqual(['outer.zip/a.csv']);
    expect(opened.skipped).toEqual([
      {
        name: 'outer.zip/data.bin',
        reason: 'a zip inside a zip is not opened: unzip the outer archive and open the folder.',
      },
      {
        name: 'outer.zip/more.zip',
        reason: 'a zip inside a zip is not opened: unzip the outer archive and open the folder.',
      },
    ]);
    expect(opened.refused).toEqual([]);
  });

  it('lists files in a folder that are not data as skipped, and passes a lone file on whatever its name', async () => {
    const text = (s: string) => new Blob([s]);
    const opened = await openInputs([
      { name: 'run/README.md', blob: text('# notes') },
      { name: 'run/out.csv', blob: text(CSV) },
      { name: 'results.txt', blob: text(CSV) },
    ]);
    expect(opened.files.map((f) => f.name)).toEqual(['run/out.csv', 'results.txt']);
    expect(opened.skipped).toEqual([
      {
        name: 'run/README.md',
        reason:
          'not a data file (.md): Slicebook reads CSV, TSV, JSON, JSON Lines, Parquet and Arrow.',
      },
    ]);
  });

  it('refuses an encrypted archive and still opens the other files given with it', async () => {
    const opened = await openInputs([
      { name: 'locked.zip', blob: blobOf(markedEncrypted(zipOf({ 's.csv': CSV }))) },
      { name: 'plain.csv', blob: new Blob([CSV]) },
    ]);
    expect(opened.files.map((f) => f.name)).toEqual(['plain.csv']);
    expect(opened.refused.map((r) => r.name)).toEqual(['locked.zip']);
  });

  it('a zip of an lm-eval output folder is read as lm-eval, the table named inside the zip', async () => {
    const folder = join(HARNESS_FIXTURES, 'lm-eval', 'EleutherAI__pythia-160m');
    const files: Record<string, string> = {};
    for (const f of await readdir(folder))
      files[`EleutherAI__pythia-160m/${f}`] = await readFile(join(folder, f), 'utf8');
    const opened = await openInputs([{ name: 'pythia.zip', blob: blobOf(zipOf(files)) }]);
    expect(opened.files.map((f) => f.name)).toEqual([
      'pythia.zip/EleutherAI__pythia-160m/lm-eval samples',
    ]);
    expect(opened.files[0].notes?.[0]).toContain('Read as lm-evaluation-harness');
    expect(opened.skipped).toEqual([]);
  });

  it('a folder with nothing recognisable: every file skipped with its reason, nothing to load', async () => {
    const opened = await openInputs([
      { name: 'run/notes.txt', blob: new Blob(['hello']) },
      { name: 'run/plot.png', blob: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]) },
    ]);
    expect(opened.files).toEqual([]);
    expect(opened.skipped.map((s) => s.reason)).toEqual([
      'not a data file (.txt): Slicebook reads CSV, TSV, JSON, JSON Lines, Parquet and Arrow.',
      'not a data file (.png): Slicebook reads CSV, TSV, JSON, JSON Lines, Parquet and Arrow.',
    ]);
  });
});
