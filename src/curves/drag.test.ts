import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dragCeiling, paintSegment, roundDragged } from './drag.ts';

describe('dragging a curve', () => {
  it('fills every hour between two samples on the line between them', () => {
    const draft = new Array<number>(24).fill(0);
    paintSegment(draft, null, { hour: 2, value: 10 }, 100);
    paintSegment(draft, { hour: 2, value: 10 }, { hour: 6, value: 50 }, 100);
    expect(draft.slice(0, 8)).toEqual([0, 0, 10, 20, 30, 40, 50, 0]);
    // Backwards too.
    paintSegment(draft, { hour: 12, value: 40 }, { hour: 10, value: 20 }, 100);
    expect(draft.slice(10, 13)).toEqual([20, 30, 40]);
  });
  it('never goes above the ceiling or below zero, nor outside the curve', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: -50, max: 200 }),
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.integer({ min: -50, max: 200 }),
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        (curve, h1, v1, h2, v2) => {
          const ceiling = dragCeiling(curve);
          const draft = curve.slice();
          paintSegment(draft, { hour: h1, value: v1 }, { hour: h2, value: v2 }, ceiling);
          expect(draft).toHaveLength(24);
          for (let h = 0; h < 24; h++) {
            if (draft[h] !== curve[h]) expect(draft[h]).toBeLessThanOrEqual(ceiling);
            expect(draft[h]).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
  it('the ceiling is 1.25× the peak, and 1.25 on an all-zero curve', () => {
    expect(dragCeiling([10, 80, 40])).toBe(100);
    expect(dragCeiling([0, 0])).toBe(1.25);
    // A value that rounds up past the ceiling stays at the ceiling.
    const draft = [57.8, 0];
    paintSegment(draft, null, { hour: 1, value: 72.25 }, dragCeiling([57.8]));
    expect(draft[1]).toBe(72.25);
    expect(roundDragged(123.456)).toBe(123);
    expect(roundDragged(12.345)).toBe(12.3);
  });
});
