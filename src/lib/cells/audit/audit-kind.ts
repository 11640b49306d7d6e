import type { CellKind } from '../../notebook/cell-kind';
import { auditDefaults, auditSchema, type AuditCell } from './audit-cell';
import type { AuditResult } from './audit-result';
import { auditTables } from './audit-tables';
import { runAuditCell } from './run-audit-cell';

/** The benchmark audited: golds that differ, suspect golds, extremes, duplicates, "what if". */
export const auditKind: CellKind<AuditCell, AuditResult> = {
  kind: 'audit',
  label: 'Audit',
  defaultName: 'audit',
  defaults: auditDefaults,
  schema: auditSchema,
  run: runAuditCell,
  tables: auditTables,
  filtered: true,
  keepsPartial: true,
};
