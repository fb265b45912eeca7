// Invariants of the engine, checked on generated plans (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { COMPONENTS_OFF } from './defaults.ts';
import { createEvaluator, evaluate } from './engine.ts';
import { fallbackStrategy, lambdaIneligible } from './fallback.ts';
import { toCents } from './money.ts';
import { planProblems } from './problems.ts';
import { costsOnly, prepare } from './prepare.ts';
import { serviceUsage } from './serverless.ts';
import { fleetWithFloor } from './zones.ts';
import { testPlan, testService, type Components } from './testing.ts';
import type { Catalog, Plan, Resilience, Service, StrategyId, StrategyReport } from './types.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';

const catalog: Catalog = structuredClone(awsUsEast1);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/**
 * A figure a person could type: a decimal with at most `places` digits after the point. Raw doubles include
 * subnormals (5e-324 CPU-ms), where rps × CPU-ms underflows to exactly 0 before scaling and not after: zero demand
 * becoming positive under ×1.5 is float underflow, not the model (any positive demand needs an instance, issue 10
 * §7.1, so such a plan gains a pod — and a placeholder — out of nothing).
 */
function decimal(min: number, max: number, places: number): fc.Arbitrary<number> {
  const scale = 10 ** places;
  return fc.integer({ min: Math.round(min * scale), max: Math.round(max * scale) }).map((n) => n / scale);
}

const rps = decimal(0, 400, 6);
const curve = fc.oneof(
  fc.array(rps, { minLength: 24, maxLength: 24 }),
  fc.array(rps, { minLength: 168, maxLength: 168 }),
);

const serviceArb = fc
  .record({
    trafficRps: curve,
    cpuMsPerRequest: decimal(0, 40, 6),
    durationMs: fc.double({ min: 1, max: 3000, noNaN: true }),
    memoryMiB: fc.integer({ min: 64, max: 6144 }),
    minInstances: fc.integer({ min: 0, max: 3 }),
    stateful: fc.boolean(),
    growthPerMonth: fc.double({ min: -0.5, max: 1, noNaN: true }),
    podCpu: fc.integer({ min: 50, max: 2000 }),
    arch: fc.constantFrom('x86_64' as const, 'arm64' as const),
    pc: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
    autoMemory: fc.boolean(),
  })
  .map((r): Omit<Service, 'name'> =>
    testService({
      trafficRps: r.trafficRps,
      cpuMsPerRequest: r.cpuMsPerRequest,
      durationMs: r.durationMs,
      memoryMiB: r.memoryMiB,
      minInstances: r.minInstances,
      stateful: r.stateful,
      growthPerMonth: r.growthPerMonth,
      container: { cpuMillicores: r.podCpu, memoryMiB: Math.min(r.memoryMiB, 4096) },
      serverless: {
        architecture: r.arch,
        provisionedConcurrency: r.pc,
        ...(r.autoMemory ? { memoryMiB: 'auto' as const } : {}),
      },
    }),
  );

/** The components around compute (issue 10 §2, §4), each on or off. */
function componentsArb(): fc.Arbitrary<Components> {
  return fc.record({
    frontDoor: fc.record({
      kind: fc.constantFrom('none' as const, 'alb' as const, 'nlb' as const),
      perService: fc.boolean(),
      rules: fc.integer({ min: 0, max: 100 }),
      bytesPerRequest: fc.integer({ min: 0, max: 200_000 }),
      requestsPerConnection: decimal(0.5, 100, 2),
      connectionSeconds: decimal(0.5, 600, 1),
    }),
    storage: fc.record({
      rootVolumeGiB: fc.oneof(fc.constant(0), decimal(1, 500, 1)),
      type: fc.constantFrom('gp3' as const, 'gp2' as const),
    }),
    network: fc.record({ natGateways: fc.integer({ min: 0, max: 3 }), natGBPerMonth: decimal(0, 5000, 2) }),
    logs: fc.record({ bytesPerRequest: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })) }),
    operations: fc.record({
      hourlyRate: fc.oneof(fc.constant(0), decimal(1, 200, 2)),
      hoursPerMonth: fc.record({
        sharedHost: decimal(0, 100, 1),
        vmPerService: decimal(0, 100, 1),
        containerCluster: decimal(0, 100, 1),
        serverless: decimal(0, 100, 1),
        serverlessContainers: decimal(0, 100, 1),
      }),
    }),
  });
}

const settingsArb = fc.record({
  hostType: fc.constantFrom('m6i.2xlarge', 'r6i.2xlarge', 'm6i.4xlarge'),
  hostUtil: fc.double({ min: 0.1, max: 1, noNaN: true }),
  minHosts: fc.integer({ min: 1, max: 4 }),
  vmType: fc.constantFrom('auto', 'm6i.2xlarge', 'r6i.2xlarge'),
  vmUtil: fc.double({ min: 0.1, max: 1, noNaN: true }),
  vmScaling: fc.constantFrom('static' as const, 'hourly' as const),
  nodeType: fc.constantFrom('m6i.xlarge', 'm6i.2xlarge', 'r6i.xlarge', 'm7g.2xlarge'),
  reservation: fc.constantFrom('eks' as const, 'gke' as const, 'aks' as const, 'none' as const),
  nodeUtil: fc.double({ min: 0.1, max: 1, noNaN: true }),
  overprovisioning: decimal(0, 1, 4),
  nodeScaling: fc.constantFrom('static' as const, 'hourly' as const),
  discount: fc.double({ min: 0, max: 0.9, noNaN: true }),
  freeTier: fc.boolean(),
  apiGateway: fc.constantFrom('none' as const, 'http' as const, 'rest' as const, 'alb' as const),
  inVpc: fc.boolean(),
  components: fc.oneof(fc.constant({}), componentsArb()),
  fallback: fc.constantFrom(
    'none' as const,
    'vmPerService' as const,
    'containerCluster' as const,
    'sharedHost' as const,
  ),
  // Issue 10 §3, §5: zones (surviving the loss of one needs two or more) and hours sized ahead.
  zones: fc.integer({ min: 1, max: 4 }),
  survive: fc.boolean(),
  vmAhead: fc.integer({ min: 0, max: 3 }),
  nodeAhead: fc.integer({ min: 0, max: 3 }),
});

const planArb = fc
  .tuple(
    fc.array(serviceArb, { minLength: 1, maxLength: 6 }),
    settingsArb,
    fc.double({ min: 1, max: 800, noNaN: true }),
  )
  .map(([services, s, hours]) => buildPlan(services, s, hours));

type Settings = typeof settingsArb extends fc.Arbitrary<infer T> ? T : never;

function buildPlan(services: Omit<Service, 'name'>[], s: Settings, hours: number): Plan {
  return testPlan(
    catalog,
    services.map((x, i) => ({ ...x, name: `s${i}` })),
    {
      sharedHost: {
        instanceType: s.hostType,
        targetUtilization: s.hostUtil,
        minHosts: s.minHosts,
        discount: s.discount,
      },
      vmPerService: {
        instanceType: s.vmType,
        targetUtilization: s.vmUtil,
        scaling: s.vmScaling,
        scaleAheadHours: s.vmAhead,
        discount: s.discount,
      },
      containerCluster: {
        nodeType: s.nodeType,
        reservation: s.reservation,
        targetUtilization: s.nodeUtil,
        overprovisioning: s.overprovisioning,
        scaling: s.nodeScaling,
        scaleAheadHours: s.nodeAhead,
        discount: s.discount,
      },
      serverless: {
        freeTier: s.freeTier,
        apiGateway: s.apiGateway,
        inVpc: s.inVpc,
        fallback: s.fallback,
        discount: s.discount,
      },
    },
    hours,
    { ...s.components, resilience: { zones: s.zones, surviveZoneLoss: s.survive && s.zones >= 2 } },
  );
}

function scaled(plan: Plan, f: number): Plan {
  return {
    ...plan,
    services: plan.services.map((s) => ({ ...s, trafficRps: s.trafficRps.map((r) => r * f) })),
  };
}

/**
 * The plan with one duration price per architecture (the first tier's): a plan whose total crosses a tier boundary
 * is rightly cheaper than its services priced alone, so additivity holds only without tiers.
 */
function withoutTiers(plan: Plan): Plan {
  const gbSecond = plan.catalog.serverless.gbSecond;
  const flatTier = (tiers: (typeof gbSecond)['x86_64']) => [{ upTo: null, price: tiers[0]!.price }];
  const serverless = {
    ...plan.catalog.serverless,
    gbSecond: { x86_64: flatTier(gbSecond.x86_64), arm64: flatTier(gbSecond.arm64) },
  };
  return { ...plan, catalog: { ...plan.catalog, serverless } };
}

/**
 * The plan with the serverless free tier and API Gateway off, and the components that are a fixed amount a month
 * (a load balancer's fee, NAT, operations, root volumes priced per month, the free log GB) off: the parts of pricing
 * that are neither linear in traffic nor in hours.
 */
function withoutFreeTierOrApiGateway(plan: Plan): Plan {
  const serverless = { ...plan.strategies.serverless, freeTier: false, apiGateway: 'none' as const };
  const logs = plan.catalog.logs && { ...plan.catalog.logs, freeGBPerMonth: 0 };
  return {
    ...plan,
    catalog: { ...plan.catalog, logs },
    strategies: { ...plan.strategies, serverless },
    network: COMPONENTS_OFF.network,
    operations: COMPONENTS_OFF.operations,
    storage: COMPONENTS_OFF.storage,
    frontDoor: COMPONENTS_OFF.frontDoor,
  };
}

/** The plan with Lambda's fallback off: the services it cannot run are left out of its total. */
function withoutFallback(plan: Plan): Plan {
  const serverless = { ...plan.strategies.serverless, fallback: 'none' as const };
  return { ...plan, strategies: { ...plan.strategies, serverless } };
}

/** The plan on other zones (a new resilience object, as an edit makes). */
function onZones(plan: Plan, resilience: Resilience): Plan {
  return { ...plan, resilience };
}

/** The plan with VMs and containers sized `vm` and `node` hours ahead (new settings objects, as an edit makes). */
function ahead(plan: Plan, vm: number, node: number): Plan {
  const st = plan.strategies;
  return {
    ...plan,
    strategies: {
      ...st,
      vmPerService: { ...st.vmPerService, scaleAheadHours: vm },
      containerCluster: { ...st.containerCluster, scaleAheadHours: node },
    },
  };
}

/**
 * What a cost property compares for a strategy: its monthly cost, less, for the cluster, the overprovisioning
 * headroom. The headroom's placeholders are the size of the average pod, so a change in the mix of pods (spreading
 * small services over zones, sizing some services ahead) can shrink them and the nodes they take, whatever the zones
 * do (docs/cost-model.md "Zones").
 */
function comparable(s: StrategyReport): number {
  return s.id === 'container-cluster' ? s.monthlyCost - (s.capacity.headroomMonthlyCost ?? 0) : s.monthlyCost;
}

/**
 * What first-fit decreasing may give back when pods are added: it is not monotone, so in rare cases more pods pack on
 * one node fewer (the cluster keeps the one-pool packing as a floor for its zones, which removes the common case).
 * One node for the whole period; 0 for every other strategy, whose counts are monotone.
 */
function packingSlack(plan: Plan, id: StrategyId): number {
  if (id !== 'container-cluster') return 0;
  const st = plan.strategies.containerCluster;
  const node = plan.catalog.instanceTypes.find((t) => t.name === st.nodeType)!;
  return node.hourly * (1 - st.discount) * plan.hoursPerMonth + 0.01;
}

/** Each line is rounded to the cent: moving the same hours between lines shifts a total by half a cent per line. */
const rounding = (a: { lineItems: unknown[] }, b: { lineItems: unknown[] }) =>
  0.005 * (a.lineItems.length + b.lineItems.length);

const cost = (plan: Plan, id: StrategyId) => evaluate(plan).strategies.find((s) => s.id === id)!;

/** What Evaluator.costs gives, read off `evaluate`'s report: each strategy's cost and completeness, the cheapest. */
function costFigures(plan: Plan) {
  const r = evaluate(plan);
  return {
    strategies: r.strategies.map((s) => ({
      id: s.id,
      monthlyCost: s.cannotCost === undefined ? s.monthlyCost : null,
      complete: s.services.every((c) => c.included),
    })),
    cheapest: r.cheapest,
  };
}

describe('engine invariants', CPU_BOUND, () => {
  it('generated plans are valid for the engine', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        expect(planProblems(plan)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('every figure is finite; costs are >= 0; line items and services add up to monthlyCost', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const r = evaluate(plan);
        expect(JSON.stringify(r)).not.toMatch(/null,null|NaN|Infinity/);
        for (const s of r.strategies) {
          expect(Number.isFinite(s.monthlyCost) && s.monthlyCost >= 0).toBe(true);
          const lines = s.lineItems.reduce((a, l) => a + toCents(l.cost), 0);
          expect(toCents(s.monthlyCost)).toBe(lines);
          for (const l of s.lineItems) {
            expect(l.cost).toBeGreaterThanOrEqual(0);
            expect(Number.isFinite(l.quantity) && Number.isFinite(l.unitPrice)).toBe(true);
            expect(toCents(l.cost)).toBe(toCents(l.quantity * l.unitPrice));
          }
          expect(s.services.reduce((a, x) => a + toCents(x.cost), 0)).toBe(toCents(s.monthlyCost));
          for (const v of Object.values(s.capacity)) expect(Number.isFinite(v)).toBe(true);
          for (const v of [...s.week.demand, ...s.week.capacity, ...s.week.units])
            expect(Number.isFinite(v)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('more traffic never lowers a strategy’s cost or capacity', () => {
    fc.assert(
      fc.property(planArb, fc.double({ min: 1, max: 4, noNaN: true }), (plan, f) => {
        const a = evaluate(plan);
        const b = evaluate(scaled(plan, f));
        a.strategies.forEach((s, i) => {
          const t = b.strategies[i]!;
          // Each line is rounded to the cent, so moving the same node-hours between two lines (workload and
          // headroom) can shift the total by half a cent per line, either way.
          const rounding = 0.005 * (s.lineItems.length + t.lineItems.length);
          expect(t.monthlyCost).toBeGreaterThanOrEqual(s.monthlyCost - rounding);
          // With "auto" types, more traffic can make fewer, larger VMs the cheapest: the cost still rises, the
          // count need not (5 × m5.large → 3 × c6i.xlarge), so VM counts are compared only for a fixed type.
          const autoVm = s.id === 'vm-per-service' && plan.strategies.vmPerService.instanceType === 'auto';
          for (const k of ['hosts', 'instanceHours', 'nodeHours', 'peakNodes', 'requests', 'gbSeconds']) {
            if (autoVm && k === 'instanceHours') continue;
            if (k in s.capacity) expect(t.capacity[k]).toBeGreaterThanOrEqual(s.capacity[k]! - 1e-6);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('a shared pool never needs more hosts than the services would on pools of their own', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const shared = cost(plan, 'shared-host').capacity;
        const own = plan.services.reduce((sum, s) => {
          const solo = cost({ ...plan, services: [s] }, 'shared-host').capacity;
          return sum + Math.max(solo.hostsForCpu!, solo.hostsForMemory!);
        }, 0);
        expect(Math.max(shared.hostsForCpu!, shared.hostsForMemory!)).toBeLessThanOrEqual(own);
        // On zones, the pool is the fleet that spreads (and survives): the bound is that same fleet for `own`.
        expect(shared.hosts).toBeLessThanOrEqual(
          fleetWithFloor(own, plan.strategies.sharedHost.minHosts, plan.resilience),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('Lambda with a fallback costs Lambda on the services it runs plus the fallback strategy on the rest alone', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const id = fallbackStrategy(plan.strategies.serverless.fallback);
        const rest = lambdaIneligible(plan);
        const whole = cost(plan, 'serverless');
        if (id === null || rest.length === 0) {
          expect(whole.name).toBe('Serverless (Lambda)');
          return;
        }
        const eligible = cost(
          { ...plan, services: plan.services.filter((s) => !rest.includes(s.name)) },
          'serverless',
        );
        // The fallback's own plan (fallback.ts subPlan): the operations estimate stays with the strategy as a whole,
        // functions in the VPC already pay its NAT gateways, and the account's free log GB are what Lambda left.
        const logs = plan.catalog.logs;
        const usedFree = eligible.lineItems
          .filter((l) => l.component.startsWith('Log ingestion') && l.component.endsWith('(free tier)'))
          .reduce((a, l) => a + l.quantity, 0);
        const alone = cost(
          {
            ...plan,
            catalog: logs
              ? {
                  ...plan.catalog,
                  logs: { ...logs, freeGBPerMonth: Math.max(0, logs.freeGBPerMonth - usedFree) },
                }
              : plan.catalog,
            services: plan.services.filter((s) => rest.includes(s.name)),
            operations: COMPONENTS_OFF.operations,
            network: plan.strategies.serverless.inVpc ? COMPONENTS_OFF.network : plan.network,
          },
          id,
        );
        if (alone.cannotCost) {
          expect(whole.cannotCost).toBeDefined();
          return;
        }
        expect(whole.cannotCost).toBeUndefined();
        expect(toCents(whole.monthlyCost)).toBe(toCents(eligible.monthlyCost) + toCents(alone.monthlyCost));
        expect(whole.services.every((s) => s.included)).toBe(true);
        for (const s of whole.services.filter((x) => rest.includes(x.service))) {
          expect(s.via).toBe(id);
          expect(s.cost).toBe(alone.services.find((x) => x.service === s.service)!.cost);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('serverless cost is additive across services, apart from tiers and the free tier', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const p = withoutTiers(withoutFreeTierOrApiGateway(withoutFallback(plan)));
        const whole = cost(p, 'serverless');
        const parts = p.services.map((s) => cost({ ...p, services: [s] }, 'serverless'));
        const sum = parts.reduce((a, s) => a + toCents(s.monthlyCost), 0);
        // Only per-line rounding differs (at most half a cent per line, each side).
        const lines = whole.lineItems.length + parts.reduce((a, s) => a + s.lineItems.length, 0);
        expect(Math.abs(toCents(whole.monthlyCost) - sum)).toBeLessThanOrEqual(lines);
      }),
      { numRuns: RUNS },
    );
  });

  it('doubling hoursPerMonth doubles every time-based cost', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const p = withoutFreeTierOrApiGateway(plan);
        const a = evaluate(p);
        const b = evaluate({ ...p, hoursPerMonth: p.hoursPerMonth * 2 });
        a.strategies.forEach((s, i) => {
          const t = b.strategies[i]!;
          // Price tiers are the one non-linear part: compare only when doubling stays inside the first tier.
          if (
            t.lineItems.some(
              (l) => /\((?!first|free)[^)]*\)$/.test(l.component) && l.component.startsWith('Duration'),
            )
          )
            return;
          expect(Math.abs(toCents(t.monthlyCost) - 2 * toCents(s.monthlyCost)), s.id).toBeLessThanOrEqual(
            2 * (s.lineItems.length + t.lineItems.length),
          );
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('more zones never cost less than one; surviving the loss of one never costs less than not', () => {
    // More zones, one per fleet member at least: never fewer members than on fewer zones (a fleet's count rises with
    // the zones), except the cluster's nodes, which every zone packs for its own share of the pods: 12 pods of 4 per
    // node are 2 nodes in each of 2 zones (4) but 1 in each of 3 (3). Surviving a zone loss is cheaper on more zones
    // (need 4: 8 members over 2 zones, 6 over 3), so only "surviving never costs less than not" is a property.
    fc.assert(
      fc.property(planArb, fc.integer({ min: 2, max: 4 }), (generated, zones) => {
        // Lambda alone (multi-zone by design) is unchanged; a fallback strategy in its total follows the zones as that
        // strategy does, which the fallback property covers (Lambda + fallback = Lambda + the fallback alone).
        const plan = withoutFallback(generated);
        const one = evaluate(onZones(plan, { zones: 1, surviveZoneLoss: false }));
        const spread = evaluate(onZones(plan, { zones, surviveZoneLoss: false }));
        const more = evaluate(onZones(plan, { zones: zones + 1, surviveZoneLoss: false }));
        const survive = evaluate(onZones(plan, { zones, surviveZoneLoss: true }));
        one.strategies.forEach((a, i) => {
          const b = spread.strategies[i]!;
          const c = survive.strategies[i]!;
          const d = more.strategies[i]!;
          const slack = packingSlack(plan, a.id);
          expect(comparable(b), a.id).toBeGreaterThanOrEqual(comparable(a) - rounding(a, b) - slack);
          expect(comparable(c), a.id).toBeGreaterThanOrEqual(comparable(b) - rounding(b, c) - slack);
          if (a.id !== 'container-cluster')
            expect(d.monthlyCost, a.id).toBeGreaterThanOrEqual(b.monthlyCost - rounding(b, d));
          if (a.id === 'serverless') expect(b).toEqual(a);
        });
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('sizing ahead never costs less', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 0, max: 2 }), (plan, k) => {
        const a = evaluate(ahead(plan, k, k));
        const b = evaluate(ahead(plan, k + 1, k + 1));
        a.strategies.forEach((s, i) => {
          const t = b.strategies[i]!;
          expect(comparable(t), s.id).toBeGreaterThanOrEqual(
            comparable(s) - rounding(s, t) - packingSlack(plan, s.id),
          );
        });
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('the incremental evaluator gives the report of evaluate as zones and hours ahead change', () => {
    // The evaluator keeps each service's parts between evaluations, keyed by what they read: a setting missing from a
    // part's deps would return the part of the plan before the edit.
    const edit = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean()).map(
        ([zones, survive]) =>
          (p: Plan) =>
            onZones(p, { zones, surviveZoneLoss: survive && zones >= 2 }),
      ),
      fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })).map(
        ([vm, node]) =>
          (p: Plan) =>
            ahead(p, vm, node),
      ),
      fc.constantFrom('static' as const, 'hourly' as const).map((scaling) => (p: Plan) => ({
        ...p,
        strategies: {
          ...p.strategies,
          vmPerService: { ...p.strategies.vmPerService, scaling },
          containerCluster: { ...p.strategies.containerCluster, scaling },
        },
      })),
    );
    fc.assert(
      fc.property(planArb, fc.array(edit, { minLength: 1, maxLength: 5 }), (start, edits) => {
        const evaluator = createEvaluator();
        let plan = start;
        expect(evaluator.evaluate(plan)).toEqual(evaluate(plan));
        for (const e of edits) {
          plan = e(plan);
          expect(evaluator.evaluate(plan)).toEqual(evaluate(plan));
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('Evaluator.costs gives evaluate’s monthly costs, completeness and cheapest, whatever it keeps', () => {
    // Costs only (what a simulation reads) are made by the strategies' own code with the report's other figures left
    // out: interleaved with evaluations, on plans whose services are partly new objects (a simulation's samples).
    fc.assert(
      fc.property(
        planArb,
        fc.array(fc.tuple(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (start, draws) => {
          const evaluator = createEvaluator();
          const typical = new Set(start.services);
          const keep = (s: Service) => typical.has(s);
          expect(evaluator.costs(start, keep)).toEqual(costFigures(start));
          for (const [f, mask] of draws) {
            // Some services drawn anew (scaled), the others the plan's own objects.
            const plan = {
              ...start,
              services: start.services.map((s, i) =>
                (mask >> (i % 3)) & 1 ? s : { ...s, trafficRps: s.trafficRps.map((x) => x * f) },
              ),
            };
            expect(evaluator.costs(plan, keep)).toEqual(costFigures(plan));
            expect(evaluator.costs(plan)).toEqual(costFigures(plan));
            expect(evaluator.evaluate(plan)).toEqual(evaluate(plan));
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('Evaluator.costs with a traffic factor gives the figures of the plan with those curves scaled', () => {
    // A simulation hands each drawn traffic factor to the engine instead of a scaled copy of the curve: the same
    // figures as the plan whose curves are × the factor, including when every service is the plan's own object (the
    // last evaluation's report must not be handed back for it), interleaved with evaluations.
    fc.assert(
      fc.property(
        planArb,
        fc.array(fc.tuple(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (start, draws) => {
          const evaluator = createEvaluator();
          const typical = new Set(start.services);
          evaluator.evaluate(start);
          for (const [f, mask] of draws) {
            const factors = new Map<Service, number>();
            start.services.forEach((s, i) => {
              if ((mask >> (i % 3)) & 1) factors.set(s, f * (1 + i / 10));
            });
            const scaled: Plan = {
              ...start,
              services: start.services.map((s) => {
                const k = factors.get(s);
                return k === undefined ? s : { ...s, trafficRps: s.trafficRps.map((x) => x * k) };
              }),
            };
            const keep = (s: Service) => typical.has(s) && !factors.has(s);
            expect(evaluator.costs(start, keep, (s) => factors.get(s) ?? 1)).toEqual(costFigures(scaled));
            expect(evaluator.evaluate(start)).toEqual(evaluate(start));
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('Lambda’s requests under costs only are its loop’s, to the bit (the prepared week’s requestsWeek)', () => {
    // Costs only reads the week's requests off the prepared week instead of adding them up hour by hour: the same
    // sum in the same order, whatever the traffic factor (a drawn sample's) and curve.
    fc.assert(
      fc.property(planArb, fc.double({ min: 0.2, max: 5, noNaN: true }), (plan, f) => {
        const p = prepare(plan, () => f);
        for (const s of p.services) {
          let byHour = 0;
          for (const r of s.rps) byHour += r * 3600;
          expect(s.requestsWeek).toBe(byHour);
          const full = serviceUsage(s, p.hoursPerMonth, plan.catalog);
          const only = costsOnly(() => serviceUsage(s, p.hoursPerMonth, plan.catalog));
          expect(only.requests).toBe(full.requests);
          expect(only.onDemandGbSeconds).toBe(full.onDemandGbSeconds);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('Evaluator.costs gives evaluate’s figures with latency targets too (what costs only skips never moves a line)', () => {
    // Costs only skips the latency sizing a report shows, zone notes and the weeks; the instances a latency target
    // asks for are cost. Every other service gets a target here, with and without zones.
    fc.assert(
      fc.property(
        planArb,
        fc.double({ min: 1, max: 60_000, noNaN: true }),
        fc.constantFrom(0.5, 0.8, 0.95, 0.99),
        fc.integer({ min: 1, max: 8 }),
        (start, targetWaitMs, percentile, concurrencyPerInstance) => {
          const plan: Plan = {
            ...start,
            services: start.services.map((s, i) =>
              i % 2 === 0 ? { ...s, latency: { targetWaitMs, percentile, concurrencyPerInstance } } : s,
            ),
          };
          expect(createEvaluator().costs(plan)).toEqual(costFigures(plan));
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
