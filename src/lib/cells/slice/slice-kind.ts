import type { CellKind } from '../../notebook/cell-kind';
import { sliceDefaults, sliceSchema, type SliceCell } from './slice-cell';
import { sliceTables } from './slice-tables';
import { runSliceCell, type SliceResult } from './run-slice-cell';

/** A metric by one or two features, with intervals and the difference to the rest. */
export const sliceKind: CellKind<SliceCell, SliceResult> = {
  kind: 'slice',
  label: 'Slice table',
  defaultName: 'slices',
  defaults: sliceDefaults,
  schema: sliceSchema,
  run: runSliceCell,
  tables: sliceTables,
  filtered: true,
};
