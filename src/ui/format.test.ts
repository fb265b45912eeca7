import { describe, expect, it } from 'vitest';
import { money, moneyDelta, num, percent, percentDelta } from './format.ts';

describe('format', () => {
  it('never shows NaN or Infinity', () => {
    for (const bad of [NaN, Infinity, -Infinity, null, undefined]) {
      for (const text of [
        money(bad, 'USD'),
        percent(bad),
        num(bad),
        moneyDelta(bad, 'USD'),
        percentDelta(bad),
      ]) {
        expect(text).toBe('—');
      }
    }
  });
  it('formats money to the cent and deltas with a sign', () => {
    expect(money(1234.5, 'USD')).toMatch(/1,234\.50/);
    expect(moneyDelta(-3.5, 'USD')).toMatch(/^−.*3\.50/);
    expect(moneyDelta(12, 'USD')).toMatch(/^\+.*12\.00/);
  });
  it('falls back to a code when the currency is unknown to Intl', () => {
    expect(money(1, 'XX1')).toMatch(/1\.00 XX1/);
  });
  it('formats fractions as percent', () => {
    expect(percent(0.425)).toMatch(/42\.5/);
    expect(percentDelta(0.1)).toMatch(/^\+10/);
  });
});
