import type { HarnessFormat } from './harness-format';
import { helmRun } from './helm-run';
import { inspectLog } from './inspect-log';
import { lmEval } from './lm-eval';
import { mlflowTable } from './mlflow-table';
import { perTrialResponses } from './per-trial-responses';

/** The evaluation harness formats recognised, tried in this order. */
export const HARNESS_FORMATS: readonly HarnessFormat[] = [
  lmEval,
  inspectLog,
  helmRun,
  mlflowTable,
  perTrialResponses,
];
