// The week sized ahead, kept per series: the same figures as aheadMax, made once per series and number of hours.
import { describe, expect, it } from 'vitest';
import { aheadMax, aheadMaxKept } from './scale-ahead.ts';

describe('aheadMaxKept', () => {
  it('equals aheadMax for each number of hours, and is the same array for the same series and hours', () => {
    const week = Array.from({ length: 168 }, (_, h) => ((h * 37) % 11) + (h % 24) / 10);
    for (const hours of [0, 1, 2, 3]) {
      const kept = aheadMaxKept(week, hours);
      expect(kept).toEqual(aheadMax(week, hours));
      expect(aheadMaxKept(week, hours)).toBe(kept);
    }
    // Another array of the same figures is another series (kept by identity: a changed week is a new array).
    const copy = week.slice();
    expect(aheadMaxKept(copy, 1)).not.toBe(aheadMaxKept(week, 1));
    expect(aheadMaxKept(copy, 1)).toEqual(aheadMaxKept(week, 1));
    expect(() => aheadMaxKept(week, 4)).toThrow(/scaleAheadHours/);
  });
});
