import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { monthlyRequests } from '../model/index.ts';
import {
  PRESETS,
  curveStats,
  identifyPreset,
  presetHours,
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

describe('curveStats', () => {
  it('peak and mean, ignoring non-numbers', () => {
    expect(curveStats([1, 3, 2])).toEqual({ peak: 3, mean: 2 });
    expect(curveStats([])).toEqual({ peak: 0, mean: 0 });
  });
});

describe('identifyPreset', () => {
  it('names the preset and peak of every preset curve, day or week, by peak or by month', () => {
    for (const p of PRESETS) {
      for (const hours of [24, 168] as const) {
        expect(identifyPreset(presetCurve(p.id, hours, { by: 'peak', peakRps: 80 }))).toEqual({
          id: p.id,
          peakRps: 80,
        });
        const byMonth = presetCurve(p.id, hours, { by: 'month', requestsPerMonth: 1e8, hoursPerMonth: 730 });
        expect(identifyPreset(byMonth)?.id).toBe(p.id);
      }
    }
  });
  it('says custom (null) once an hour is edited, and for curves that are not a preset', () => {
    const c = presetCurve('evening-peak', 24, { by: 'peak', peakRps: 50 });
    c[3] = 49;
    expect(identifyPreset(c)).toBeNull();
    expect(identifyPreset(new Array<number>(24).fill(0))).toBeNull();
    expect(identifyPreset([1, 2, 3])).toBeNull();
    expect(identifyPreset([...new Array<number>(23).fill(1), 'x'])).toBeNull();
  });
});

describe('presetHours', () => {
  it('makes a day a week for presets whose weekend differs, keeps the length otherwise', () => {
    expect(presetHours('weekday-weekend', 24)).toBe(168);
    expect(presetHours('business-hours', 24)).toBe(168);
    expect(presetHours('evening-peak', 24)).toBe(24);
    expect(presetHours('flat', 168)).toBe(168);
    // Every preset that keeps a day has the same shape every day of the week, so nothing is lost.
    for (const p of PRESETS.filter((x) => !x.weekly && x.id !== 'evening-peak')) {
      const week = presetShape(p.id, 168);
      expect(week.slice(5 * 24, 6 * 24)).toEqual(week.slice(0, 24));
    }
  });
});
