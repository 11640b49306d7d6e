import { Inflate } from 'fflate';
import { CancelledError } from '../../engine/engine';
import { IngestError } from '../ingest-error';
import type { InputFile, Skipped } from './input-file';
import { readZipDirectory, readZipEnd, ZIP_TAIL_BYTES, type ZipEntry } from './zip-directory';

/**
 * At most this many bytes come out of one archive, counted as they are inflated (the sizes the
 * directory claims are not trusted): a zip bomb stops there, having held at most this much.
 */
export const MAX_INFLATED_BYTES = 1024 ** 3;
const LOCAL_HEADER = 0x04034b50;

/** Files a zip tool or an OS adds beside the data: never a table. */
const JUNK = /(^|\/)(__MACOSX\/|\.[^/]*$)/;

/**
 * The files inside a zip archive, each named `<archive>/<path inside>`, read one entry at a time
 * from the archive's Blob (the archive is never read whole). A nested zip is skipped and said;
 * an encrypted archive, one with too many entries or one that inflates past the limit is refused
 * with an IngestError naming it.
 */
export async function unzipArchive(
  archive: InputFile,
  options: { maxBytes?: number; signal?: AbortSignal } = {},
): Promise<{ files: InputFile[]; skipped: Skipped[] }> {
  const { blob, name } = archive;
  const maxBytes = options.maxBytes ?? MAX_INFLATED_BYTES;
  const tailStart = Math.max(0, blob.size - ZIP_TAIL_BYTES);
  const tail = new Uint8Array(await blob.slice(tailStart).arrayBuffer());
  const end = readZipEnd(name, tail, blob.size);
  const directory = new Uint8Array(
    await blob.slice(end.offset, end.offset + end.bytes).arrayBuffer(),
  );
  const entries = readZipDirectory(name, directory);
  const locked = entries.find((e) => e.encrypted);
  if (locked)
    throw new IngestError(
      name,
      `the zip archive is encrypted (${locked.path} needs a password). Unzip it with its password and open the folder.`,
    );
  const files: InputFile[] = [];
  const skipped: Skipped[] = [];
  let inflated = 0;
  for (const entry of entries) {
    if (JUNK.test(entry.path)) continue;
    const inside = `${name}/${entry.path}`;
    if (/\.zip$/i.test(entry.path)) {
      skipped.push({
        name: inside,
        reason: 'a zip inside a zip is not opened: unzip the outer archive and open the folder.',
      });
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      skipped.push({
        name: inside,
        reason: `compressed with method ${entry.method}, which Slicebook cannot inflate (only stored and deflate). Zip it again with the default compression.`,
      });
      continue;
    }
    const parts = await readEntry(blob, entry, (bytes) => {
      inflated += bytes;
      if (inflated > maxBytes)
        throw new IngestError(
          name,
          `the zip archive inflates past ${formatLimit(maxBytes)} (reached at ${entry.path}): it is a zip bomb, or too large to open in the browser. Unzip it and open the files you need.`,
        );
      if (options.signal?.aborted) throw new CancelledError();
    });
    files.push({ name: inside, blob: new Blob(parts) });
  }
  return { files, skipped };
}

/** The entry's bytes, inflated chunk by chunk; `counted` sees each chunk's size first. */
async function readEntry(
  archive: Blob,
  entry: ZipEntry,
  counted: (bytes: number) => void,
): Promise<Blob[]> {
  const header = new DataView(
    await archive.slice(entry.localHeaderOffset, entry.localHeaderOffset + 30).arrayBuffer(),
  );
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_HEADER)
    throw new Error(`the entry ${entry.path} is corrupt (no local header).`);
  const start =
    entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const data = archive.slice(start, start + entry.compressedSize);
  const parts: Blob[] = [];
  const keep = (chunk: Uint8Array) => {
    counted(chunk.length);
    parts.push(new Blob([chunk as BlobPart]));
  };
  const inflate = entry.method === 8 ? new Inflate((chunk) => keep(chunk)) : null;
  const reader = data.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (inflate) inflate.push(value);
      else keep(value);
    }
    inflate?.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof IngestError || e instanceof CancelledError) throw e;
    throw new Error(`the entry ${entry.path} is corrupt (${e instanceof Error ? e.message : e}).`);
  } finally {
    reader.releaseLock();
  }
  return parts;
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}
