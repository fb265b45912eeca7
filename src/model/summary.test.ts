import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate } from './engine.ts';
import { reportChange, standings } from './summary.ts';
import { testPlan, testService } from './testing.ts';
import { DEFAULT_STRATEGIES } from './defaults.ts';
import { STRATEGY_IDS, STRATEGY_NAMES, strategyEntry } from './registry.ts';
import type { Catalog, Report, StrategyId } from './types.ts';

const catalog: Catalog = structuredClone(awsUsEast1);

/** A report with these monthly costs (every service run unless `excluded`; `null` or absent = cannot be costed). */
function report(
  costs: Partial<Record<StrategyId, number | null>>,
  cheapest: StrategyId | null,
  excluded: Partial<Record<StrategyId, string[]>> = {},
): Report {
  return {
    plan: 'p',
    currency: 'USD',
    hoursPerMonth: 730,
    catalog: { id: 'c', asOf: '2026-01-01' },
    cheapest,
    strategies: STRATEGY_IDS.map((id) => {
      const cost = costs[id] ?? null;
      const out = excluded[id] ?? [];
      return {
        id,
        name: STRATEGY_NAMES[id],
        scaling: { mode: 'static' as const, aheadHours: 0 },
        notIncluded: [],
        ...(cost === null
          ? {
              cannotCost: [{ path: 'services[0].container.memoryMiB', service: 'a', message: 'm', fix: 'f' }],
            }
          : {}),
        monthlyCost: cost ?? 0,
        utilization: { cpuAverage: null, cpuPeak: null },
        capacity: {},
        figures: [],
        settings: DEFAULT_STRATEGIES[strategyEntry(id).settingsKey],
        lineItems: [],
        services: ['a', 'b'].map((service) => ({
          service,
          cost: 0,
          included: cost !== null && !out.includes(service),
        })),
        warnings: [],
        week: { demand: [], capacity: [], units: [], unit: 'vCPU' },
      };
    }),
  };
}

const by = <T extends { id: StrategyId }>(list: T[], id: StrategyId): T => list.find((s) => s.id === id)!;

describe('standings: each strategy against the cheapest complete one', () => {
  it('gives the margin as the share of the other strategy’s cost the cheapest saves (“12% below”)', () => {
    const s = standings(
      report(
        { 'shared-host': 88, 'vm-per-service': 100, 'container-cluster': 176, serverless: 10 },
        'shared-host',
        {
          serverless: ['b'],
        },
      ),
    );
    expect(s.cheapest).toBe('shared-host');
    expect(by(s.strategies, 'shared-host')).toMatchObject({ standing: 'cheapest', difference: 0, margin: 0 });
    expect(by(s.strategies, 'vm-per-service')).toMatchObject({ standing: 'complete', difference: 12 });
    expect(by(s.strategies, 'vm-per-service').margin).toBeCloseTo(0.12, 12);
    expect(by(s.strategies, 'container-cluster').margin).toBeCloseTo(0.5, 12);
    expect(s.runnerUp).toBe('vm-per-service');
  });

  it('never compares or ranks a strategy that leaves services out, even when its total is the lowest', () => {
    const s = standings(
      report(
        { 'shared-host': 88, 'vm-per-service': 100, 'container-cluster': 176, serverless: 10 },
        'shared-host',
        {
          serverless: ['b'],
        },
      ),
    );
    expect(by(s.strategies, 'serverless')).toEqual({
      id: 'serverless',
      name: STRATEGY_NAMES.serverless,
      standing: 'incomplete',
      cost: 10,
      excluded: ['b'],
      difference: null,
      margin: null,
    });
  });

  it('shows a strategy that cannot be costed with no cost at all, never 0, and never as cheapest', () => {
    const s = standings(
      report(
        { 'shared-host': 50, 'vm-per-service': 60, 'container-cluster': null, serverless: 70 },
        'shared-host',
      ),
    );
    expect(by(s.strategies, 'container-cluster')).toMatchObject({
      standing: 'cannot-cost',
      cost: null,
      difference: null,
      margin: null,
      excluded: [],
    });
    // Even a report that (wrongly) named it cheapest does not make it so.
    const wrong = standings(
      report(
        { 'shared-host': 50, 'vm-per-service': 60, 'container-cluster': null, serverless: 70 },
        'container-cluster',
      ),
    );
    expect(wrong.cheapest).toBeNull();
    expect(wrong.strategies.every((x) => x.margin === null)).toBe(true);
  });

  it('has no cheapest and no margins when no strategy runs every service', () => {
    const s = standings(
      report(
        { 'shared-host': null, 'vm-per-service': null, 'container-cluster': null, serverless: 5 },
        null,
        {
          serverless: ['a'],
        },
      ),
    );
    expect(s.cheapest).toBeNull();
    expect(s.runnerUp).toBeNull();
    expect(s.strategies.map((x) => x.standing)).toEqual([
      'cannot-cost',
      'cannot-cost',
      'cannot-cost',
      'incomplete',
      'cannot-cost',
    ]);
  });

  it('takes differences in whole cents (no float drift) and calls a tie a margin of 0', () => {
    const s = standings(
      report(
        { 'shared-host': 0.1, 'vm-per-service': 0.3, 'container-cluster': 0.1, serverless: 1 },
        'shared-host',
      ),
    );
    expect(by(s.strategies, 'vm-per-service').difference).toBe(0.2);
    expect(by(s.strategies, 'container-cluster')).toMatchObject({ difference: 0, margin: 0 });
    expect(s.runnerUp).toBe('container-cluster');
  });

  it('reads the engine’s report: a pod too big for the node marks only the container strategy', () => {
    const services = [
      testService({ name: 'api' }),
      testService({ name: 'db', memoryMiB: 16384, stateful: true }),
    ];
    const r = evaluate(testPlan(catalog, services));
    const s = standings(r);
    expect(by(s.strategies, 'container-cluster').standing).toBe('cannot-cost');
    expect(by(s.strategies, 'serverless')).toMatchObject({ standing: 'incomplete', excluded: ['db'] });
    expect(s.cheapest).toBe(r.cheapest);
    const cheapestCost = by(r.strategies, r.cheapest!).monthlyCost;
    for (const x of s.strategies.filter((y) => y.standing === 'complete')) {
      expect(x.cost! * (1 - x.margin!)).toBeCloseTo(cheapestCost, 6);
    }
  });

  it('for any costs, margins are in [0, 1] and cost − difference is the cheapest', () => {
    const cost = fc.option(
      fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.tuple(cost, cost, cost, cost, cost), fc.boolean(), ([a, b, c, d, e], leaveOut) => {
        const costs = {
          'shared-host': a,
          'vm-per-service': b,
          'container-cluster': c,
          serverless: d,
          'serverless-containers': e,
        };
        const complete = STRATEGY_IDS.filter(
          (id) => costs[id] !== null && !(leaveOut && id === 'serverless'),
        );
        let cheapest: StrategyId | null = null;
        for (const id of complete) if (cheapest === null || costs[id]! < costs[cheapest]!) cheapest = id;
        const s = standings(report(costs, cheapest, leaveOut ? { serverless: ['a'] } : {}));
        expect(s.cheapest).toBe(cheapest);
        for (const x of s.strategies) {
          if (x.margin === null) continue;
          expect(x.margin).toBeGreaterThanOrEqual(0);
          expect(x.margin).toBeLessThanOrEqual(1);
          expect(Math.round((x.cost! - x.difference!) * 100)).toBe(Math.round(costs[cheapest!]! * 100));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('reportChange: what the last edit did', () => {
  it('gives each strategy’s change to the cent and picks the largest by amount', () => {
    const before = report(
      {
        'shared-host': 100,
        'vm-per-service': 200,
        'container-cluster': 150,
        serverless: 90,
        'serverless-containers': 95,
      },
      'serverless',
    );
    const after = report(
      {
        'shared-host': 100,
        'vm-per-service': 180.1,
        'container-cluster': 184.2,
        serverless: 90.3,
        'serverless-containers': 95,
      },
      'serverless',
    );
    const c = reportChange(before, after);
    expect(c.changed).toBe(true);
    expect(c.strategies.map((s) => s.delta)).toEqual([0, -19.9, 34.2, 0.3, 0]);
    expect(c.largest).toBe('container-cluster');
    expect(by(c.strategies, 'container-cluster').fraction).toBeCloseTo(34.2 / 150, 12);
    expect(c.cheapestBefore).toBe('serverless');
    expect(c.cheapestAfter).toBe('serverless');
  });

  it('says nothing changed when every cost and standing is the same (a rename)', () => {
    const r = report(
      { 'shared-host': 1, 'vm-per-service': 2, 'container-cluster': 3, serverless: 4 },
      'shared-host',
    );
    const c = reportChange(r, structuredClone(r));
    expect(c.changed).toBe(false);
    expect(c.largest).toBeNull();
  });

  it('reports a strategy becoming impossible to cost as a change of standing, not as −100%', () => {
    const before = report(
      { 'shared-host': 100, 'vm-per-service': 200, 'container-cluster': 90, serverless: 300 },
      'container-cluster',
    );
    const after = report(
      { 'shared-host': 100, 'vm-per-service': 200, 'container-cluster': null, serverless: 300 },
      'shared-host',
    );
    const c = reportChange(before, after);
    expect(c.changed).toBe(true);
    expect(by(c.strategies, 'container-cluster')).toMatchObject({
      before: 'cheapest',
      after: 'cannot-cost',
      costBefore: 90,
      costAfter: null,
      delta: null,
      fraction: null,
    });
    expect(c.largest).toBeNull();
    expect([c.cheapestBefore, c.cheapestAfter]).toEqual(['container-cluster', 'shared-host']);
  });

  it('follows the engine: more CPU per request on one service raises every strategy that runs it', () => {
    const plan = testPlan(catalog, [testService({ name: 'api', trafficRps: new Array(24).fill(200) })]);
    const heavier = testPlan(catalog, [
      testService({ name: 'api', trafficRps: new Array(24).fill(200), cpuMsPerRequest: 80 }),
    ]);
    const c = reportChange(evaluate(plan), evaluate(heavier));
    expect(c.changed).toBe(true);
    expect(c.largest).not.toBeNull();
    for (const s of c.strategies) expect(s.delta).toBeGreaterThanOrEqual(0);
    expect(by(c.strategies, c.largest!).delta).toBeGreaterThan(0);
  });
});
