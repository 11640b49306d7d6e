import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

export interface MarkdownCell extends CellBase {
  kind: 'markdown';
  text: string;
}

/** A new markdown cell's settings. */
export function markdownDefaults(): Settings<MarkdownCell> {
  return { text: '' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const markdownSchema: SettingsSchema = {
  properties: { text: { type: 'string' } },
  required: ['text'],
};
