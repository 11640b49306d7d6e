import { IngestError } from '../ingest-error';

/** One file in a zip archive, as its central directory describes it. */
export interface ZipEntry {
  path: string;
  /** 0 stored, 8 deflate; others are refused when read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** What the directory claims; the reader counts what it inflates instead of trusting it. */
  size: number;
  localHeaderOffset: number;
}

/**
 * At most this many entries: a directory that lists more is refused before anything is inflated
 * (an Inspect log holds one entry per sample and epoch, so 5,000 fits 1,000 samples x 5 epochs).
 */
export const MAX_ZIP_ENTRIES = 5000;
const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL_HEADER = 0x02014b50;
/** The end record (22 bytes) plus the longest comment (65,535 bytes) plus the zip64 locator. */
export const ZIP_TAIL_BYTES = 22 + 0xffff + 20;

/** Where the central directory is and how many entries it lists, from the archive's last bytes. */
export function readZipEnd(
  archive: string,
  tail: Uint8Array,
  size: number,
): { entries: number; offset: number; bytes: number } {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (view.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  if (at < 0)
    throw new IngestError(
      archive,
      'the zip archive has no directory at its end: it is truncated or not a zip. Download or zip it again.',
    );
  let entries = view.getUint16(at + 10, true);
  let bytes = view.getUint32(at + 12, true);
  let offset = view.getUint32(at + 16, true);
  const locator = at - 20;
  if (locator >= 0 && view.getUint32(locator, true) === EOCD64_LOCATOR) {
    const end64 = Number(view.getBigUint64(locator + 8, true)) - (size - tail.length);
    if (end64 >= 0 && view.getUint32(end64, true) === EOCD64) {
      entries = Number(view.getBigUint64(end64 + 32, true));
      bytes = Number(view.getBigUint64(end64 + 40, true));
      offset = Number(view.getBigUint64(end64 + 48, true));
    }
  }
  if (entries > MAX_ZIP_ENTRIES)
    throw new IngestError(
      archive,
      `the zip archive holds ${entries.toLocaleString('en-US')} entries; Slicebook opens at most ${MAX_ZIP_ENTRIES.toLocaleString('en-US')}. Unzip it and open the folder (or the files) you need.`,
    );
  if (offset + bytes > size)
    throw new IngestError(archive, 'the zip archive is truncated. Download or zip it again.');
  return { entries, offset, bytes };
}

/** The entries the central directory lists (folders left out). */
export function readZipDirectory(archive: string, directory: Uint8Array): ZipEntry[] {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let at = 0; at + 46 <= directory.length;) {
    if (view.getUint32(at, true) !== CENTRAL_HEADER)
      throw new IngestError(archive, 'the zip directory is corrupt. Download or zip it again.');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const path = names.decode(directory.subarray(at + 46, at + 46 + nameLength));
    // Zip64: the sizes and offset that overflowed 32 bits are in extra field 0x0001, in this order.
    const extraEnd = at + 46 + nameLength + extraLength;
    for (let x = at + 46 + nameLength; x + 4 <= extraEnd;) {
      const id = view.getUint16(x, true);
      const length = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let field = x + 4;
        const next = () => {
          const value = Number(view.getBigUint64(field, true));
          field += 8;
          return value;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      x += 4 + length;
    }
    // Bit 0 of the flags: ZipCrypto; method 99: AES (WinZip).
    const encrypted = (flags & 1) === 1 || method === 99;
    if (!path.endsWith('/'))
      entries.push({ path, method, encrypted, compressedSize, size, localHeaderOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}
