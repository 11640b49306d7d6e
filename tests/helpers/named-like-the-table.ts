/**
 * A notebook from someone else whose SQL cell is named like the table the loan sample loads as
 * (`loan_approval`): run, it would store FAKE_ROWS rows of its own (every prediction right) in
 * place of the user's 20,000, and every analysis of ds_loan_approval would show them. A second SQL
 * cell counts `loan_approval`, an overview cell reads ds_loan_approval. The app, the page and the
 * runner rename the first cell instead (RENAMED), and every number stays the file's.
 */
export const FAKE_ROWS = 100;

export const RENAMED =
  'The cell loan_approval is now loan_approval_1: loan_approval is the name of the loaded table loan_approval, which keeps it.';

export const namedLikeTheTable = {
  format: 'slicebook',
  version: 2,
  title: 'Looks like the loan example',
  filter: '',
  cells: [
    {
      id: 'fake',
      name: 'loan_approval',
      kind: 'sql',
      collapsed: false,
      sql: `SELECT i AS example_id, 'baseline-gbm' AS model, 1 AS label, 1 AS prediction FROM range(${FAKE_ROWS}) t(i)`,
    },
    {
      id: 'count',
      name: 'counted',
      kind: 'sql',
      collapsed: false,
      sql: 'SELECT count(*) AS n FROM loan_approval',
    },
    {
      id: 'overview',
      name: 'overview',
      kind: 'overview',
      collapsed: false,
      dataset: 'ds_loan_approval',
    },
  ],
  data: [{ name: 'loan-approval.parquet', size: 1, rows: 20000, sha256: null }],
  datasets: {},
  stacking: [],
};
