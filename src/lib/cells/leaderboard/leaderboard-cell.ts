import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** Models ranked by a metric, with intervals on the values and on the ranks. */
export interface LeaderboardCell extends CellBase {
  kind: 'leaderboard';
  dataset: string;
  /**
   * What to rank by: a metric of the slice table (`accuracy`, `f1`, `mae`, ...) on a dump of
   * examples, or a numeric column of a table with one row per model; empty for the headline.
   */
  metric: string;
  /** For a column of a per-model table: whether higher or lower values are better. */
  direction: 'higher' | 'lower';
  /** Values of the model column to rank; empty for every model. */
  models: string[];
  /** A feature whose values each get their own ranking (where the order flips); empty for none. */
  feature: string;
  /** Bootstrap replicates of the rank intervals. */
  replicates: number;
}

/** A new leaderboard's settings. */
export function leaderboardDefaults(): Settings<LeaderboardCell> {
  return { dataset: '', metric: '', direction: 'higher', models: [], feature: '', replicates: 200 };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const leaderboardSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    metric: { type: 'string' },
    direction: { enum: ['higher', 'lower'] },
    models: { type: 'array', maxItems: 1000, items: { type: 'string' } },
    feature: { type: 'string' },
    replicates: { type: 'integer', minimum: 10, maximum: 2000 },
  },
  required: ['dataset', 'metric', 'direction', 'models', 'feature', 'replicates'],
};
