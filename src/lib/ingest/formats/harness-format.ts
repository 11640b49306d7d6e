import type { RoleHint } from '../roles';

/** A file found in what the user opened: its name (path kept) and the start of its text. */
export interface FoundFile {
  name: string;
  /** The first 4 KiB as text (enough to see which keys a JSON log starts with). */
  head: string;
}

/** A file's name and whole text, as a format reads it. */
export interface FileText {
  name: string;
  text: string;
}

/**
 * What a format recogniser makes of the files it claimed: one table (a row per example, or per
 * example x model), the roles the format states for its columns, and what it read, for the note.
 */
export interface FormatPlan {
  /** The table's name in the data panel and the notebook (`<folder>/lm-eval samples`). */
  name: string;
  rows: Record<string, unknown>[];
  roles: Record<string, RoleHint>;
  notes: string[];
  /** A column the overview splits each model's rows by (the task), when the logs hold several. */
  overviewSplit?: string;
  /** Files of the group it could not read, and why (`<file>: ...`); the rest are read. */
  refused?: { name: string; message: string }[];
}

/**
 * One evaluation harness's output format. `claim` picks, from names and heads only, the groups of
 * files that make one dataset; `read` turns a group's texts into rows. Both are pure. A format is
 * one module and one line in formats/registry.ts.
 */
export interface HarnessFormat {
  /** As the note says it: `lm-evaluation-harness --log_samples`. */
  label: string;
  claim(files: readonly FoundFile[]): FoundFile[][];
  read(files: readonly FileText[]): FormatPlan;
}
