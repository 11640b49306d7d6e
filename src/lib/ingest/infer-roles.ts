import type { ColumnProfile, TableProfile } from './profile';
import {
  SINGLE_ROLES,
  columnWith,
  type Role,
  type RoleGuess,
  type RoleHint,
  type TaskKind,
} from './roles';

/** Words of a cost (latency, tokens, memory, money) and of a quality metric, which is never a cost. */
const COST_WORDS =
  /^(latency|duration|elapsed|runtime|seconds|secs|tokens?|memory|mem|cost|costs|price|usd|dollars?|flops|bytes|kwh|energy)$/;
const METRIC_WORDS =
  /^(acc|accuracy|f1|score|auc|precision|recall|bleu|rouge|em|correct|error|loss)$/;
const COST_UNIT = /(^|[._-])(time_?(ms|s)|ms|mb|gb|kb)$/;

/**
 * A cost by its name: a cost word or unit (`latency_ms`, `response.tokens.prompt`, `price_usd`),
 * unless a metric word is in it too (`acc_in-memory` is an accuracy measured in memory).
 */
function isCostName(name: string): boolean {
  const words = name.split(/[._\- ]+/);
  if (words.some((w) => METRIC_WORDS.test(w))) return false;
  const cost = words.some(
    (w, i) => COST_WORDS.test(w) && !(w === 'memory' && words[i - 1] === 'in'),
  );
  return cost || COST_UNIT.test(name);
}

/** Name patterns per role, tried on the column name lower-cased, in order of preference. */
const PATTERNS: [Role, { test(name: string): boolean }][] = [
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
  // `p_<class>`, not any name starting with p (price, prompt_tokens, pass are not probabilities).
  ['score', /(^|[._-])(score|prob|probability|proba|confidence|conf|(p|prob|proba)_\w+)$/],
  [
    'condition',
    /^(condition|corruption|shift|domain|perturbation|distortion|noise_?type|attack|environment|env|subset)$/,
  ],
  [
    'severity',
    /^(severity|level|intensity|strength|magnitude|epsilon|eps|noise_?level|shift_?level|corruption_?level)$/,
  ],
  ['cost', { test: isCostName }],
  [
    'id',
    /^(id|idx|index|uid|guid|key|(example|sample|question|item|entity|image|instance|row|doc|record|prompt|case|house|test)_?(id|idx|index|key))$|[._-](id|uid|uuid|guid)$/,
  ],
];

/** Severity levels written with a number (`c100 ... c01`, `s1 ... s5`): ordered by the number. */
const LEVEL = /^([a-z]*)[-_]?(\d+(\.\d+)?)$/i;

/** The column's values are shift levels: numbers, or names sharing a prefix before a number. */
export function levelValues(c: ColumnProfile): boolean {
  if ((c.kind === 'integer' || c.kind === 'number') && c.distinct >= 2 && c.distinct <= 20)
    return true;
  const values = c.values ?? [];
  const prefixes = new Set(values.map((v) => LEVEL.exec(v)?.[1]?.toLowerCase()));
  return values.length >= 3 && values.every((v) => LEVEL.test(v)) && prefixes.size === 1;
}

/** Names that say a column is what a model answered, not the truth. */
const ANSWERED =
  /(response|output|answer(ed)?_?given|guess|choice|chosen|decision|pred|predicted|hyp)/i;

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
 * Guesses each column's role from its name and values, and the task kind from the roles. `hints`
 * are roles known before (how files were stacked, a format's own description): they come first.
 */
export function inferRoles(profile: TableProfile, hints: Record<string, RoleHint> = {}): RoleGuess {
  const roles: Record<string, Role> = {};
  const reasons: Record<string, string> = {};
  const assign = (c: ColumnProfile, role: Role, reason: string) => {
    roles[c.name] = role;
    reasons[c.name] = reason;
  };
  const taken = (role: Role) => columnWith(roles, role) !== undefined;
  for (const c of profile.columns)
    if (hints[c.name]) assign(c, hints[c.name].role, hints[c.name].reason);

  for (const c of profile.columns) {
    if (c.name in roles) continue;
    const name = c.name.toLowerCase().trim();
    const leaf = name.split('.').pop() ?? name;
    for (const [role, pattern] of PATTERNS) {
      if (!pattern.test(name) && !pattern.test(leaf)) continue;
      if (!fits(role, c, profile.rows)) continue;
      if (role === 'condition' && levelValues(c) && !taken('severity')) {
        assign(
          c,
          'severity',
          `its values are ordered levels (${shownValues(c)}): the severity of the shift`,
        );
        break;
      }
      if (SINGLE_ROLES.includes(role) && taken(role)) continue;
      assign(c, role, `name "${c.name}" reads as ${role}`);
      break;
    }
  }

  if (!taken('label') && !taken('prediction')) {
    const pair = sameValuePair(profile.columns.filter((c) => !(c.name in roles)));
    if (pair) {
      const shared = `the same ${pair.values} values (${shownValues(pair.label)})`;
      assign(
        pair.label,
        'label',
        `with "${pair.prediction.name}", two columns over ${shared}: the gold`,
      );
      assign(
        pair.prediction,
        'prediction',
        `with "${pair.label.name}", two columns over ${shared}: the answer`,
      );
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

/** A few of a column's values, for a reason shown to the user. */
function shownValues(c: ColumnProfile): string {
  const number = (v: string) => Number(LEVEL.exec(v)?.[2]);
  const values = [...(c.values ?? [])];
  if (values.every((v) => LEVEL.test(v))) values.sort((a, b) => number(a) - number(b));
  return values.length > 4
    ? `${values.slice(0, 3).join(', ')} … ${values[values.length - 1]}`
    : values.join(', ');
}

/**
 * Two columns over the same set of classes (at least two, mostly shared) are a label and a
 * prediction whatever their names (`category`, `object_response`): the one named like an answer
 * (response, output, guess, ...) is the prediction, else the second.
 */
function sameValuePair(columns: ColumnProfile[]) {
  const candidates = columns.filter((c) => (c.values?.length ?? 0) >= 2 && c.kind !== 'number');
  let best: { a: ColumnProfile; b: ColumnProfile; overlap: number; values: number } | null = null;
  for (const [i, a] of candidates.entries())
    for (const b of candidates.slice(i + 1)) {
      const [x, y] = [new Set(a.values), new Set(b.values)];
      const shared = [...x].filter((v) => y.has(v)).length;
      const overlap = shared / new Set([...x, ...y]).size;
      if (overlap >= 0.8 && (!best || overlap > best.overlap))
        best = { a, b, overlap, values: shared };
    }
  if (!best) return null;
  const bIsAnswer = ANSWERED.test(best.b.name) || !ANSWERED.test(best.a.name);
  const [label, prediction] = bIsAnswer ? [best.a, best.b] : [best.b, best.a];
  return { label, prediction, values: best.values };
}

/** Values must agree with the name before a role is given. */
function fits(role: Role, c: ColumnProfile, rows: number): boolean {
  switch (role) {
    case 'model':
      return c.distinct <= Math.max(1000, rows * 0.05);
    case 'score':
      return isProbability(c);
    case 'id':
      // Never a constant column; an id tells examples apart, so not a handful of values either.
      return c.distinct > 1 && c.distinct >= Math.min(20, rows / 10);
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
