import { tableToIPC } from 'apache-arrow';
import { CancelledError } from '../../engine/engine';
import { HARNESS_FORMATS } from '../formats/registry';
import type { FoundFile, HarnessFormat } from '../formats/harness-format';
import { IngestError } from '../ingest-error';
import { flattenRecord, recordsToArrow } from '../json-records';
import type { InputFile, OpenedFile, Skipped } from './input-file';
import { unzipArchive } from './unzip-archive';

/** What the user opened, made ready for the loader. */
export interface OpenedInputs {
  files: OpenedFile[];
  /** Files found in a folder or an archive and left out, and why. */
  skipped: Skipped[];
  /** Archives refused whole (encrypted, too many entries, a zip bomb), and why. */
  refused: { name: string; message: string }[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OFFICE = /\.(xlsx|xlsm|docx|pptx|ods|odt)$/i;
/** Inside a folder or an archive, only these are tables; anything else is listed as skipped. */
const DATA_FILE = /\.(csv|tsv|json|jsonl|ndjson|parquet|arrow|arrows|feather|ipc)$/i;
const HEAD_BYTES = 4096;

/**
 * Expands zip archives (and Inspect's `.eval` logs, which are zips) into their files, lets each
 * harness format claim the files it reads and turns them into one table each, and passes the
 * rest on as they are. A file picked alone is passed on whatever its name (the loader sniffs it);
 * in a folder or an archive, files that are not data are listed as skipped. Runs in the
 * browser's decoder worker and, the same code, in the runner.
 */
export async function openInputs(
  inputs: readonly InputFile[],
  options: { maxBytes?: number; signal?: AbortSignal; formats?: readonly HarnessFormat[] } = {},
): Promise<OpenedInputs> {
  const found: InputFile[] = [];
  const skipped: Skipped[] = [];
  const refused: OpenedInputs['refused'] = [];
  for (const input of inputs) {
    if (!(await isZip(input.blob)) || OFFICE.test(input.name)) {
      found.push(input);
      continue;
    }
    try {
      const inside = await unzipArchive(input, options);
      for (const file of inside.files) {
        if (await isZip(file.blob)) {
          skipped.push({
            name: file.name,
            reason:
              'a zip inside a zip is not opened: unzip the outer archive and open the folder.',
          });
        } else found.push(file);
      }
      skipped.push(...inside.skipped);
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      refused.push({ name: input.name, message: messageOf(e, input.name) });
    }
  }

  const heads = await Promise.all(found.map(async (f) => ({ name: f.name, head: await head(f) })));
  const claimed = new Set<string>();
  const files: OpenedFile[] = [];
  for (const format of options.formats ?? HARNESS_FORMATS) {
    for (const group of format.claim(heads.filter((f) => !claimed.has(f.name)))) {
      const texts = await Promise.all(
        group.map(async (f) => ({ name: f.name, text: await blobOf(found, f).text() })),
      );
      for (const f of group) claimed.add(f.name);
      try {
        const plan = format.read(texts);
        const table = recordsToArrow(plan.rows.map((r) => flattenRecord(r)));
        files.push({
          name: plan.name,
          blob: new Blob([tableToIPC(table, 'stream') as BlobPart]),
          roles: plan.roles,
          notes: plan.notes,
          ...(plan.overviewSplit ? { overviewSplit: plan.overviewSplit } : {}),
        });
        refused.push(...(plan.refused ?? []));
      } catch (e) {
        refused.push({
          name: group.map((f) => f.name).join(', '),
          message: `read as ${format.label}, but ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    }
  }
  for (const file of found) {
    if (claimed.has(file.name)) continue;
    const inFolder = file.name.includes('/');
    if (!inFolder || DATA_FILE.test(file.name)) files.push(file);
    else skipped.push({ name: file.name, reason: notData(file.name) });
  }
  return { files, skipped, refused };
}

function notData(name: string): string {
  const ext = /\.([^./]+)$/.exec(name)?.[1];
  return `not a data file (${ext ? `.${ext}` : 'no extension'}): Slicebook reads CSV, TSV, JSON, JSON Lines, Parquet and Arrow.`;
}

async function isZip(blob: Blob): Promise<boolean> {
  const bytes = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

async function head(file: InputFile): Promise<string> {
  return new TextDecoder().decode(await file.blob.slice(0, HEAD_BYTES).arrayBuffer());
}

function blobOf(found: readonly InputFile[], file: FoundFile): Blob {
  return found.find((f) => f.name === file.name)!.blob;
}

function messageOf(e: unknown, name: string): string {
  if (e instanceof IngestError) return e.message;
  return `${name}: ${e instanceof Error ? e.message : String(e)}`;
}
