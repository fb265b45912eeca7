import { describe, expect, it } from 'vitest';
import { curveChartConfig, hourLabel } from './curve-chart.ts';

describe('curveChartConfig', () => {
  it('one point per hour with hour labels; invalid values become gaps, never NaN', () => {
    const c = curveChartConfig([1, 2, 'x', Number.NaN, ...new Array<number>(20).fill(0)]);
    expect(c.data.labels).toHaveLength(24);
    expect(c.data.labels?.[13]).toBe('13:00');
    expect(c.data.datasets[0]!.data.slice(0, 4)).toEqual([1, 2, null, null]);
  });
  it('week labels name the day', () => {
    expect(hourLabel(24 + 9, 168)).toMatch(/^Tue/);
    expect(curveChartConfig(new Array<number>(168).fill(1)).data.labels).toHaveLength(168);
  });
});
