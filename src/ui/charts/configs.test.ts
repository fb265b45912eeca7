import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/index.ts';
import { evaluate, forecast } from '../../model/index.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import { STRATEGY_IDS, STRATEGY_NAMES } from '../../model/index.ts';
import { sampleForecast, sampleReport } from '../results/sample-report.ts';
import {
  capacityWeekConfig,
  compareBarConfig,
  costByStrategyConfig,
  costStacks,
  forecastConfig,
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
      STRATEGY_IDS.map((_, i) => themeColor(`--strategy-${i + 1}`)),
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
  it('draws one line per strategy over calendar months, from 0, with large points where the engine says the lead changes', () => {
    const f = sampleForecast();
    const config = forecastConfig(f, 'USD');
    expect(config.data.datasets.map((d) => d.label)).toEqual(STRATEGY_IDS.map((id) => STRATEGY_NAMES[id]));
    expect(config.data.datasets[3]?.data).toEqual(f.months.map((m) => m.costs.serverless));
    expect(config.data.labels?.slice(0, 2)).toEqual(['Jan 2027', 'Feb 2027']);
    expect((config.options?.scales?.y as { beginAtZero?: boolean }).beginAtZero).toBe(true);
    expect(f.leadChanges.length).toBeGreaterThan(0);
    for (const c of f.leadChanges) {
      const ds = config.data.datasets[STRATEGY_IDS.indexOf(c.leader!)] as unknown as {
        pointRadius: number[];
      };
      expect(ds.pointRadius[c.month - 1]).toBeGreaterThan(ds.pointRadius[0]!);
    }
    // Only the lead changes are marked: no point of a line that never leads is enlarged.
    const leaders = new Set(f.leadChanges.map((c) => c.leader));
    STRATEGY_IDS.filter((id) => !leaders.has(id)).forEach((id) => {
      const ds = config.data.datasets[STRATEGY_IDS.indexOf(id)] as unknown as { pointRadius: number[] };
      expect(new Set(ds.pointRadius).size).toBe(1);
    });
  });

  it('works on the engine forecast with no NaN anywhere', () => {
    const plan = testPlan(bundledCatalog('aws-us-east-1')!, [
      testService({ name: 'a', trafficRps: flat(30), growthPerMonth: 0.2 }),
      testService({ name: 'b', trafficRps: flat(5), stateful: true }),
    ]);
    const config = forecastConfig(forecast(plan, { months: 36, start: '2027-01' }), 'USD');
    const values = config.data.datasets.flatMap((d) => d.data as number[]);
    expect(values).toHaveLength(36 * STRATEGY_IDS.length);
    expect(values.every(Number.isFinite)).toBe(true);
    expect(config.data.labels?.at(-1)).toBe('Dec 2029');
  });
});

describe('comparison chart', () => {
  it('groups bars by strategy with one dataset per plan, the base marked', () => {
    const config = compareBarConfig(
      [
        {
          name: 'Base',
          isBase: true,
          costs: {
            'shared-host': 1,
            'vm-per-service': 2,
            'container-cluster': 3,
            serverless: 4,
            'serverless-containers': 5,
          },
        },
        {
          name: 'x2',
          isBase: false,
          costs: {
            'shared-host': 2,
            'vm-per-service': null,
            'container-cluster': 6,
            serverless: 8,
            'serverless-containers': 10,
          },
        },
      ],
      'EUR',
    );
    expect(config.data.labels).toHaveLength(5);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Base (base)', 'x2']);
    expect(config.data.datasets[1]?.data).toEqual([2, 0, 6, 8, 10]);
    expect(config.options?.plugins?.headroomFormat?.value).toEqual({ kind: 'money', currency: 'EUR' });
  });
});

describe('horizontal bar charts name every bar', () => {
  it('the cost chart shows every strategy’s name on its axis (Chart.js skips labels it thinks crowded)', () => {
    const config = costByStrategyConfig(sampleReport());
    const y = (config.options?.scales as Record<string, { ticks?: { autoSkip?: boolean } }>).y!;
    expect(y.ticks?.autoSkip).toBe(false);
  });
});
