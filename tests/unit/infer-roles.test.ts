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

describe('inferRoles: the guesses real dumps needed (issue 17.7), each with its reason', () => {
  const withValues = (c: ColumnProfile, values: string[]): ColumnProfile => ({ ...c, values });
  const CLASSES = ['airplane', 'bear', 'bicycle', 'bird'];

  it('a label and a prediction from two columns over the same classes, whatever their names', () => {
    const guess = inferRoles({
      rows: 256,
      columns: [
        text('subj', 1, 10),
        withValues(text('category', 4, 5), CLASSES),
        withValues(text('object_response', 4, 5), CLASSES),
      ],
    });
    expect(guess.roles).toMatchObject({ category: 'label', object_response: 'prediction' });
    expect(guess.reasons.category).toBe(
      'with "object_response", two columns over the same 4 values (airplane, bear, bicycle, bird): the gold',
    );
    expect(guess.taskKind).toBe('multiclass');
  });

  it('severity for levels written c100 ... c01, and for a numeric condition', () => {
    const levels = ['c01', 'c03', 'c05', 'c10', 'c100', 'c15', 'c30', 'c50'];
    const contrast = inferRoles({
      rows: 256,
      columns: [withValues(text('condition', 8, 3), levels)],
    });
    expect(contrast.roles.condition).toBe('severity');
    expect(contrast.reasons.condition).toBe(
      'its values are ordered levels (c01, c03, c05 … c100): the severity of the shift',
    );
    const numeric = inferRoles({ rows: 100, columns: [double('condition', 5, 0.1, 0.9)] });
    expect(numeric.roles.condition).toBe('severity');
    const named = inferRoles({ rows: 100, columns: [text('condition', 15, 8)] });
    expect(named.roles.condition).toBe('condition');
  });

  it('never an id for a constant column, nor for a handful of values', () => {
    const guess = inferRoles({
      rows: 1000,
      columns: [text('sample_id', 1, 4), integer('region_id', 5, 1, 5), text('person_id', 1000, 5)],
    });
    expect(guess.roles).toMatchObject({
      sample_id: 'group',
      region_id: 'group',
      person_id: 'id',
    });
  });

  it('cost only for cost-like names and units; an accuracy measured in memory is not a cost', () => {
    const guess = inferRoles({
      rows: 50,
      columns: [
        double('acc_in-memory', 50, 0.5, 0.9),
        double('price_usd', 50, 0.001, 0.02),
        integer('response.tokens.prompt', 40, 20, 900),
        double('gen_time_s', 50, 0.1, 0.9),
        integer('throughput', 40, 1, 100),
      ],
    });
    expect(guess.roles).toEqual({
      'acc_in-memory': 'group',
      price_usd: 'cost',
      'response.tokens.prompt': 'cost',
      gen_time_s: 'cost',
      throughput: 'group',
    });
  });

  it('per-example price and time columns in [0, 1] are not probabilities', () => {
    const guess = inferRoles({
      rows: 50,
      columns: [
        integer('label', 2, 0, 1),
        double('price', 50, 0.0001, 0.01),
        double('prompt_time', 50, 0.01, 0.9),
        double('p_positive', 50, 0.02, 0.97),
      ],
    });
    expect(guess.roles).toMatchObject({ price: 'cost', p_positive: 'score' });
    expect(guess.roles.prompt_time).not.toBe('score');
  });
});
