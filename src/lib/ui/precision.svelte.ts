import { getContext, setContext } from 'svelte';

/**
 * How many digits a cell's numbers show past what their intervals support (format.ts
 * decimalsFor): 0, or `MORE_DIGITS` when the reader asks for more. One per cell, so raising one
 * cell's digits leaves the others as they were.
 */
export class Precision {
  extra = $state(0);
  toggle(): void {
    this.extra = this.extra === 0 ? MORE_DIGITS : 0;
  }
}

export const MORE_DIGITS = 2;

const KEY = Symbol('precision');

export function providePrecision(): Precision {
  return setContext(KEY, new Precision());
}

/** The cell's precision; outside a cell (a table shown alone) none is raised. */
export function usePrecision(): Precision {
  return getContext<Precision | undefined>(KEY) ?? new Precision();
}
