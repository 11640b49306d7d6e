import { describe, expect, it } from 'vitest';
import { folderColumns } from '../../src/lib/datasets/folder-columns';

describe('folderColumns: per-model folders named by the folders that differ', () => {
  it('two differing folders: the first is the model, the next the config', () => {
    expect(
      folderColumns([
        'results/acme:7b|chat/temperature=0/x.json',
        'results/acme:7b|chat/temperature=0.7,top_p=0.9/x.json',
        'results/zeta+lora=r8,a16/temperature=0/x.json',
      ]),
    ).toEqual({
      models: ['acme:7b|chat', 'acme:7b|chat', 'zeta+lora=r8,a16'],
      configs: ['temperature=0', 'temperature=0.7,top_p=0.9', 'temperature=0'],
      layout: 'results/<model>/<config>/x.json',
      modelSegment: 2,
      configSegments: [3],
    });
  });

  it('one differing folder: the model alone; the folders all share name nothing', () => {
    expect(folderColumns(['r/model-a/default/out.json', 'r/model-b/default/out.json'])).toEqual({
      models: ['model-a', 'model-b'],
      layout: 'r/<model>/default/out.json',
      modelSegment: 2,
      configSegments: [],
    });
  });

  it('three differing folders: the config joins the last two with /', () => {
    const found = folderColumns(['a/m1/t0/s1/p.csv', 'a/m1/t1/s2/p.csv', 'a/m2/t0/s1/p.csv']);
    expect(found?.configs).toEqual(['t0/s1', 't1/s2', 't0/s1']);
    expect(found?.configSegments).toEqual([3, 4]);
  });

  it('a zip entry is a path like any other; an extension does not tell files apart', () => {
    const found = folderColumns([
      'bench.zip/outputs/m1/c1/predictions.csv',
      'bench.zip/outputs/m2/c1/predictions.parquet',
    ]);
    expect(found?.models).toEqual(['m1', 'm2']);
    expect(found?.layout).toBe('bench.zip/outputs/<model>/c1/predictions.csv');
  });

  it('is null for other layouts: names that differ, depths that differ, two files in one folder', () => {
    expect(folderColumns(['r/a/x.json', 'r/b/y.json'])).toBeNull();
    expect(folderColumns(['r/a/x.json', 'r/b/c/x.json'])).toBeNull();
    expect(folderColumns(['r/a/x.json', 'r/a/x.csv'])).toBeNull();
    expect(folderColumns(['x.json', 'x.csv'])).toBeNull();
    expect(folderColumns(['r/a/x.json'])).toBeNull();
  });
});
