import type { Settings } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

export interface MarkdownCell extends CellBase {
  kind: 'markdown';
  text: string;
}

/** A new markdown cell's settings. */
export function markdownDefaults(): Settings<MarkdownCell> {
  return { text: '' };
}
