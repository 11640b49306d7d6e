import type { Dataset } from '../../datasets/dataset';
import { columnWith, columnsWith } from '../../ingest/roles';
import { matchClassColumns } from '../../metrics/class-columns';
import { ident } from '../../sql/quote';
import { binaryProbabilities, perClassProbabilities, type ClassProbability } from './audit-plan';

type Read = (sql: string) => Promise<Record<string, unknown>[]>;

/** The label's values (as written), in the column's order: the classes, at most `limit`. */
export function labelValuesSql(source: string, label: string, limit = 1000): string {
  return [
    `SELECT CAST(v AS VARCHAR) AS value FROM (SELECT DISTINCT ${ident(label)} AS v FROM ${ident(source)}`,
    `WHERE ${ident(label)} IS NOT NULL) ORDER BY v LIMIT ${Math.floor(limit)}`,
  ].join('\n');
}

/**
 * The class probabilities the confident-learning rule reads: the score columns when there is one
 * per class of the label (their names end with the class: prob_A), or a binary task's one score
 * as P(the larger label value); else why there are none.
 */
export async function classProbabilities(
  dataset: Dataset,
  read: Read,
): Promise<{ probabilities: ClassProbability[] } | { none: string }> {
  const label = columnWith(dataset.roles, 'label');
  const scores = columnsWith(dataset.roles, 'score');
  if (!label || scores.length === 0)
    return {
      none: 'The confident-learning rule needs each model\u2019s probability of each class: give the per-class probability columns (prob_A, prob_B, ...) the role "score".',
    };
  const values = (await read(labelValuesSql(dataset.plan.name, label))).map((r) => String(r.value));
  if (scores.length >= 2) {
    const match = matchClassColumns(scores, values);
    if ('problem' in match)
      return {
        none: `The score columns are not one probability per class of ${label}: ${match.problem}.`,
      };
    return { probabilities: perClassProbabilities(match.columns) };
  }
  if (values.length !== 2)
    return {
      none: `One score column (${scores[0]}) is a probability per class only on a binary task; ${label} has ${values.length} classes: give each class's probability column the role "score".`,
    };
  return { probabilities: binaryProbabilities(scores[0], values[1], values[0]) };
}
