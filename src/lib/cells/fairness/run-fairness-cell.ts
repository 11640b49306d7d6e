import { fairnessPlan } from './fairness-plan';
import { queryLog } from '../../notebook/query-log';
import { buildFairnessQuery, type Decision } from './build-fairness';
import { distinctValuesSql } from '../../slicing/distinct-values';
import { disparityAgainst, disparityRange, referenceGroup, type Disparity } from './disparity';
import { groupName, readFairnessGroups, type FairnessGroup } from './read-fairness';
import type { FairnessCell } from './fairness-cell';
import { naturalLevelOrder } from '../../slicing/level-order';
import { levelsAt, sortByLevels } from '../../slicing/feature-level-order';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
  type RunProblem,
} from '../../notebook/run-context';

export interface FairnessResult {
  status: 'fairness';
  groups: FairnessGroup[];
  features: string[];
  /** The model whose rows were read, when the data holds several. */
  model: string | null;
  models: string[];
  /** The label's classes (for one-vs-rest), as class keys. */
  classes: string[];
  reference: string;
  /** Each other group against the reference, then max − min. */
  disparities: Disparity[];
  decision: Decision;
  /** The decision column's values, when they must be picked (see decisionChoice). */
  decisionValues: string[];
  sql: string;
  seconds: number;
}

/** Above this many values a decision column is a score: it needs a threshold. */
const MAX_DECISION_VALUES = 50;

/** No result yet: the decision column's values that could mean positive must be picked. */
type DecisionChoice = RunProblem & { decisionValues: string[] };

export async function runFairnessCell(
  cell: FairnessCell,
  ctx: RunContext,
): Promise<RunOutcome<FairnessResult> | DecisionChoice> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const plan = fairnessPlan(cell, dataset);
  if (isRunProblem(plan)) return plan;
  const { label, decisionColumn, modelColumn } = plan;
  const source = dataset.plan.name;
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const models = modelColumn
      ? (await read(distinctValuesSql(source, modelColumn))).map((r) => String(r.value))
      : [];
    const model = modelColumn ? (models.includes(cell.model) ? cell.model : models[0]) : null;
    const classes = (await read(distinctValuesSql(source, label, true, 50))).map((r) =>
      String(r.value),
    );
    const decision: Decision = {
      column: decisionColumn,
      threshold: cell.threshold ?? undefined,
    };
    // A decision column whose values are not the label's classes (a 1-10 decile, or
    // approve/deny, beside a 0/1 label) says nothing about which of them is "positive": ask.
    // Up to two values of which some are classes are one-vs-rest as they are.
    let decisionValues: string[] = [];
    if (decision.threshold === undefined) {
      const limit = MAX_DECISION_VALUES + 1;
      const keys = await read(distinctValuesSql(source, decisionColumn, true, limit));
      const foreign = keys.filter((r) => !classes.includes(String(r.value))).length;
      if (foreign > 0 && (keys.length > 2 || foreign === keys.length)) {
        const texts = await read(distinctValuesSql(source, decisionColumn, false, limit));
        decisionValues = naturalLevelOrder(texts.map((r) => String(r.value))).order;
        const picked = (cell.positiveDecisions ?? []).filter((v) => decisionValues.includes(v));
        if (keys.length > MAX_DECISION_VALUES)
          return {
            status: 'missing',
            message: `The decision column ${decisionColumn} holds more than ${MAX_DECISION_VALUES} values: read it as a score with a threshold.`,
            decisionValues: [],
          };
        if (picked.length === 0)
          return {
            status: 'missing',
            message: `The decision column ${decisionColumn} holds ${keys.length} values, not the classes of ${label}: pick the values that mean a positive decision, or read it as a score with a threshold.`,
            decisionValues,
          };
        decision.positiveValues = picked;
      }
    }
    const query = buildFairnessQuery({
      source,
      label,
      decision,
      positive: cell.positive,
      features: cell.features,
      model: modelColumn && model !== null ? { column: modelColumn, value: model } : undefined,
      filter: ctx.filter,
    });
    const unordered = readFairnessGroups(await read(query), cell.features.length);
    const groups = sortByLevels(
      unordered,
      (g) => g.values,
      cell.features.map((_, i) => naturalLevelOrder(levelsAt(unordered, (g) => g.values, i)).order),
    );
    const reference = referenceGroup(groups, cell.reference);
    const range = disparityRange(groups);
    const disparities = reference
      ? groups.filter((g) => g !== reference).map((g) => disparityAgainst(g, reference))
      : [];
    return {
      status: 'fairness',
      groups,
      features: cell.features,
      model,
      models,
      classes,
      reference: reference ? groupName(reference) : '',
      disparities: range ? [...disparities, range] : disparities,
      decision,
      decisionValues,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
