import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fractionFromPercent,
  money,
  moneyDelta,
  num,
  percent,
  percentDelta,
  percentInput,
  percentMessage,
  readableNumber,
  readableText,
} from './format.ts';

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
  it('writes a figure the same the first time and every time after (kept texts), −0 included', () => {
    const usd = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    const plain = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constantFrom(0, -0, 1.5, -2.25), fc.double({ noNaN: true, noDefaultInfinity: true })),
          {
            maxLength: 30,
          },
        ),
        (values) => {
          for (const v of [...values, ...values]) {
            expect(money(v, 'USD')).toBe(usd.format(v));
            expect(num(v, 3)).toBe(plain.format(v));
          }
        },
      ),
    );
    expect(money(-0, 'USD')).toBe(usd.format(-0));
    expect(money(0, 'USD')).toBe(usd.format(0));
  });

  it('formats fractions as percent', () => {
    expect(percent(0.425)).toMatch(/42\.5/);
    expect(percentDelta(0.1)).toMatch(/^\+10/);
  });
});

describe('figures for people', () => {
  it('rounds measured figures to what a person reads', () => {
    expect(readableNumber(30.7311152)).toBe('30.7');
    expect(readableNumber(3.7311152)).toBe('3.73');
    expect(readableNumber(0.0123456)).toBe('0.0123');
    expect(readableNumber(1234.5678)).toBe('1,235');
    expect(readableNumber(0)).toBe('0');
    expect(readableNumber(NaN)).toBe('—');
  });
  it('rounds long decimals inside messages and leaves typed figures alone', () => {
    expect(
      readableText(
        'api alone peaks at 31.2000001 vCPU while the pool has 30.7311152 vCPU spare at its busiest hour',
      ),
    ).toBe('api alone peaks at 31.2 vCPU while the pool has 30.7 vCPU spare at its busiest hour');
    expect(readableText('a pod request of 16384 MiB at 0.25 and 1.5 in v1.2.3456')).toBe(
      'a pod request of 16384 MiB at 0.25 and 1.5 in v1.2.3456',
    );
  });
});

describe('percent fields', () => {
  it('shows fractions as percents without float noise', () => {
    expect(percentInput(0.05)).toBe('5');
    expect(percentInput(0.07)).toBe('7');
    expect(percentInput(0.125)).toBe('12.5');
    expect(percentInput(-0.99)).toBe('-99');
    expect(percentInput(undefined)).toBe('');
    expect(percentInput('abc')).toBe('abc');
  });
  it('reads typed percents as fractions', () => {
    expect(fractionFromPercent('5')).toBe(0.05);
    expect(fractionFromPercent('5%')).toBe(0.05);
    expect(fractionFromPercent(' 12.5 % ')).toBe(0.125);
    expect(fractionFromPercent('7')).toBe(0.07);
    expect(fractionFromPercent('-3')).toBe(-0.03);
    expect(fractionFromPercent('')).toBe('');
    expect(fractionFromPercent('five')).toBe('five');
    expect(fractionFromPercent('5%%')).toBe('5%%');
  });
  it('round-trips every percent with up to 4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9900, max: 100000 }), (hundredths) => {
        const text = String(hundredths / 100);
        expect(percentInput(fractionFromPercent(text))).toBe(text);
      }),
    );
  });
  it('restates fraction bounds in percent', () => {
    expect(percentMessage('must be a number > 0 and <= 1')).toBe('must be a number > 0% and <= 100%');
    expect(percentMessage('must be a number >= -0.99')).toBe('must be a number >= -99%');
  });
});
