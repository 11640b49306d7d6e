import type { CellKind, CellKinds } from '../notebook/cell-kind';
import { agreementKind } from './agreement/agreement-kind';
import { auditKind } from './audit/audit-kind';
import { baselineKind } from './baseline/baseline-kind';
import { calibrationKind } from './calibration/calibration-kind';
import { chartKind } from './chart/chart-kind';
import { compareKind } from './compare/compare-kind';
import { correlationKind } from './correlation/correlation-kind';
import { costKind } from './cost/cost-kind';
import { discoverKind } from './discover/discover-kind';
import { fairnessKind } from './fairness/fairness-kind';
import { historyKind } from './history/history-kind';
import { leaderboardKind } from './leaderboard/leaderboard-kind';
import { markdownKind } from './markdown/markdown-kind';
import { overviewKind } from './overview/overview-kind';
import { representKind } from './represent/represent-kind';
import { robustnessKind } from './robustness/robustness-kind';
import { sliceKind } from './slice/slice-kind';
import { sqlKind } from './sql/sql-kind';

/**
 * Every cell kind, in the order the notebook's "add" buttons show them. A kind is a folder beside
 * this file (`<kind>/<kind>-kind.ts` and a view `<kind>/<Kind>CellView.svelte`, see views.ts) and
 * one line here.
 */
const KINDS = [
  markdownKind,
  sqlKind,
  chartKind,
  overviewKind,
  sliceKind,
  fairnessKind,
  compareKind,
  baselineKind,
  historyKind,
  agreementKind,
  leaderboardKind,
  representKind,
  auditKind,
  correlationKind,
  discoverKind,
  robustnessKind,
  calibrationKind,
  costKind,
] as const;

export type CellKindId = (typeof KINDS)[number]['kind'];

/** A cell of any registered kind, typed by its kind. */
export type KnownCell = (typeof KINDS)[number] extends infer K
  ? K extends CellKind<infer C, infer _R>
    ? C
    : never
  : never;

/** The kinds by id, as the notebook model and the runner are handed them. */
export const CELL_KINDS: CellKinds & Record<CellKindId, CellKind> = Object.fromEntries(
  KINDS.map((k) => [k.kind, k as CellKind]),
) as Record<CellKindId, CellKind>;

export const KIND_IDS = KINDS.map((k) => k.kind) as CellKindId[];
