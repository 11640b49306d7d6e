import type { DatasetPlan } from './dataset-plan';
import type { StackChoice } from './stack-groups';

/**
 * A file new to the notebook that would join a dataset cells already use: it is kept apart until
 * the user says yes, since stacking it changes those cells' results.
 */
export interface StackOffer {
  /** The new files, by name. */
  files: string[];
  /** The dataset they fit, its title and the files it has now. */
  dataset: string;
  title: string;
  stackedWith: string[];
  /** The cells that would change. */
  cells: string[];
}

/** The choices with one more, dropping earlier ones it overrides entirely (same or fewer files). */
export function withChoice(choices: readonly StackChoice[], choice: StackChoice): StackChoice[] {
  const covered = (c: StackChoice) => c.files.every((f) => choice.files.includes(f));
  return [...choices.filter((c) => !covered(c)), choice];
}

/**
 * The offers a plan calls for: a dataset that stacks files the notebook does not know yet
 * (`known`: its data list before this load) with files it knows, where cells use that dataset.
 */
export function findOffers(
  plans: readonly DatasetPlan[],
  known: ReadonlySet<string>,
  users: (dataset: string) => string[],
): StackOffer[] {
  const offers: StackOffer[] = [];
  for (const plan of plans) {
    const files = plan.stack?.files.map((f) => f.fileName) ?? [];
    const fresh = files.filter((f) => !known.has(f));
    const old = files.filter((f) => known.has(f));
    const cells = users(plan.name);
    if (fresh.length === 0 || old.length === 0 || cells.length === 0) continue;
    offers.push({
      files: fresh,
      dataset: plan.name,
      title: plan.title ?? plan.name,
      stackedWith: old,
      cells,
    });
  }
  return offers;
}
