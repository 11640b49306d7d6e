import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../src/lib/ingest/profile';
import { resolveSliceFeatures } from '../../src/lib/slicing/slice-features';

const column = (name: string, sqlType: string, kind: ColumnProfile['kind']): ColumnProfile => ({
  name,
  sqlType,
  kind,
  distinct: 40,
  nonNull: 100,
  min: null,
  max: null,
  wholeNumbers: false,
  meanLength: null,
});
const columns = [column('region', 'VARCHAR', 'text'), column('income', 'DOUBLE', 'number')];

describe('slice features with typed cut points', () => {
  it('cut points on a text column: says the column holds no numbers, instead of DuckDB’s conversion error', () => {
    const resolved = resolveSliceFeatures([{ column: 'region', edges: '10, 20' }], columns);
    expect(resolved).toEqual({
      error:
        'region holds VARCHAR values, not numbers, so it cannot be cut at 10, 20: clear its cut points, or slice by a numeric column.',
    });
  });

  it('cut points on a numeric column bin it at those points', () => {
    const resolved = resolveSliceFeatures([{ column: 'income', edges: '10, 20' }], columns);
    expect(resolved).toEqual([{ column: 'income', binning: { kind: 'edges', edges: [10, 20] } }]);
  });
});
