// Invariants of the engine, checked on generated plans (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate } from './engine.ts';
import { fallbackStrategy, lambdaIneligible } from './fallback.ts';
import { toCents } from './money.ts';
import { planProblems } from './problems.ts';
import { COMPONENTS_OFF } from './defaults.ts';
import { testPlan, testService, type Components } from './testing.ts';
import type { Catalog, Plan, Service, StrategyId } from './types.ts';
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
        discount: s.discount,
      },
      containerCluster: {
        nodeType: s.nodeType,
        reservation: s.reservation,
        targetUtilization: s.nodeUtil,
        overprovisioning: s.overprovisioning,
        scaling: s.nodeScaling,
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
    s.components,
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

const cost = (plan: Plan, id: StrategyId) => evaluate(plan).strategies.find((s) => s.id === id)!;

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
        expect(shared.hosts).toBeLessThanOrEqual(Math.max(plan.strategies.sharedHost.minHosts, own));
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
        // and functions in the VPC already pay its NAT gateways.
        const alone = cost(
          {
            ...plan,
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
});
