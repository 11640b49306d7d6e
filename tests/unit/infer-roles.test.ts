import { describe, expect, it } from 'vitest';
import { inferRoles } from '../../src/lib/ingest/infer-roles';
import type { ColumnProfile, TableProfile } from '../../src/lib/ingest/profile';

// Profiles written by hand from the real dumps in ../shared/datasets (counts from a Python pass).
const base = { nonNull: 0, min: null, max: null, wholeNumbers: false, meanLength: null };

const text = (name: string, distinct: number, meanLength: number): ColumnProfile => ({
  ...base,
  name,
  sqlType: 'VARCHAR',
  kind: 'text',
  distinct,
  meanLength,
});

const integer = (name: string, distinct: number, min: number, max: number): ColumnProfile => ({
  ...base,
  name,
  sqlType: 'BIGINT',
  kind: 'integer',
  distinct,
  min,
  max,
  wholeNumbers: true,
});

const double = (name: string, distinct: number, min: number, max: number, whole = false) => ({
  ...integer(name, distinct, min, max),
  sqlType: 'DOUBLE',
  kind: 'number' as const,
  wholeNumbers: whole,
});

describe('inferRoles on real dump shapes', () => {
  it('MMLU-Pro long format: multiclass with model, id, label, prediction, outcome', () => {
    const profile: TableProfile = {
      rows: 48128,
      columns: [
        text('model', 4, 17.5),
        integer('question_id', 12032, 70, 12256),
        text('category', 14, 7.4),
        text('src', 91, 22.6),
        text('answer', 10, 1),
        integer('answer_index', 10, 0, 9),
        text('pred', 10, 1),
        integer('correct', 2, 0, 1),
      ],
    };
    const guess = inferRoles(profile);
    expect(guess.roles).toEqual({
      model: 'model',
      question_id: 'id',
      category: 'group',
      src: 'group',
      answer: 'label',
      answer_index: 'group',
      pred: 'prediction',
      correct: 'outcome',
    });
    expect(guess.taskKind).toBe('multiclass');
  });

  it('Aequitas NYC stop-and-frisk: unnamed row index as id, 0/1 score as the prediction', () => {
    const profile: TableProfile = {
      rows: 45184,
      columns: [
        integer('column0', 11296, 0, 11295),
        double('score', 2, 0, 1, true),
        double('label_value', 2, 0, 1, true),
        text('race', 6, 8),
        text('sex', 2, 4.2),
        integer('model_id', 4, 1, 7),
      ],
    };
    const guess = inferRoles(profile);
    expect(guess.roles).toEqual({
      column0: 'id',
      score: 'prediction',
      label_value: 'label',
      race: 'group',
      sex: 'group',
      model_id: 'model',
    });
    expect(guess.reasons.score).toMatch(/only 0 and 1/);
    expect(guess.taskKind).toBe('binary');
  });

  it('RobustBench reshaped to long form: condition, severity and an outcome value', () => {
    const profile: TableProfile = {
      rows: 23 * 75,
      columns: [
        text('model', 23, 20),
        text('condition', 15, 9),
        integer('severity', 5, 1, 5),
        double('value', 1500, 0.1, 0.95),
      ],
    };
    const guess = inferRoles(profile);
    expect(guess.roles).toEqual({
      model: 'model',
      condition: 'condition',
      severity: 'severity',
      value: 'outcome',
    });
    expect(guess.taskKind).toBe('score');
  });

  it('a regression table: fractional label and prediction', () => {
    const profile: TableProfile = {
      rows: 1000,
      columns: [
        integer('house_id', 1000, 1, 1000),
        text('neighborhood', 12, 8),
        double('sqft', 640, 400, 5200, true),
        double('y_true', 980, 50.5, 990.25),
        double('prediction', 1000, 48.1, 1010.7),
      ],
    };
    const guess = inferRoles(profile);
    expect(guess.roles).toEqual({
      house_id: 'id',
      neighborhood: 'group',
      sqft: 'group',
      y_true: 'label',
      prediction: 'prediction',
    });
    expect(guess.reasons.sqft).toMatch(/binned/);
    expect(guess.taskKind).toBe('regression');
  });
});

describe('inferRoles: values must agree with the name', () => {
  it('a probability score next to a label makes a binary task without a prediction', () => {
    const guess = inferRoles({
      rows: 100,
      columns: [integer('label', 2, 0, 1), double('prob_positive', 100, 0.01, 0.99)],
    });
    expect(guess.roles).toEqual({ label: 'label', prob_positive: 'score' });
    expect(guess.taskKind).toBe('binary');
  });

  it('a "score" outside 0..1 is not a probability', () => {
    const guess = inferRoles({ rows: 100, columns: [double('score', 90, 0, 37.5)] });
    expect(guess.roles.score).toBe('group');
    expect(guess.taskKind).toBe('unknown');
  });

  it('ignores long free text, near-unique text and types it cannot slice', () => {
    const guess = inferRoles({
      rows: 1000,
      columns: [
        text('question', 990, 180),
        text('name', 900, 12),
        { ...text('created', 1000, 0), sqlType: 'TIMESTAMP', kind: 'other', meanLength: null },
        integer('latency_ms', 700, 80, 9000),
      ],
    });
    expect(guess.roles).toEqual({
      question: 'ignore',
      name: 'ignore',
      created: 'ignore',
      latency_ms: 'cost',
    });
  });

  it('gives a single role to the first matching column only', () => {
    const guess = inferRoles({
      rows: 10,
      columns: [text('label', 3, 3), text('gold', 3, 3), text('pred', 3, 3)],
    });
    expect(guess.roles).toEqual({ label: 'label', gold: 'group', pred: 'prediction' });
  });
});
