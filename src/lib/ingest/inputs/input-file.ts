import type { RoleHint } from '../roles';

/** A file to open: its name (with its path inside a picked folder or a zip) and its bytes. */
export interface InputFile {
  name: string;
  blob: Blob;
}

/** A file found but not loaded, and why. */
export interface Skipped {
  name: string;
  reason: string;
}

/**
 * A file ready for the loader: as found, or a table a format recogniser made from a harness's
 * files (Arrow IPC), with the roles the format states and what was read.
 */
export interface OpenedFile extends InputFile {
  roles?: Record<string, RoleHint>;
  notes?: string[];
  overviewSplit?: string;
}
