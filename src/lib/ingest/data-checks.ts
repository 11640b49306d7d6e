import { ident } from '../sql/quote';
import type { ColumnProfile, TableProfile } from './profile';
import { levelValues } from './infer-roles';
import { columnWith, type Role } from './roles';

const SCORE_NAME = /(^|[._-])(score|prob|probability|proba|confidence|conf)$/i;
const MODEL_NAME = /^(model|models|model_?(id|name)|system|checkpoint|classifier)$/i;
/** The most models the overview lists; past that it is an id, not a model, or needs a SQL cell. */
export const MAX_OVERVIEW_MODELS = 50;

const isNumeric = (c: ColumnProfile) => c.kind === 'integer' || c.kind === 'number';
const finite = (v: number | null) => v === null || Number.isFinite(v);
const show = (v: number) => (Object.is(v, -0) ? '0' : String(Number(v.toPrecision(6))));

/**
 * Problems in the values of a dataset that loaded, in words a user can act on: scores that are not
 * probabilities, a label and prediction of different types, a model column that looks like an id,
 * severity levels that do not sort as numbers.
 */
export function dataChecks(profile: TableProfile, roles: Record<string, Role>): string[] {
  const checks: string[] = [];
  for (const c of profile.columns) {
    const role = roles[c.name];
    if (!isNumeric(c) || (role !== 'score' && !SCORE_NAME.test(c.name))) continue;
    const used = role === 'score' ? 'is used as the score' : 'is not used as the score';
    const keepFinite = `WHERE isfinite(${ident(c.name)})`;
    if (!finite(c.min) || !finite(c.max))
      checks.push(
        `"${c.name}" holds values that are not finite numbers (NaN or infinity), so it ${used} (a probability). Replace them in the file, or in a SQL cell keep the rows ${keepFinite}.`,
      );
    else if (c.min !== null && c.max !== null && (c.min < 0 || c.max > 1))
      checks.push(
        `"${c.name}" ranges from ${show(c.min)} to ${show(c.max)}, outside [0, 1], so it is not a probability: it is never cut at 0.5 or read as a chance. Add a threshold on it (Derived columns) for a decision, or use ROC-AUC; if it is a percentage, add the derived column ${ident(c.name)} / 100.`,
      );
  }

  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const label = byName.get(columnWith(roles, 'label') ?? '');
  const prediction = byName.get(columnWith(roles, 'prediction') ?? '');
  const bothPresent = label && prediction && label.nonNull > 0 && prediction.nonNull > 0;
  // true and false compare as 1 and 0 (metrics-sql.ts classKey), so booleans count as numbers.
  const valued = (c: ColumnProfile) => isNumeric(c) || c.kind === 'boolean';
  if (bothPresent && valued(label) !== valued(prediction))
    checks.push(
      `The label "${label.name}" holds ${valued(label) ? 'numbers' : 'text'} and the prediction "${prediction.name}" holds ${valued(prediction) ? 'numbers' : 'text'}: they are compared as text, so 1 matches "1" but not "1.0" or "yes". Save both with the same type for exact results.`,
    );

  const modelLimit = Math.max(1000, profile.rows * 0.05);
  for (const c of profile.columns) {
    if (roles[c.name] !== 'model' && MODEL_NAME.test(c.name) && c.distinct > modelLimit)
      checks.push(
        `"${c.name}" has ${c.distinct.toLocaleString('en-US')} distinct values, too many for a model column (at most ${Math.round(modelLimit).toLocaleString('en-US')} here), so it is not used as the model. If each value is a model, give it the model role: the overview then lists the first ${MAX_OVERVIEW_MODELS}.`,
      );
  }

  const severity = byName.get(columnWith(roles, 'severity') ?? '');
  if (severity && !isNumeric(severity) && !levelValues(severity))
    checks.push(
      `The severity "${severity.name}" holds text, so its levels sort alphabetically ("10" before "2", words after numbers). Use numbers for an ordered shift level, or map the names to numbers in a SQL cell.`,
    );
  return checks;
}
