import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/index.ts';
import { evaluate, figuresOf, type Figure } from '../../model/index.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import {
  breakdownRows,
  capacityFigures,
  concurrency,
  excludedServices,
  includedComponents,
  isIncomplete,
  unitPrice,
} from './results.ts';
import { scalingText } from '../../state/equal-terms.ts';
import { sampleReport } from './sample-report.ts';

const engineReport = () =>
  evaluate(
    testPlan(bundledCatalog('aws-us-east-1')!, [
      testService({ name: 'api', trafficRps: flat(50) }),
      testService({ name: 'db', trafficRps: flat(5), stateful: true }),
    ]),
  );

describe('capacity figures', () => {
  const one = (key: string, value: number) =>
    capacityFigures(
      { ...sampleReport().strategies[2]!, figures: figuresOf('container-cluster', { [key]: value }) },
      'USD',
    )[0]!;

  it('labels figures as the registry declares them, and makes words of an undeclared camelCase key', () => {
    expect(one('peakNodes', 3).label).toBe('Peak nodes');
    expect(one('nodeHours', 3).label).toBe('Node-hours / month');
    expect(one('warmPoolSize', 3).label).toBe('Warm pool size');
  });

  it('formats by unit: money as money, shares as percent, hours as whole numbers', () => {
    expect(one('headroomMonthlyCost', 26.7).value).toMatch(/\$26\.70/);
    expect(one('cpuAllocation', 0.522).value).toMatch(/52\.2\s?%/);
    expect(one('nodeHours', 1356.4).value).toBe('1,356');
    expect(one('averageNodes', 1.856).value).toBe('1.86');
    expect(one('peakNodes', NaN).value).toBe('—');
  });

  it('labels every capacity key the engine reports, none left as a raw key', () => {
    for (const s of engineReport().strategies) {
      const figures = capacityFigures(s, 'USD');
      expect(figures.map((f) => f.key)).toEqual(Object.keys(s.capacity));
      for (const f of figures) {
        expect(f.label).not.toBe(f.key);
        expect(f.value).not.toMatch(/NaN|Infinity/);
      }
      expect(figures.some((f) => f.primary)).toBe(true);
    }
  });

  it('shows every figure at once when no key is known', () => {
    const figures: Figure[] = figuresOf('shared-host', { a: 1, b: 2 });
    const s = { ...sampleReport().strategies[0]!, figures };
    expect(capacityFigures(s, 'USD').every((f) => f.primary)).toBe(true);
  });

  it('reads serverless concurrency from the capacity figures', () => {
    const serverless = engineReport().strategies.find((s) => s.id === 'serverless')!;
    const c = concurrency(serverless);
    expect(c.peak).toBe(serverless.capacity.peakConcurrency);
    expect(c.average).toBe(serverless.capacity.averageConcurrency);
    expect(concurrency(sampleReport().strategies[0]!)).toEqual({ average: null, peak: null });
  });
});

describe('cheapest and excluded services', () => {
  it('lists services a strategy does not run and keeps such strategies out of the cheapest', () => {
    const report = engineReport();
    const serverless = report.strategies.find((s) => s.id === 'serverless')!;
    expect(excludedServices(serverless)).toEqual(['db']);
    expect(report.cheapest).not.toBe('serverless');
  });
});

describe('the terms a card states (issue 10 §5–§6)', () => {
  it('names each scaling mode, with the scale-ahead of an hourly one', () => {
    expect(scalingText({ mode: 'hourly', aheadHours: 1 })).toBe('Hourly, 1 h ahead');
    expect(scalingText({ mode: 'hourly', aheadHours: 0 })).toBe('Hourly, no scale-ahead');
    expect(scalingText({ mode: 'static', aheadHours: 0 })).toBe('Static (peak all month)');
    expect(scalingText({ mode: 'per-request', aheadHours: 0 })).toBe('Per request');
  });

  it('lists what a total includes once per component, without instance types or price tiers', () => {
    const report = engineReport();
    const vm = report.strategies.find((s) => s.id === 'vm-per-service')!;
    expect(includedComponents(vm)).toEqual(['Instance hours']);
    const serverless = report.strategies.find((s) => s.id === 'serverless')!;
    const item = (component: string) => ({
      service: null,
      component,
      unit: 'x',
      quantity: 1,
      unitPrice: 1,
      cost: 1,
    });
    expect(
      includedComponents({
        ...serverless,
        lineItems: [
          item('Requests (free tier)'),
          item('Requests'),
          item('Duration, x86_64 (first 6B GB-s)'),
          item('Duration, arm64 (free tier)'),
          item('API Gateway HTTP API requests (first 300M)'),
        ],
      }),
    ).toEqual(['Requests', 'Duration', 'API Gateway HTTP API requests']);
    const parts = includedComponents(serverless);
    expect(parts).toContain('Requests');
    expect(parts.some((p) => /[(,]/.test(p))).toBe(false);
    expect(new Set(parts).size).toBe(parts.length);
  });

  it('marks a total that leaves services out as incomplete, and only that one', () => {
    const report = engineReport();
    const incomplete = report.strategies.filter(isIncomplete).map((s) => s.id);
    expect(incomplete).toEqual(['serverless']);
  });
});

describe('per-service breakdown', () => {
  it('has one row per service with each strategy’s report cost, null where not run', () => {
    const report = sampleReport();
    const rows = breakdownRows(report);
    expect(rows.map((r) => r.service)).toEqual(['orders', 'restaurants', 'payments', 'search']);
    const payments = rows.find((r) => r.service === 'payments')!;
    expect(payments.costs[3]).toBeNull();
    expect(payments.costs[0]).toBe(
      report.strategies[0]!.services.find((s) => s.service === 'payments')!.cost,
    );
  });

  it('says which strategy priced a service in another’s total (Lambda’s fallback), and only there', () => {
    const report = sampleReport();
    const serverless = report.strategies[3]!;
    const priced = {
      ...report,
      strategies: [
        ...report.strategies.slice(0, 3),
        {
          ...serverless,
          services: serverless.services.map((s) =>
            s.service === 'payments' ? { ...s, included: true, via: 'vm-per-service' as const } : s,
          ),
        },
      ],
    };
    const rows = breakdownRows(priced);
    expect(rows.find((r) => r.service === 'payments')!.via).toEqual([null, null, null, 'vm-per-service']);
    expect(rows.find((r) => r.service === 'orders')!.via).toEqual([null, null, null, null]);
  });

  it('adds up to each strategy’s monthly cost on the engine report', () => {
    const report = engineReport();
    const rows = breakdownRows(report);
    report.strategies.forEach((s, i) => {
      const sum = rows.reduce((acc, r) => acc + Math.round((r.costs[i] ?? 0) * 100), 0);
      expect(sum).toBe(Math.round(s.monthlyCost * 100));
    });
  });
});

describe('unit prices', () => {
  it('keep the decimals a per-unit price needs and never show NaN', () => {
    expect(unitPrice(0.0000166667, 'USD')).toMatch(/0\.0000166667/);
    expect(unitPrice(0.192, 'USD')).toMatch(/\$0\.192$/);
    expect(unitPrice(2, 'USD')).toMatch(/\$2\.00$/);
    expect(unitPrice(Infinity, 'USD')).toBe('—');
    expect(unitPrice(1, 'XX1')).toBe('1.00 XX1');
  });
});
