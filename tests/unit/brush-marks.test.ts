import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { BRUSH, hideBrushMarks } from '../../src/lib/charts/brush';

interface Mark {
  name?: string;
  aria?: boolean;
  marks?: Mark[];
}
const allMarks = (marks: Mark[] = []): Mark[] => marks.flatMap((m) => [m, ...allMarks(m.marks)]);

/** A chart with the brush, as the calibration and robustness cells draw them (one and faceted). */
const encoding = {
  x: { field: 'x', type: 'quantitative' },
  y: { field: 'y', type: 'quantitative' },
} as const;
const line = {
  data: { values: [{ x: 1, y: 0.5, model: 'a' }] },
  params: [BRUSH],
  mark: 'line',
  encoding,
} as TopLevelSpec;
const faceted = {
  data: { values: [{ x: 1, y: 0.5, c: 'fog' }] },
  facet: { field: 'c', type: 'nominal' },
  spec: { params: [BRUSH], mark: 'point', encoding },
} as TopLevelSpec;

describe("the brush's rectangles are hidden from assistive technology (axe: svg-img-alt)", () => {
  for (const [name, spec] of [
    ['a single chart', line],
    ['a faceted chart', faceted],
  ] as const)
    it(`in ${name}, and only they`, () => {
      const before = allMarks(compile(spec).spec.marks as Mark[]);
      const brush = before.filter((m) => /_brush(_bg)?$/.test(m.name ?? ''));
      expect(brush.map((m) => m.name).sort()).toEqual([
        'slicebook_brush_brush',
        'slicebook_brush_brush_bg',
      ]);
      const after = allMarks(hideBrushMarks(compile(spec).spec).marks as Mark[]);
      for (const mark of after)
        expect(mark.aria, mark.name).toBe(
          brush.some((b) => b.name === mark.name) ? false : undefined,
        );
    });
});
