import { describe, expect, it } from 'vitest';
import { cleanColumnNames, fileStem, shortNames, tableNameFor } from '../../src/lib/ingest/names';

describe('cleanColumnNames', () => {
  it('keeps good names as they are', () => {
    expect(cleanColumnNames(['model', 'label', 'pred'])).toEqual(['model', 'label', 'pred']);
  });

  it('trims names and names empty ones after their position', () => {
    expect(cleanColumnNames(['', ' score ', '  '])).toEqual(['column0', 'score', 'column2']);
  });

  it('numbers repeats from _2, comparing case-insensitively as DuckDB does', () => {
    expect(cleanColumnNames(['x', 'x', 'X', 'x_2'])).toEqual(['x', 'x_2', 'X_3', 'x_2_2']);
  });
});

describe('fileStem', () => {
  it.each([
    ['results.csv', 'results'],
    ['runs/a.b.csv', 'a.b'],
    ['C:\\dumps\\preds_Age.jsonl', 'preds_Age'],
    ['model.arrow', 'model'],
    ['table.parquet', 'table'],
    ['noext', 'noext'],
    ['.csv', '.csv'],
  ])('%s -> %s', (name, stem) => {
    expect(fileStem(name)).toBe(stem);
  });
});

describe('tableNameFor', () => {
  it('lower-cases and turns other characters into single underscores', () => {
    expect(tableNameFor('MMLU-Pro 4 models (long).csv', new Set())).toBe('mmlu_pro_4_models_long');
  });

  it('prefixes names that start with a digit', () => {
    expect(tableNameFor('2024-results.csv', new Set())).toBe('t_2024_results');
  });

  it('falls back to "table" when nothing usable is left', () => {
    expect(tableNameFor('\u00e9\u00e9.csv', new Set())).toBe('table');
  });

  it('adds _2, _3 until the name is free', () => {
    expect(tableNameFor('a.csv', new Set(['a']))).toBe('a_2');
    expect(tableNameFor('a.csv', new Set(['a', 'a_2']))).toBe('a_3');
  });

  it('cuts long names to 48 characters', () => {
    expect(tableNameFor(`${'x'.repeat(60)}.csv`, new Set())).toBe('x'.repeat(48));
  });
});

describe('shortNames', () => {
  it.each([
    [
      ['pred_linear', 'pred_boosted', 'pred_knn'],
      ['linear', 'boosted', 'knn'],
    ],
    [
      ['unifiedqa-t5-11b_pred_race', 'unifiedqa-t5-11b_pred_arc', 'unifiedqa-t5-11b_pred_qonly'],
      ['race', 'arc', 'qonly'],
    ],
    [
      ['preds_Age', 'preds_Religion'],
      ['Age', 'Religion'],
    ],
    [
      ['results_gpt', 'results_claude'],
      ['gpt', 'claude'],
    ],
  ])('cuts a generic prefix: %j', (names, expected) => {
    expect(shortNames(names)).toEqual(expected);
  });

  it('cuts a generic suffix', () => {
    expect(shortNames(['linear_pred', 'knn_pred'])).toEqual(['linear', 'knn']);
  });

  it('keeps names whose shared part is meaningful', () => {
    expect(shortNames(['atlas-7b', 'atlas-70b', 'nimbus-mini'])).toEqual([
      'atlas-7b',
      'atlas-70b',
      'nimbus-mini',
    ]);
    expect(shortNames(['llama-7b', 'llama-13b'])).toEqual(['llama-7b', 'llama-13b']);
  });

  it('leaves a single name alone', () => {
    expect(shortNames(['preds_Age'])).toEqual(['preds_Age']);
  });

  it('keeps the full names when cutting would make two equal', () => {
    expect(shortNames(['pred', 'pred'])).toEqual(['pred', 'pred']);
  });
});
