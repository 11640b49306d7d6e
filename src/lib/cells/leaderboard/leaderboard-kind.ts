import type { CellKind } from '../../notebook/cell-kind';
import { leaderboardDefaults, leaderboardSchema, type LeaderboardCell } from './leaderboard-cell';
import { leaderboardTables } from './leaderboard-tables';
import { runLeaderboardCell, type LeaderboardResult } from './run-leaderboard-cell';

/** Models ranked by a metric: value and rank intervals, the models tied with the best. */
export const leaderboardKind: CellKind<LeaderboardCell, LeaderboardResult> = {
  kind: 'leaderboard',
  label: 'Leaderboard',
  defaultName: 'leaderboard',
  defaults: leaderboardDefaults,
  schema: leaderboardSchema,
  run: runLeaderboardCell,
  tables: leaderboardTables,
  filtered: true,
};
