import { parseNotebook, serializeNotebook, type ParseResult } from './file-format';
import type { Notebook } from './notebook';

/**
 * A share link carries the notebook, deflated and base64url-encoded, in the URL fragment: the
 * fragment never reaches a server, and the data stay on each reader's machine.
 */
export const SHARE_PREFIX = 'nb=';

export async function encodeShare(notebook: Notebook): Promise<string> {
  const bytes = new TextEncoder().encode(serializeNotebook(notebook));
  const deflated = await collect(
    new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
  );
  return SHARE_PREFIX + toBase64Url(deflated);
}

export async function decodeShare(fragment: string): Promise<ParseResult> {
  const payload = fragment.replace(/^#/, '');
  if (!payload.startsWith(SHARE_PREFIX)) return { error: 'This link carries no notebook.' };
  let text: string;
  try {
    const bytes = fromBase64Url(payload.slice(SHARE_PREFIX.length));
    const inflated = await collect(
      new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
    );
    text = new TextDecoder().decode(inflated);
  } catch {
    return {
      error: 'The notebook in this link is damaged (it may have been cut off when copied).',
    };
  }
  return parseNotebook(text);
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
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
