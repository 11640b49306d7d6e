import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCsvLayout, splitCsvLine } from '../../src/lib/ingest/csv-layout';

describe('splitCsvLine', () => {
  it('splits on the delimiter', () => {
    expect(splitCsvLine('a,b,,c', ',')).toEqual(['a', 'b', '', 'c']);
    expect(splitCsvLine('a\tb', '\t')).toEqual(['a', 'b']);
  });

  it('keeps delimiters inside quotes and reads "" as one quote', () => {
    expect(splitCsvLine('"x, y",2,"say ""hi"""', ',')).toEqual(['x, y', '2', 'say "hi"']);
    expect(splitCsvLine('"a;b";c', ';')).toEqual(['a;b', 'c']);
    expect(splitCsvLine('""', ',')).toEqual(['']);
  });
});

describe('detectCsvLayout: delimiters', () => {
  it.each([
    ['comma', 'model,label,pred\na,1,0\nb,0,0\n', ','],
    ['tab', 'model\tlabel\tpred\na\t1\t0\nb\t0\t0\n', '\t'],
    ['semicolon', 'model;label;pred\na;0,5;1\nb;0,25;0\n', ';'],
    ['pipe', 'model|label\na|1\nb|0\n', '|'],
  ])('detects a %s delimiter', (_, text, delimiter) => {
    const layout = detectCsvLayout('results.csv', text, true);
    expect(layout.delimiter).toBe(delimiter);
    expect(layout.headerRows).toBe(1);
    expect(layout.twoRowHeader).toBeUndefined();
  });

  it('is not misled by delimiters inside quoted fields', () => {
    const text = 'question,answer\n"a, b; c",x\n"d; e, f",y\n';
    const layout = detectCsvLayout('qa.csv', text, true);
    expect(layout.delimiter).toBe(',');
    expect(layout.names).toEqual(['question', 'answer']);
  });

  it('drops the last line of an incomplete head', () => {
    // Cut mid-line: the partial third line has a different field count and is ignored.
    const layout = detectCsvLayout('big.csv', 'a;b;c\n1;2;3\n4;5', false);
    expect(layout.delimiter).toBe(';');
    expect(layout.names).toEqual(['a', 'b', 'c']);
  });
});

describe('detectCsvLayout: header names', () => {
  it('names empty header cells after their position', () => {
    const layout = detectCsvLayout(
      'aequitas.csv',
      ',score,label_value\n0,1.0,1.0\n1,0.0,0.0\n',
      true,
    );
    expect(layout.names).toEqual(['column0', 'score', 'label_value']);
  });

  it('makes repeated names unique with _2, _3 (case-insensitively), and trims them', () => {
    const layout = detectCsvLayout('dup.csv', ' acc ,acc,Acc,\n1,2,3,4\n', true);
    expect(layout.names).toEqual(['acc', 'acc_2', 'Acc_3', 'column3']);
  });

  it('reads quoted header names', () => {
    const layout = detectCsvLayout('q.csv', '"model, name","say ""x"""\na,b\n', true);
    expect(layout.names).toEqual(['model, name', 'say "x"']);
  });

  it('reports a file with no complete line, naming the file', () => {
    expect(() => detectCsvLayout('long.csv', 'a,b,c,d', false)).toThrow(
      /^long\.csv: no complete line/,
    );
  });
});

describe('detectCsvLayout: two-row header', () => {
  it('reads groups (filled forward) and levels from a small two-row header', () => {
    const text = ',fog,fog,snow,snow\n,1,2,1,2\nresnet,0.9,0.8,0.7,0.6\n';
    const layout = detectCsvLayout('corruptions.csv', text, true);
    expect(layout.headerRows).toBe(2);
    expect(layout.names).toEqual(['model', 'fog/1', 'fog/2', 'snow/1', 'snow/2']);
    expect(layout.twoRowHeader).toEqual({
      groups: ['', 'fog', 'fog', 'snow', 'snow'],
      levels: ['', '1', '2', '1', '2'],
    });
  });

  it('does not take a normal header over a data row for a two-row header', () => {
    const layout = detectCsvLayout('long.csv', 'model,acc,acc_std\na,1,1\nb,2,2\n', true);
    expect(layout.headerRows).toBe(1);
  });
});

const robustBench = '../shared/datasets/robustbench-corruptions/cifar10c_unaggregated_results.csv';

describe.skipIf(!existsSync(robustBench))(
  'detectCsvLayout on RobustBench CIFAR-10-C (needs ../shared/datasets)',
  () => {
    it('finds 15 corruptions x 5 severities under a two-row header', () => {
      const head = new Uint8Array(64 * 1024);
      const fd = openSync(robustBench, 'r');
      const length = readSync(fd, head, 0, head.length, 0);
      closeSync(fd);
      const text = new TextDecoder().decode(head.subarray(0, length));
      const layout = detectCsvLayout(
        'cifar10c_unaggregated_results.csv',
        text,
        length < head.length,
      );

      expect(layout.headerRows).toBe(2);
      expect(layout.delimiter).toBe(',');
      expect(layout.names).toHaveLength(1 + 15 * 5);
      expect(layout.names[0]).toBe('model');
      expect(layout.names[1]).toBe('shot_noise/1');
      const groups = layout.twoRowHeader!.groups.slice(1);
      const levels = layout.twoRowHeader!.levels.slice(1);
      expect(new Set(groups).size).toBe(15);
      expect(new Set(levels)).toEqual(new Set(['1', '2', '3', '4', '5']));
    });
  },
);
