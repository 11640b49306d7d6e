import { describe, expect, it } from 'vitest';
import { fisherZInterval } from '../../src/lib/stats/fisher-z';
import { leastSquares } from '../../src/lib/stats/least-squares';

describe('fisherZInterval', () => {
  it("reproduces R's cor.test(height, weight) on the women data: r 0.9955, 0.9861 to 0.9985", () => {
    const height = Array.from({ length: 15 }, (_, i) => 58 + i);
    const weight = [115, 117, 120, 123, 126, 129, 132, 135, 139, 142, 146, 150, 154, 159, 164];
    const { r } = leastSquares(height, weight);
    expect(r).toBeCloseTo(0.9954948, 7);
    const i = fisherZInterval(r, 15);
    expect(i.low).toBeCloseTo(0.986097, 6);
    expect(i.high).toBeCloseTo(0.9985447, 7);
  });

  it('needs more than 3 pairs; a perfect correlation is its own interval', () => {
    expect(fisherZInterval(0.5, 3).low).toBeNaN();
    expect(fisherZInterval(-1, 10)).toEqual({ low: -1, high: -1 });
  });
});
