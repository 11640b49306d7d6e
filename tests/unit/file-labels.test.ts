import { describe, expect, it } from 'vitest';
import { fileLabels, sharedTitle } from '../../src/lib/datasets/file-labels';
import { withChoice, findOffers } from '../../src/lib/datasets/stacking';
import type { DatasetPlan } from '../../src/lib/datasets/dataset-plan';

describe('fileLabels: the part of the path that differs', () => {
  it('names files of the same name by their folder', () => {
    expect(
      fileLabels([
        'results/model-a/default/out.json',
        'results/model-b/default/out.json',
        'results/model-c/default/out.json',
      ]),
    ).toEqual(['model-a', 'model-b', 'model-c']);
  });
  it('cuts the words every file name shares, keeping a word that differs whole', () => {
    expect(fileLabels(['n/contrast_resnet50.csv', 'n/contrast_vit-b16.csv'])).toEqual([
      'resnet50',
      'vit-b16',
    ]);
    expect(
      fileLabels(['contrast_subject-01_session-1.csv', 'contrast_subject-02_session-1.csv']),
    ).toEqual(['subject-01', 'subject-02']);
    expect(fileLabels(['atlas-7b.jsonl', 'atlas-70b.jsonl'])).toEqual(['atlas-7b', 'atlas-70b']);
  });
  it('joins the folder and the name when both differ', () => {
    expect(fileLabels(['a/x/run_1.csv', 'b/x/run_2.csv'])).toEqual(['a/1', 'b/2']);
  });
});

describe('sharedTitle: what the files share, the rest as *', () => {
  it('stars the differing folder or part of the name', () => {
    expect(sharedTitle(['r/model-a/default/out.json', 'r/model-b/default/out.json'])).toBe(
      'r/*/default/out.json (2 files)',
    );
    expect(sharedTitle(['t/contrast_resnet50.csv', 't/contrast_vit.csv'])).toBe(
      't/contrast_*.csv (2 files)',
    );
    expect(sharedTitle(['only.csv'])).toBe('only.csv');
  });
});

describe('stacking choices and offers', () => {
  it('a later choice replaces the earlier ones it covers', () => {
    const a = { files: ['x', 'y'], stack: true };
    const b = { files: ['z'], stack: false };
    expect(withChoice([a, b], { files: ['x', 'y', 'z'], stack: false })).toEqual([
      { files: ['x', 'y', 'z'], stack: false },
    ]);
    expect(withChoice([a], { files: ['x'], stack: false })).toEqual([
      a,
      { files: ['x'], stack: false },
    ]);
  });

  it('offers a new file only where it would join a dataset that cells use', () => {
    const plan = (name: string, files: string[]): DatasetPlan => ({
      name,
      sources: files,
      select: '',
      reshapes: true,
      notes: [],
      stack: {
        column: 'model',
        files: files.map((f) => ({ table: f, fileName: f, label: f, lacks: [] })),
      },
    });
    const plans = [plan('ds_a', ['a.csv', 'b.csv']), plan('ds_c', ['c.csv', 'd.csv'])];
    const users = (d: string) => (d === 'ds_a' ? ['overview_1'] : []);
    expect(findOffers(plans, new Set(['a.csv', 'c.csv']), users)).toEqual([
      {
        files: ['b.csv'],
        dataset: 'ds_a',
        title: 'ds_a',
        stackedWith: ['a.csv'],
        cells: ['overview_1'],
      },
    ]);
    // Files the notebook already knows (re-opened) are not offered again.
    expect(findOffers(plans, new Set(['a.csv', 'b.csv', 'c.csv']), users)).toEqual([]);
  });
});
