import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate, forecast } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { formatAmount, formatMoney, formatNumber, printable, reportToTable } from './table.ts';

describe('number formatting', () => {
  it('formats money with two decimals and thousands separators', () => {
    expect(formatAmount(0)).toBe('0.00');
    expect(formatAmount(1234567.5)).toBe('1,234,567.50');
    expect(formatAmount(999.999)).toBe('1,000.00');
    expect(formatAmount(-1234.5)).toBe('-1,234.50');
    expect(formatAmount(-0.001)).toBe('0.00');
    expect(formatAmount(NaN)).toBe('–');
    expect(formatMoney(70.08, 'USD')).toBe('70.08 USD');
  });

  it('formats figures with at most two decimals', () => {
    expect(formatNumber(1460)).toBe('1,460');
    expect(formatNumber(3.25)).toBe('3.25');
    expect(formatNumber(122952357.993)).toBe('122,952,358');
    expect(formatNumber(2207.38)).toBe('2,207');
    expect(formatNumber(999.994)).toBe('999.99');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(Infinity)).toBe('–');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(-1500.4)).toBe('-1,500');
  });

  it('replaces control characters so names cannot drive the terminal', () => {
    expect(printable('a\u001b[31mb\u0007\u009b')).toBe('a?[31mb??');
  });
});

describe('reportToTable', () => {
  const plan = testPlan(structuredClone(awsUsEast1), [
    testService({ name: 'orders', trafficRps: flat(120) }),
    testService({ name: 'ledger\u001b[2J', trafficRps: flat(3), stateful: true, growthPerMonth: 0.5 }),
  ]);
  const report = evaluate(plan);
  const text = reportToTable(report, forecast(plan, 3));

  it('shows every strategy with its monthly cost, read from the report', () => {
    for (const s of report.strategies) {
      const line = text.split('\n').find((l) => l.startsWith(s.name));
      expect(line).toBeDefined();
      expect(line).toContain(formatMoney(s.monthlyCost, 'USD'));
    }
    expect(text).toContain('aws-us-east-1 (prices as of 2025-10-01)');
  });

  it('lists per-service costs, totals, warnings and the forecast', () => {
    expect(text).toMatch(/^orders\s/m);
    expect(text).toMatch(/^Total\s/m);
    expect(text).toContain('not included');
    const warnings = report.strategies.reduce((n, s) => n + s.warnings.length, 0);
    expect(warnings).toBeGreaterThan(0);
    expect(text).toContain(`Warnings (${warnings})`);
    expect(text).toMatch(/^3\s+[\d,.]+\s+[\d,.]+\s+[\d,.]+\s+[\d,.]+$/m);
  });

  it('never prints control characters, NaN or Infinity', () => {
    const controls = [...text].filter(
      (c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    );
    expect(controls).toEqual([]);
    expect(text).not.toMatch(/NaN|Infinity/);
  });
});
