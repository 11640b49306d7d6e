import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../src/lib/ingest/profile';
import { compareAs } from '../../src/lib/metrics/compare-as';

const column = (name: string, kind: ColumnProfile['kind']) => ({ name, kind }) as ColumnProfile;
const columns = [
  column('label_int', 'integer'),
  column('pred_bool', 'boolean'),
  column('label_text', 'text'),
  column('pred_text', 'text'),
];

describe('compareAs', () => {
  it('compares numbers and booleans as numbers, text as text, and mixed kinds as classes', () => {
    expect(compareAs(columns, 'label_int', 'pred_bool')).toBe('number');
    expect(compareAs(columns, 'label_text', 'pred_text')).toBe('text');
    expect(compareAs(columns, 'label_int', 'pred_text')).toBeUndefined();
    expect(compareAs(columns, 'label_text', undefined)).toBeUndefined();
  });
});
