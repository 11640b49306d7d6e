import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { InputFile } from '../lib/ingest/inputs/input-file';
import type { DataFile } from './run-notebook';

/**
 * The files a --data argument stands for: the file, or every file under a folder named
 * `<name>/<path inside>` with `/` between parts, as the browser names the files of a picked
 * folder, so a notebook made in the app finds them.
 */
export async function inputFilesOf(file: DataFile): Promise<InputFile[]> {
  const fail = (e: Error) => {
    throw new Error(`cannot read ${file.path}, given for ${file.name} (${e.message}).`);
  };
  const info = await stat(file.path).catch(fail);
  if (!info.isDirectory())
    return [{ name: file.name, blob: await openAsBlob(file.path).catch(fail) }];
  const entries = await readdir(file.path, { recursive: true, withFileTypes: true }).catch(fail);
  const paths = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return Promise.all(
    paths.map(async (path) => ({
      name: `${file.name}/${relative(file.path, path).split(sep).join('/')}`,
      blob: await openAsBlob(path),
    })),
  );
}
