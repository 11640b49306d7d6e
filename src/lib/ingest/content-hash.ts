/** Files up to this size get a SHA-256, so a notebook can tell the same data from other data. */
export const HASH_LIMIT_BYTES = 256 * 1024 * 1024;

/** Hex SHA-256 of a file's bytes, or null past HASH_LIMIT_BYTES (reading it all would cost too much memory). */
export async function contentHash(blob: Blob): Promise<string | null> {
  if (blob.size > HASH_LIMIT_BYTES) return null;
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
