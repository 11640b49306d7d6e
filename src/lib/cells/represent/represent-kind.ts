import type { CellKind } from '../../notebook/cell-kind';
import { mixNamed } from '../../notebook/target-mix';
import { representDefaults, representSchema, type RepresentCell } from './represent-cell';
import { representTables } from './represent-tables';
import { runRepresentCell, type RepresentResult } from './run-represent-cell';

/**
 * Representativeness: the test set's mix of slices against a target population's, and each
 * model's metric reweighted to the target.
 */
export const representKind: CellKind<RepresentCell, RepresentResult> = {
  kind: 'represent',
  label: 'Target mix',
  defaultName: 'under_target',
  defaults: representDefaults,
  schema: representSchema,
  run: runRepresentCell,
  tables: representTables,
  filtered: true,
  reads: (cell, earlier, mixes) => {
    const mix = mixNamed(mixes, cell.mix);
    const table = mix?.source === 'table' ? mix.table.toLowerCase() : '';
    return earlier.filter((e) => e.toLowerCase() === table);
  },
  mixes: (cell) => (cell.mix ? [cell.mix] : []),
  renamedMix: (cell, from, to) => (cell.mix === from ? { ...cell, mix: to } : cell),
};
