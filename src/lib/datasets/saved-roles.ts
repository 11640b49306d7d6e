import { SINGLE_ROLES, ROLE_LABELS, type Role } from '../ingest/roles';
import { plural } from '../format';

/** The roles in force after saved roles met the data, and how the two differ. */
export interface AppliedRoles {
  roles: Record<string, Role>;
  /** Saved columns the data lacks (their roles are not used). */
  missing: string[];
  /** Columns of the data the saved roles do not name (their roles are guessed). */
  guessed: string[];
  /** The difference in words, for the page, the runner's stderr and its summary. */
  warnings: string[];
}

/**
 * Applies saved roles to the columns they name and keeps the guess for the rest: a dump with a
 * column more (or less) than the notebook knew keeps the user's roles where they still apply,
 * and the difference is said, never dropped in silence. A guessed role that only one column may
 * hold (label, model, ...) yields to a saved column holding it.
 */
export function applySavedRoles(
  guess: Record<string, Role>,
  saved: Record<string, Role>,
): AppliedRoles {
  // Own keys only: `in` would find `constructor` or `toString` on every object's prototype.
  const names = (roles: Record<string, Role>, c: string) => Object.hasOwn(roles, c);
  const columns = Object.keys(guess);
  const missing = Object.keys(saved).filter((c) => !names(guess, c));
  const guessed = columns.filter((c) => !names(saved, c));
  const roles: Record<string, Role> = {};
  const heldBySaved = new Set(columns.filter((c) => names(saved, c)).map((c) => saved[c]));
  for (const c of columns) {
    if (names(saved, c)) roles[c] = saved[c];
    else if (SINGLE_ROLES.includes(guess[c]) && heldBySaved.has(guess[c])) roles[c] = 'group';
    else roles[c] = guess[c];
  }
  const warnings: string[] = [];
  if (missing.length > 0)
    warnings.push(
      `The saved roles name ${count(missing.length, 'column')} this data lacks: ${missing.join(', ')}; their roles are not used.`,
    );
  if (guessed.length > 0)
    warnings.push(
      `The saved roles do not name ${count(guessed.length, 'column')} of this data, so ${guessed.length === 1 ? 'its role was' : 'their roles were'} guessed: ${guessed.map((c) => `${c} (${ROLE_LABELS[roles[c]]})`).join(', ')}.`,
    );
  return { roles, missing, guessed, warnings };
}

const count = (n: number, word: string) => `${n} ${plural(n, word)}`;
