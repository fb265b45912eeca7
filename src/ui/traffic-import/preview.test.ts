import { describe, expect, it } from 'vitest';
import { hourLabel, previewConfig } from './preview.ts';

describe('traffic import preview', () => {
  it('labels every hour of a day or a week and plots the curve as given', () => {
    const day = Array.from({ length: 24 }, (_, h) => h * 1.5);
    const c = previewConfig(day, 24);
    expect(c.data.labels).toHaveLength(24);
    expect(c.data.labels?.[13]).toBe('13:00');
    expect(c.data.datasets[0]?.data).toEqual(day);
    const week = previewConfig(new Array<number>(168).fill(2), 168);
    expect(week.data.labels?.[167]).toBe('Sun 23:00');
    expect(hourLabel(24, 168)).toBe('Tue 00:00');
  });
});
