import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/index.ts';
import { evaluate, forecast } from '../../model/index.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import type { ForecastMonth, StrategyId } from '../../model/types.ts';
import { STRATEGY_IDS, STRATEGY_NAMES } from '../../model/types.ts';
import { sampleForecast, sampleReport } from '../results/sample-report.ts';
import {
  capacityWeekConfig,
  compareBarConfig,
  costByStrategyConfig,
  costStacks,
  forecastConfig,
  forecastCrossovers,
  formatValue,
  resolveThemeColors,
  strategyColor,
  themeColor,
  weekHourLabel,
  withAlpha,
  wrapLabel,
} from './configs.ts';

const cents = (v: number) => Math.round(v * 100);

describe('theme colours', () => {
  it('turns hex and rgb colours into rgba with the alpha, and leaves others alone', () => {
    expect(withAlpha('#1f77b4', 0.5)).toBe('rgba(31, 119, 180, 0.5)');
    expect(withAlpha(' #abc ', 1)).toBe('rgba(170, 187, 204, 1)');
    expect(withAlpha('rgb(1, 2, 3)', 0.2)).toBe('rgba(1, 2, 3, 0.2)');
    expect(withAlpha('red', 0.2)).toBe('red');
  });

  it('resolves tokens deeply, keeps other values, and does not mutate the input', () => {
    const fn = () => 1;
    const input = {
      a: themeColor('--text'),
      b: [strategyColor('serverless', 0.25), 'plain', 3],
      c: { d: { e: themeColor('--missing') } },
      f: fn,
    };
    const lookup = (name: string) => ({ '--text': ' #000000 ', '--strategy-4': '#9467bd' })[name] ?? '';
    const out = resolveThemeColors(input, lookup);
    expect(out.a).toBe('#000000');
    expect(out.b).toEqual(['rgba(148, 103, 189, 0.25)', 'plain', 3]);
    expect(out.c.d.e).toBe('#808080');
    expect(out.f).toBe(fn);
    expect(input.a).toBe(themeColor('--text'));
  });

  it('gives each strategy its own custom property, in STRATEGY_IDS order', () => {
    expect(STRATEGY_IDS.map((id) => strategyColor(id))).toEqual(
      [1, 2, 3, 4].map((i) => themeColor(`--strategy-${i}`)),
    );
  });
});

describe('labels and value formats', () => {
  it('names every hour of the week', () => {
    expect(weekHourLabel(0)).toBe('Mon 00:00');
    expect(weekHourLabel(25)).toBe('Tue 01:00');
    expect(weekHourLabel(167)).toBe('Sun 23:00');
    expect(new Set(Array.from({ length: 168 }, (_, h) => weekHourLabel(h))).size).toBe(168);
  });

  it('labels week ticks only at day starts and formats money and numbers', () => {
    expect(formatValue({ kind: 'weekHour' }, 48)).toBe('Wed');
    expect(formatValue({ kind: 'weekHour' }, 49)).toBeNull();
    expect(formatValue({ kind: 'weekHour' }, 49, true)).toBe('Wed 01:00');
    expect(formatValue({ kind: 'money', currency: 'USD' }, 1234.5)).toMatch(/1,235/);
    expect(formatValue({ kind: 'money', currency: 'USD' }, 1234.5, true)).toMatch(/1,234\.50/);
    expect(formatValue({ kind: 'number', digits: 1 }, 2.26)).toBe('2.3');
    expect(formatValue({ kind: 'money', currency: 'USD' }, NaN)).toBe('—');
  });

  it('wraps long labels without losing words', () => {
    const lines = wrapLabel('Service instance per container', 18);
    expect(lines.every((l) => l.length <= 18)).toBe(true);
    expect(lines.join(' ')).toBe('Service instance per container');
  });
});

describe('cost by strategy, stacked by service', () => {
  it('has one bar per strategy and one stack per service, with the report costs', () => {
    const report = sampleReport();
    const config = costByStrategyConfig(report);
    expect(config.type).toBe('bar');
    expect(config.data.labels?.map((l) => (l as string[]).join(' '))).toEqual(
      report.strategies.map((s) => s.name),
    );
    const names = report.strategies[0]?.services.map((s) => s.service);
    expect(config.data.datasets.map((d) => d.label)).toEqual(names);
    const orders = config.data.datasets[0]?.data as number[];
    expect(orders).toEqual(
      report.strategies.map((s) => s.services.find((x) => x.service === 'orders')?.cost),
    );
    // A service the strategy does not run is drawn as 0 (the table says "not run").
    const payments = config.data.datasets.find((d) => d.label === 'payments')?.data as number[];
    expect(payments[3]).toBe(0);
  });

  it('folds the smallest services into one "Other services" stack that keeps every bar total', () => {
    const services = Array.from({ length: 14 }, (_, i) =>
      testService({ name: `svc-${i}`, trafficRps: flat(1 + i), cpuMsPerRequest: 5 + i }),
    );
    const report = evaluate(testPlan(bundledCatalog('aws-us-east-1')!, services));
    const stacks = costStacks(report, 5);
    expect(stacks).toHaveLength(5);
    expect(stacks[4]?.name).toBe('Other services (10)');
    expect(stacks.flatMap((s) => s.services).sort()).toEqual(services.map((s) => s.name).sort());
    report.strategies.forEach((s, i) => {
      const sum = stacks.reduce((acc, st) => acc + cents(st.values[i] ?? 0), 0);
      const allocated = s.services.reduce((acc, sc) => acc + (sc.included ? cents(sc.cost) : 0), 0);
      expect(sum).toBe(allocated);
    });
  });

  it('keeps every service as its own stack when they fit', () => {
    const report = sampleReport();
    expect(costStacks(report).map((s) => s.name)).toEqual(['orders', 'restaurants', 'payments', 'search']);
  });
});

describe('paid capacity vs demand', () => {
  it('plots the week series of the chosen strategy, 168 hourly points, with its unit', () => {
    const report = evaluate(
      testPlan(bundledCatalog('aws-us-east-1')!, [testService({ trafficRps: flat(40) })]),
    );
    for (const s of report.strategies) {
      const config = capacityWeekConfig(s);
      expect(config.data.labels).toHaveLength(168);
      expect(config.data.datasets[0]?.data).toEqual(s.week.demand);
      expect(config.data.datasets[1]?.data).toEqual(s.week.capacity);
      expect(String(config.data.datasets[0]?.label)).toContain(s.week.unit);
      expect(config.options?.plugins?.headroomFormat?.category).toEqual({ kind: 'weekHour' });
    }
  });

  it('shades the idle gap: capacity fills down to the demand line', () => {
    const config = capacityWeekConfig(sampleReport().strategies[0]!);
    const fill = (config.data.datasets[1] as { fill?: unknown }).fill as { target: number };
    expect(fill.target).toBe(0);
  });
});

describe('forecast', () => {
  const month = (m: number, costs: Partial<Record<StrategyId, number>>): ForecastMonth => ({
    month: m,
    costs: { 'shared-host': 100, 'vm-per-service': 200, 'container-cluster': 300, serverless: 400, ...costs },
    cheapest: null,
    capacity: { 'shared-host': {}, 'vm-per-service': {}, 'container-cluster': {}, serverless: {} },
  });

  it('finds the month where one strategy becomes cheaper than another', () => {
    const f = [month(1, { serverless: 50 }), month(2, { serverless: 150 }), month(3, { serverless: 250 })];
    expect(forecastCrossovers(f)).toEqual([
      { month: 2, cheaper: 'shared-host', overtakes: 'serverless' },
      { month: 3, cheaper: 'vm-per-service', overtakes: 'serverless' },
    ]);
    expect(forecastCrossovers([month(1, {}), month(2, {})])).toEqual([]);
  });

  it('reports only real flips of order (property)', () => {
    const costs = fc.record({
      'shared-host': fc.integer({ min: 0, max: 50 }),
      'vm-per-service': fc.integer({ min: 0, max: 50 }),
      'container-cluster': fc.integer({ min: 0, max: 50 }),
      serverless: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(costs, { minLength: 1, maxLength: 12 }), (months) => {
        const f = months.map((c, i) => month(i + 1, c));
        for (const c of forecastCrossovers(f)) {
          const now = f[c.month - 1]!.costs;
          const before = f[c.month - 2]!.costs;
          expect(now[c.cheaper]).toBeLessThan(now[c.overtakes]);
          expect(before[c.cheaper]).toBeGreaterThanOrEqual(before[c.overtakes]);
        }
        // Every strict flip is reported.
        for (let m = 1; m < f.length; m++) {
          for (const a of STRATEGY_IDS)
            for (const b of STRATEGY_IDS) {
              if (f[m - 1]!.costs[a] > f[m - 1]!.costs[b] && f[m]!.costs[a] < f[m]!.costs[b]) {
                expect(forecastCrossovers(f)).toContainEqual({ month: m + 1, cheaper: a, overtakes: b });
              }
            }
        }
      }),
    );
  });

  it('draws one line per strategy and enlarges the points where lines cross', () => {
    const f = sampleForecast();
    const config = forecastConfig(f, 'USD');
    expect(config.data.datasets.map((d) => d.label)).toEqual(STRATEGY_IDS.map((id) => STRATEGY_NAMES[id]));
    expect(config.data.datasets[3]?.data).toEqual(f.map((m) => m.costs.serverless));
    const crossings = forecastCrossovers(f);
    expect(crossings.length).toBeGreaterThan(0);
    const first = crossings[0]!;
    const ds = config.data.datasets[STRATEGY_IDS.indexOf(first.cheaper)] as unknown as {
      pointRadius: number[];
    };
    const index = f.findIndex((m) => m.month === first.month);
    expect(ds.pointRadius[index]).toBeGreaterThan(ds.pointRadius[0]!);
  });

  it('works on the engine forecast with no NaN anywhere', () => {
    const plan = testPlan(bundledCatalog('aws-us-east-1')!, [
      testService({ name: 'a', trafficRps: flat(30), growthPerMonth: 0.2 }),
      testService({ name: 'b', trafficRps: flat(5), stateful: true }),
    ]);
    const config = forecastConfig(forecast(plan, 12), 'USD');
    const values = config.data.datasets.flatMap((d) => d.data as number[]);
    expect(values).toHaveLength(48);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});

describe('comparison chart', () => {
  it('groups bars by strategy with one dataset per plan, the base marked', () => {
    const config = compareBarConfig(
      [
        {
          name: 'Base',
          isBase: true,
          costs: { 'shared-host': 1, 'vm-per-service': 2, 'container-cluster': 3, serverless: 4 },
        },
        {
          name: 'x2',
          isBase: false,
          costs: { 'shared-host': 2, 'vm-per-service': null, 'container-cluster': 6, serverless: 8 },
        },
      ],
      'EUR',
    );
    expect(config.data.labels).toHaveLength(4);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Base (base)', 'x2']);
    expect(config.data.datasets[1]?.data).toEqual([2, 0, 6, 8]);
    expect(config.options?.plugins?.headroomFormat?.value).toEqual({ kind: 'money', currency: 'EUR' });
  });
});
