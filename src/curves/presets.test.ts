import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { monthlyRequests } from '../model/index.ts';
import {
  PRESETS,
  curveStats,
  parseColumn,
  presetCurve,
  presetShape,
  resizeCurve,
  scaleShape,
} from './presets.ts';

describe('presets', () => {
  it('every preset has a day and a week shape with peak 1 and no negative hour', () => {
    for (const p of PRESETS) {
      for (const hours of [24, 168] as const) {
        const s = presetShape(p.id, hours);
        expect(s).toHaveLength(hours);
        expect(Math.max(...s)).toBe(1);
        expect(Math.min(...s)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('business hours are quiet at night and at weekends', () => {
    const w = presetShape('business-hours', 168);
    expect(w[10]).toBe(1); // Monday 10:00
    expect(w[3]).toBeLessThan(0.1); // Monday 03:00
    expect(w[5 * 24 + 10]).toBeLessThan(0.1); // Saturday 10:00
  });

  it('weekday/weekend has lower weekends than weekdays at the same hour', () => {
    const w = presetShape('weekday-weekend', 168);
    expect(w[6 * 24 + 12]!).toBeLessThan(w[2 * 24 + 12]!);
  });

  it('scales to a peak', () => {
    const c = presetCurve('evening-peak', 24, { by: 'peak', peakRps: 250 });
    expect(Math.max(...c)).toBe(250);
    expect(c[20]).toBe(250);
  });

  it('scales to requests per month as the engine counts them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESETS.map((p) => p.id)),
        fc.constantFrom(24 as const, 168 as const),
        fc.integer({ min: 1_000_000, max: 1e11 }),
        (id, hours, n) => {
          const c = presetCurve(id, hours, { by: 'month', requestsPerMonth: n, hoursPerMonth: 730 });
          const got = monthlyRequests(c, 730);
          expect(Math.abs(got - n) / n).toBeLessThan(0.01);
        },
      ),
    );
  });

  it('a zero or invalid target gives a zero curve, never NaN', () => {
    for (const peakRps of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(scaleShape([0.5, 1], { by: 'peak', peakRps })).toEqual([0, 0]);
    }
    expect(
      scaleShape(new Array<number>(24).fill(0), { by: 'month', requestsPerMonth: 5, hoursPerMonth: 730 }),
    ).toEqual(new Array<number>(24).fill(0));
  });
});

describe('resizeCurve', () => {
  it('repeats a day to a week and folds a week to its mean day', () => {
    const day = Array.from({ length: 24 }, (_, h) => h);
    const week = resizeCurve(day, 168);
    expect(week).toHaveLength(168);
    expect(week[24 + 5]).toBe(5);
    expect(resizeCurve(week, 24)).toEqual(day);
  });
});

describe('parseColumn', () => {
  it('reads a pasted spreadsheet column, first cells of rows, thousands separators', () => {
    const r = parseColumn('12\r\n3.5\n\n1,234\n7\t99\n');
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual([12, 3.5, 1234, 7]);
  });

  it('names the line of every bad cell', () => {
    const r = parseColumn('1\nabc\n-2\n4');
    expect(r.values).toEqual([1, 4]);
    expect(r.problems).toEqual([
      { line: 2, message: '"abc" is not a number' },
      { line: 3, message: '-2 must be a number >= 0' },
    ]);
  });

  it('never returns a non-finite value', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const v of parseColumn(text).values) expect(Number.isFinite(v) && v >= 0).toBe(true);
      }),
    );
  });
});

describe('curveStats', () => {
  it('peak and mean, ignoring non-numbers', () => {
    expect(curveStats([1, 3, 2])).toEqual({ peak: 3, mean: 2 });
    expect(curveStats([])).toEqual({ peak: 0, mean: 0 });
  });
});
