// The best mix (issue 11 §4): priced by the engine on each strategy's sub-plan; never above a pure strategy; on small
// plans equal to exhaustive search; a given assignment of the found mix costs what the search said.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import {
  createEvaluator,
  evaluate,
  STRATEGY_IDS,
  type Plan,
  type ServerlessFallback,
  type Service,
  type StrategyId,
} from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { bestMix, evaluateMix } from './mix.ts';

const catalog = bundledCatalog('aws-us-east-1')!;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);

const serviceArb = (i: number): fc.Arbitrary<Service> =>
  fc
    .record({
      rps: fc.integer({ min: 0, max: 4000 }).map((n) => n / 10),
      night: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
      cpu: fc.integer({ min: 1, max: 400 }).map((n) => n / 10),
      memoryMiB: fc.constantFrom(256, 512, 1024, 2048),
      minInstances: fc.integer({ min: 0, max: 2 }),
      stateful: fc.boolean(),
    })
    .map((r) =>
      testService({
        name: `s${i}`,
        trafficRps: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? r.rps : r.rps * r.night)),
        cpuMsPerRequest: r.cpu,
        memoryMiB: r.memoryMiB,
        minInstances: r.minInstances,
        stateful: r.stateful,
        container: { cpuMillicores: 250, memoryMiB: r.memoryMiB },
      }),
    );

const planArb = (min: number, max: number): fc.Arbitrary<Plan> =>
  fc
    .record({
      n: fc.integer({ min, max }),
      fallback: fc.constantFrom<ServerlessFallback>('none', 'vmPerService', 'containerCluster'),
      frontDoor: fc.boolean(),
      nat: fc.boolean(),
    })
    .chain(({ n, fallback, frontDoor, nat }) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => serviceArb(i))).map((services) => {
        const plan = testPlan(catalog, services, { serverless: { fallback } });
        return {
          ...plan,
          frontDoor: { ...plan.frontDoor, kind: frontDoor ? ('alb' as const) : ('none' as const) },
          network: nat ? { natGateways: 1, natGBPerMonth: 100 } : plan.network,
        };
      }),
    );

/** The engine's pure strategies that run every service, with their costs. */
function completePure(plan: Plan): { id: StrategyId; cost: number }[] {
  return evaluate(plan)
    .strategies.filter((r) => r.cannotCost === undefined && r.services.every((s) => s.included))
    .map((r) => ({ id: r.id, cost: r.monthlyCost }));
}

/** Every assignment of every service to every strategy, priced one by one through evaluateMix. */
function exhaustive(plan: Plan): number {
  let best = Infinity;
  const names = plan.services.map((s) => s.name);
  const walk = (i: number, given: Record<string, StrategyId>): void => {
    if (i === names.length) {
      try {
        best = Math.min(best, evaluateMix(plan, given).monthlyCost);
      } catch {
        // a strategy that cannot run a service: not an assignment
      }
      return;
    }
    for (const id of STRATEGY_IDS) walk(i + 1, { ...given, [names[i]!]: id });
  };
  walk(0, {});
  return best;
}

describe('best mix (issue 11 §4)', () => {
  it('never costs more than any pure strategy that runs every service, by either search', () => {
    fc.assert(
      fc.property(planArb(1, 5), (plan) => {
        const pure = completePure(plan);
        fc.pre(pure.length > 0);
        // Lambda with a fallback is a mix already; without NAT it is priced as the engine prices it.
        const lambdaAsMix = plan.network.natGateways === 0;
        for (const method of ['exact', 'heuristic'] as const) {
          const mix = bestMix(plan, { method });
          for (const { id, cost } of pure) {
            if (id === 'serverless' && !lambdaAsMix) continue;
            expect(mix.monthlyCost).toBeLessThanOrEqual(cost);
          }
          expect(mix.savingsVsCheapestPure).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it('on small plans is the cheapest of every assignment, and --assign of it costs the same', () => {
    fc.assert(
      fc.property(planArb(1, 3), (plan) => {
        fc.pre(completePure(plan).length > 0);
        const mix = bestMix(plan);
        expect(mix.search.method).toBe('exact');
        expect(mix.monthlyCost).toBe(exhaustive(plan));
        expect(evaluateMix(plan, mix.assignment).monthlyCost).toBe(mix.monthlyCost);
        for (const r of mix.reasons)
          if (r.difference !== null) expect(r.difference).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS, seed: 12 },
    );
  });

  it('a given assignment of the heuristic’s mix costs what the heuristic said, and the search is deterministic', () => {
    fc.assert(
      fc.property(planArb(4, 9), (plan) => {
        fc.pre(completePure(plan).length > 0);
        const mix = bestMix(plan, { method: 'heuristic' });
        expect(evaluateMix(plan, mix.assignment).monthlyCost).toBe(mix.monthlyCost);
        // A pure function of the plan: the same result from a fresh evaluator.
        expect(bestMix(plan, { method: 'heuristic' })).toEqual(mix);
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: 13 },
    );
  });

  it('prices a sub-plan’s one strategy as evaluate reports it (Evaluator.strategy, which the mix uses)', () => {
    fc.assert(
      fc.property(planArb(1, 4), (plan) => {
        const ev = createEvaluator();
        const report = evaluate(plan);
        for (const id of STRATEGY_IDS) {
          expect(ev.strategy(plan, id)).toEqual(report.strategies.find((r) => r.id === id));
        }
        // A sub-plan sharing Service objects with the plan already priced: the evaluator keeps their parts.
        const sub = { ...plan, services: plan.services.slice(1) };
        for (const id of STRATEGY_IDS) {
          expect(ev.strategy(sub, id)).toEqual(evaluate(sub).strategies.find((r) => r.id === id));
        }
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });

  it('puts no stateful service on Lambda, and counts a cluster’s control plane once', () => {
    const services = [
      testService({ name: 'db', trafficRps: flat(50), stateful: true }),
      ...Array.from({ length: 4 }, (_, i) => testService({ name: `api${i}`, trafficRps: flat(80) })),
      testService({ name: 'cron', trafficRps: flat(0.01) }),
    ];
    const plan = testPlan(catalog, services);
    const mix = bestMix(plan);
    expect(mix.assignment.db).not.toBe('serverless');
    for (const part of mix.parts) {
      const lines = mix.lineItems.filter(
        (l) => l.strategy === part.strategy && /control plane/i.test(l.component),
      );
      expect(lines.length).toBeLessThanOrEqual(1);
    }
    // Lines labelled by strategy add up to the mix.
    const total = mix.lineItems.reduce((t, l) => t + l.cost, 0);
    expect(total).toBeCloseTo(mix.monthlyCost, 2);
    expect(() => evaluateMix(plan, { db: 'serverless' })).toThrow(/cannot run db/);
  });

  it('uses a strategy that cannot be costed for the whole plan on the services it can run', () => {
    const big = { memoryMiB: 12000, container: { cpuMillicores: 500, memoryMiB: 12000 }, stateful: true };
    const plan = testPlan(
      catalog,
      [
        testService({ name: 'big', trafficRps: flat(50), ...big }),
        ...Array.from({ length: 5 }, (_, i) => testService({ name: `small${i}`, trafficRps: flat(20) })),
      ],
      {
        sharedHost: { instanceType: 'm6i.large' },
        containerCluster: { nodeType: 'm6i.large' },
        // Fargate (which would run them all for less) out of the race: EKS on Fargate has no arm64.
        serverlessContainers: { platform: 'eks', architecture: 'arm64' },
      },
    );
    const report = evaluate(plan);
    expect(report.strategies.find((r) => r.id === 'shared-host')!.cannotCost).toBeDefined();
    const mix = bestMix(plan);
    expect(mix.assignment.big).toBe('vm-per-service');
    expect(mix.parts.map((p) => p.strategy)).toContain('shared-host');
    expect(mix.monthlyCost).toBeLessThan(
      report.strategies.find((r) => r.id === 'vm-per-service')!.monthlyCost,
    );
    expect(() => evaluateMix(plan, { big: 'shared-host' })).toThrow(/cannot run big/);
  });

  it('prices a pure assignment as the engine prices that strategy', () => {
    const plan = testPlan(catalog, [
      testService({ name: 'a', trafficRps: flat(100) }),
      testService({ name: 'b', trafficRps: flat(5), stateful: true }),
    ]);
    const report = evaluate(plan);
    for (const id of ['shared-host', 'vm-per-service', 'container-cluster'] as const) {
      const r = report.strategies.find((s) => s.id === id)!;
      expect(evaluateMix(plan, { a: id, b: id }).monthlyCost).toBe(r.monthlyCost);
    }
    // Lambda with its fallback (no operations estimate, no NAT): the engine's complete total is the same mix.
    const withFallback = testPlan(catalog, plan.services, { serverless: { fallback: 'vmPerService' } });
    const lambda = evaluate(withFallback).strategies.find((s) => s.id === 'serverless')!;
    const mix = evaluateMix(withFallback, { a: 'serverless', b: 'vm-per-service' });
    expect(mix.monthlyCost).toBe(lambda.monthlyCost);
  });

  it('names what it cannot do: an unknown service or strategy, a plan without services', () => {
    const plan = testPlan(catalog, [testService({ name: 'a' })]);
    expect(() => evaluateMix(plan, { nope: 'serverless' })).toThrow(/no service named "nope"/);
    expect(() => evaluateMix(plan, { a: 'mainframe' })).toThrow(/"mainframe" is not a strategy/);
    expect(() => bestMix(testPlan(catalog, []))).toThrow(/no services/);
  });

  it('explains each service: on containers, $X less than on its next-best strategy', () => {
    const plan = testPlan(catalog, [
      testService({ name: 'kitchen', trafficRps: flat(200), cpuMsPerRequest: 20 }),
      testService({ name: 'menu', trafficRps: flat(150), cpuMsPerRequest: 15 }),
      testService({ name: 'webhook', trafficRps: flat(0.01) }),
    ]);
    const mix = bestMix(plan);
    const kitchen = mix.reasons.find((r) => r.service === 'kitchen')!;
    expect(kitchen.exact).toBe(true);
    expect(kitchen.text).toMatch(/^kitchen on [a-zA-Z ]+: \$[\d.]+ a month less than on [a-zA-Z ]+$/);
    // The difference is the engine's price of the mix with kitchen moved.
    const movedMix = evaluateMix(plan, { ...mix.assignment, kitchen: kitchen.alternative! });
    expect(movedMix.monthlyCost - mix.monthlyCost).toBeCloseTo(kitchen.difference!, 2);
  });
});
