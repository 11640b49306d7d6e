import fc from 'fast-check';
import { field } from 'vega';
import { describe, expect, it } from 'vitest';
import { fieldRef } from '../../src/lib/charts/field-ref';

describe('fieldRef', () => {
  it('escapes the characters Vega reads as access paths', () => {
    expect(fieldRef('accuracy')).toBe('accuracy');
    expect(fieldRef('a.b[0]')).toBe('a\\.b\\[0\\]');
    expect(fieldRef(`"it's"`)).toBe(`\\"it\\'s\\"`);
    expect(fieldRef('C:\\dir')).toBe('C:\\\\dir');
  });

  it("reads back every column by its own name through Vega's field accessor", () => {
    const names = fc.string({
      unit: fc.constantFrom('a', '.', '[', ']', '"', "'", '\\', ' ', '0'),
    });
    fc.assert(
      fc.property(
        names.filter((n) => n.length > 0),
        (name) => {
          expect(field(fieldRef(name))({ [name]: 42 })).toBe(42);
        },
      ),
    );
  });
});
