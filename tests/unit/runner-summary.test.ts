import { describe, expect, it } from 'vitest';
import { summaryMarkdown, summaryText, type Summary } from '../../src/cli/write-results';

/** The runner's summaries of a run whose cell failed with a message of several lines. */
const message =
  'Binder Error: No function matches +(VARCHAR, INTEGER)\nCandidate functions:\n\t+(DOUBLE, DOUBLE) -> DOUBLE';

const summary: Summary = {
  notebook: 'gate.slicebook.json',
  title: 'Gate',
  filter: '',
  exitCode: 3,
  data: [],
  datasets: [],
  datasetErrors: [],
  cells: [
    { name: 'sums', kind: 'sql', status: 'error', message, seconds: 0, files: [], rows: {} },
    {
      name: 'ok',
      kind: 'sql',
      status: 'table',
      message: null,
      seconds: 0,
      files: [],
      rows: { result: 1 },
    },
  ],
  checked: false,
  assertions: [],
};

describe('the runner’s summaries', () => {
  it('summary.md keeps a multi-line error’s lines as line breaks inside its table cell', () => {
    const row = summaryMarkdown(summary)
      .split('\n')
      .find((line) => line.startsWith('| sums |'));
    expect(row).toBe(
      '| sums | sql | error |  | 0 | Binder Error: No function matches +(VARCHAR, INTEGER)<br>Candidate functions:<br>\t+(DOUBLE, DOUBLE) -> DOUBLE |',
    );
  });

  it('summary.md escapes what would end the cell or start HTML', () => {
    const hostile = {
      ...summary,
      cells: [{ ...summary.cells[0], message: 'a | b <img src=x> & c' }],
    };
    expect(summaryMarkdown(hostile)).toContain('| a \\| b &lt;img src=x> &amp; c |');
  });

  it('the terminal prints each line of the message once, the lines after the first under the first; 1 row, not 1 rows', () => {
    expect(summaryText(summary)).toBe(
      [
        'Gate',
        '  sums  sql       error      Binder Error: No function matches +(VARCHAR, INTEGER)',
        '                             Candidate functions:',
        '                             \t+(DOUBLE, DOUBLE) -> DOUBLE',
        '  ok    sql       table      1 row',
        '',
      ].join('\n'),
    );
  });
});
