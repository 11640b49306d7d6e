import type { CellKind } from '../../notebook/cell-kind';
import { agreementDefaults, agreementSchema, type AgreementCell } from './agreement-cell';
import { agreementTables } from './agreement-tables';
import { runAgreementCell, type AgreementResult } from './run-agreement-cell';

/** Several models on the same examples: all right, all wrong, only one right; kappa. */
export const agreementKind: CellKind<AgreementCell, AgreementResult> = {
  kind: 'agreement',
  label: 'Agreement',
  defaultName: 'agreement',
  defaults: agreementDefaults,
  schema: agreementSchema,
  run: runAgreementCell,
  tables: agreementTables,
  filtered: true,
};
