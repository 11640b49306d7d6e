import { parseNotebook, serializeNotebook, type ParseResult } from './file-format';
import type { Notebook } from './notebook';

/**
 * A share link carries the notebook, deflated and base64url-encoded, in the URL fragment: the
 * fragment never reaches a server, and the data stay on each reader's machine.
 */
export const SHARE_PREFIX = 'nb=';

/**
 * What one link may ask of the page: at most this many cells, and this much notebook text once
 * inflated (a link of a few KB can inflate to gigabytes; reading stops at the limit).
 */
export const LINK_LIMITS = { cells: 100, bytes: 1024 * 1024 };

export async function encodeShare(notebook: Notebook): Promise<string> {
  const bytes = new TextEncoder().encode(serializeNotebook(notebook));
  const deflated = await collect(
    new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
  );
  return SHARE_PREFIX + toBase64Url(deflated!);
}

export async function decodeShare(fragment: string): Promise<ParseResult> {
  const payload = fragment.replace(/^#/, '');
  if (!payload.startsWith(SHARE_PREFIX)) return { error: 'This link carries no notebook.' };
  let text: string;
  try {
    const bytes = fromBase64Url(payload.slice(SHARE_PREFIX.length));
    const inflated = await collect(
      new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
      LINK_LIMITS.bytes,
    );
    if (!inflated)
      return {
        error: `The notebook in this link is larger than a link may carry (${LINK_LIMITS.bytes / 1024 / 1024} MiB of text): ask for the .slicebook.json file instead.`,
      };
    text = new TextDecoder().decode(inflated);
  } catch {
    return {
      error: 'The notebook in this link is damaged (it may have been cut off when copied).',
    };
  }
  const parsed = parseNotebook(text);
  if ('notebook' in parsed && parsed.notebook.cells.length > LINK_LIMITS.cells)
    return {
      error: `The notebook in this link has ${parsed.notebook.cells.length} cells; a link may carry at most ${LINK_LIMITS.cells}. Ask for the .slicebook.json file instead, and open it with “Open notebook…”.`,
    };
  return parsed;
}

/** The stream's bytes, or null (and the stream cancelled) once they pass `limit`. */
async function collect(
  stream: ReadableStream<Uint8Array>,
  limit = Infinity,
): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
