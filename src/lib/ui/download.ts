/**
 * Saves a blob as a file through the browser's download. The blob URL is released a while later:
 * at once, a large file's download can be cut short.
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const href = URL.createObjectURL(blob);
  downloadUrl(fileName, href);
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Saves what an address (a blob: or data: URL) holds as a file. */
export function downloadUrl(fileName: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
}
