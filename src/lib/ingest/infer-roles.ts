import type { ColumnProfile, TableProfile } from './profile';
import { SINGLE_ROLES, columnWith, type Role, type RoleGuess, type TaskKind } from './roles';

/** Name patterns per role, tried on the column name lower-cased, in order of preference. */
const PATTERNS: [Role, RegExp][] = [
  ['model', /^(model|models|model_?(id|name)|system|checkpoint|classifier|method|variant|run)$/],
  [
    'label',
    /^(label|labels|gold|gold_?label|target|y|y_?true|truth|ground_?truth|gt|actual|true_?label|label_?value|answer|correct_?answer|reference|expected|answer_?index|class)$/,
  ],
  [
    'prediction',
    /^(pred|preds|prediction|predictions|predicted|predicted_?label|y_?pred|yhat|y_?hat|output|decision)$|(^|[._-])pred(s|iction)?([._-]|$)/,
  ],
  [
    'outcome',
    /^(correct|is_?correct|acc|accuracy|hit|exact_?match|em|pass|passed|success|reward|bleu|rouge\w*|f1|judge[._]?score|rating|value|win|preference)$/,
  ],
  ['score', /(^|[._-])(score|prob|probability|proba|confidence|conf|p_?\w+)$/],
  [
    'condition',
    /^(condition|corruption|shift|domain|perturbation|distortion|noise_?type|attack|environment|env|subset)$/,
  ],
  [
    'severity',
    /^(severity|level|intensity|strength|magnitude|epsilon|eps|noise_?level|shift_?level|corruption_?level)$/,
  ],
  [
    'cost',
    /(latency|duration|elapsed|runtime|time_?(ms|s)|_ms$|seconds|tokens?|memory|mem_?mb|cost|flops|bytes)/,
  ],
  [
    'id',
    /^(id|idx|index|uid|guid|key|(example|sample|question|item|entity|image|instance|row|doc|record|prompt|case|house|test)_?(id|idx|index|key))$/,
  ],
];

const isNumeric = (c: ColumnProfile) => c.kind === 'integer' || c.kind === 'number';
const isBinary = (c: ColumnProfile) =>
  c.distinct <= 2 &&
  isNumeric(c) &&
  c.min !== null &&
  c.min >= 0 &&
  (c.max ?? 0) <= 1 &&
  c.wholeNumbers;
const isProbability = (c: ColumnProfile) =>
  isNumeric(c) && c.min !== null && c.min >= 0 && (c.max ?? 2) <= 1;

/**
 * Guesses each column's role from its name and values, and the task kind from the roles.
 * `rowsPerExample` is how many rows each example has (models x conditions), used to tell ids.
 */
export function inferRoles(profile: TableProfile): RoleGuess {
  const roles: Record<string, Role> = {};
  const reasons: Record<string, string> = {};
  const assign = (c: ColumnProfile, role: Role, reason: string) => {
    roles[c.name] = role;
    reasons[c.name] = reason;
  };
  const taken = (role: Role) => columnWith(roles, role) !== undefined;

  for (const c of profile.columns) {
    const name = c.name.toLowerCase().trim();
    const leaf = name.split('.').pop() ?? name;
    for (const [role, pattern] of PATTERNS) {
      if (!pattern.test(name) && !pattern.test(leaf)) continue;
      if (!fits(role, c, profile.rows)) continue;
      if (SINGLE_ROLES.includes(role) && taken(role)) continue;
      assign(c, role, `name "${c.name}" reads as ${role}`);
      break;
    }
  }

  // A 0/1 "score" next to a label and no prediction is a decision, not a probability (Aequitas).
  const scores = profile.columns.filter((c) => roles[c.name] === 'score');
  if (!taken('prediction') && taken('label') && scores.length === 1 && isBinary(scores[0])) {
    assign(
      scores[0],
      'prediction',
      `"${scores[0].name}" holds only 0 and 1: a decision, used as the prediction`,
    );
  }

  // An unnamed first column of distinct integers is usually a row index shared across models.
  const first = profile.columns[0];
  if (
    first &&
    !(first.name in roles) &&
    !taken('id') &&
    /^(column0|unnamed.*|)$/i.test(first.name) &&
    first.kind === 'integer'
  ) {
    assign(
      first,
      'id',
      'unnamed first column of whole numbers: a row index, used as the example id',
    );
  }

  for (const c of profile.columns) {
    if (c.name in roles) continue;
    if (c.kind === 'text' && (c.meanLength ?? 0) > 40) assign(c, 'ignore', 'long free text');
    else if (c.kind === 'text' && c.distinct > Math.max(50, profile.rows * 0.5))
      assign(c, 'ignore', 'nearly every value differs');
    else if (c.kind === 'other') assign(c, 'ignore', `type ${c.sqlType} is not sliced on yet`);
    else
      assign(
        c,
        'group',
        isNumeric(c) && c.distinct > 20
          ? 'numeric feature (binned when sliced)'
          : 'a feature to slice on',
      );
  }

  return { roles, reasons, taskKind: inferTaskKind(profile, roles) };
}

/** Values must agree with the name before a role is given. */
function fits(role: Role, c: ColumnProfile, rows: number): boolean {
  switch (role) {
    case 'model':
      return c.distinct <= Math.max(1000, rows * 0.05);
    case 'score':
      return isProbability(c) || (isNumeric(c) && c.distinct <= 2);
    case 'outcome':
    case 'cost':
      return isNumeric(c) || c.kind === 'boolean';
    case 'condition':
      return c.distinct <= 500;
    case 'severity':
      return c.distinct <= 100;
    default:
      return true;
  }
}

export function inferTaskKind(profile: TableProfile, roles: Record<string, Role>): TaskKind {
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const label = byName.get(columnWith(roles, 'label') ?? '');
  const prediction = byName.get(columnWith(roles, 'prediction') ?? '');
  if (label && prediction) {
    const numericPair = isNumeric(label) && isNumeric(prediction);
    if (numericPair && (!label.wholeNumbers || !prediction.wholeNumbers) && label.distinct > 10)
      return 'regression';
    return label.distinct <= 2 ? 'binary' : 'multiclass';
  }
  if (label && columnWith(roles, 'score') && label.distinct <= 2) return 'binary';
  if (columnWith(roles, 'outcome')) return 'score';
  return 'unknown';
}
