/** The part a column plays in an evaluation dump. */
export type Role =
  | 'id'
  | 'label'
  | 'prediction'
  | 'score'
  | 'outcome'
  | 'model'
  | 'condition'
  | 'severity'
  | 'group'
  | 'cost'
  | 'ignore';

export type TaskKind = 'binary' | 'multiclass' | 'regression' | 'score' | 'unknown';

/** Roles at most one column can have. */
export const SINGLE_ROLES: readonly Role[] = [
  'id',
  'label',
  'prediction',
  'outcome',
  'model',
  'condition',
  'severity',
];

export const ROLE_LABELS: Record<Role, string> = {
  id: 'example id',
  label: 'label (gold)',
  prediction: 'prediction',
  score: 'score (probability)',
  outcome: 'outcome (per-example score)',
  model: 'model',
  condition: 'condition (shift)',
  severity: 'severity (shift level)',
  group: 'group feature',
  cost: 'cost',
  ignore: 'ignored',
};

export const TASK_LABELS: Record<TaskKind, string> = {
  binary: 'binary classification',
  multiclass: 'multiclass classification',
  regression: 'regression',
  score: 'per-example score',
  unknown: 'unknown: pick a label and a prediction, or an outcome',
};

/** A role known for a column before any guess (from how files were combined), and why. */
export interface RoleHint {
  role: Role;
  reason: string;
}

export interface RoleGuess {
  roles: Record<string, Role>;
  /** Why each column got its role, shown beside the guess. */
  reasons: Record<string, string>;
  taskKind: TaskKind;
}

/** The column that has a single role, if any. */
export function columnWith(roles: Record<string, Role>, role: Role): string | undefined {
  return Object.keys(roles).find((c) => roles[c] === role);
}

export function columnsWith(roles: Record<string, Role>, role: Role): string[] {
  return Object.keys(roles).filter((c) => roles[c] === role);
}
