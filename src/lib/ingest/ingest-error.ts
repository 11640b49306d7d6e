/** A file that could not be loaded, with the file's name and a message a user can act on. */
export class IngestError extends Error {
  readonly fileName: string;
  constructor(fileName: string, message: string, options?: { cause?: unknown }) {
    super(`${fileName}: ${message}`, options);
    this.name = 'IngestError';
    this.fileName = fileName;
  }
}
