import type { CellKind } from '../../notebook/cell-kind';
import { markdownDefaults, markdownSchema, type MarkdownCell } from './markdown-cell';

/** Text between the results: nothing to run. */
export const markdownKind: CellKind<MarkdownCell> = {
  kind: 'markdown',
  label: 'Markdown',
  defaultName: 'note',
  defaults: markdownDefaults,
  schema: markdownSchema,
  prose: true,
};
