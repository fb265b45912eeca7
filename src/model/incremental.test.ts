// The incremental evaluator (createEvaluator) against the reference (evaluate, forecast): after any sequence of edits
// made as the app makes them (a changed object replaces the old one; untouched services stay the same objects), its
// report and forecast deep-equal a full evaluation of the same plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';
import { createEvaluator, evaluate, forecast } from './engine.ts';
import { testPlan, testService, type Components } from './testing.ts';
import type { Catalog, Plan, Service, StrategySettings } from './types.ts';

const catalog: Catalog = structuredClone(awsUsEast1);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

const rps = fc.double({ min: 0, max: 400, noNaN: true });
const curve = fc.oneof(
  fc.array(rps, { minLength: 24, maxLength: 24 }),
  fc.array(rps, { minLength: 168, maxLength: 168 }),
);

const serviceArb = fc
  .record({
    trafficRps: curve,
    cpuMsPerRequest: fc.double({ min: 0, max: 40, noNaN: true }),
    durationMs: fc.double({ min: 1, max: 3000, noNaN: true }),
    memoryMiB: fc.integer({ min: 64, max: 6144 }),
    minInstances: fc.integer({ min: 0, max: 3 }),
    stateful: fc.boolean(),
    // Growth 0 is common (the default) and takes the forecast's shortcut for services that do not grow.
    growthPerMonth: fc.oneof(fc.constant(0), fc.double({ min: -0.5, max: 1, noNaN: true })),
    podCpu: fc.integer({ min: 50, max: 2000 }),
    vmType: fc.constantFrom(null, 'm6i.2xlarge', 'r6i.2xlarge'),
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
      vmInstanceType: r.vmType,
      container: { cpuMillicores: r.podCpu, memoryMiB: Math.min(r.memoryMiB, 4096) },
      serverless: {
        architecture: r.arch,
        provisionedConcurrency: r.pc,
        ...(r.autoMemory ? { memoryMiB: 'auto' as const } : {}),
      },
    }),
  );

/** One strategy setting changed (a new settings object, as an edit makes). */
const settingEdit = fc.oneof(
  fc
    .record({
      instanceType: fc.constantFrom('m6i.2xlarge', 'r6i.2xlarge', 'm6i.4xlarge'),
      targetUtilization: fc.double({ min: 0.1, max: 1, noNaN: true }),
      minHosts: fc.integer({ min: 1, max: 4 }),
      discount: fc.double({ min: 0, max: 0.9, noNaN: true }),
    })
    .map((v) => ({ sharedHost: v })),
  fc
    .record({
      instanceType: fc.constantFrom('auto', 'm6i.2xlarge', 'r6i.2xlarge'),
      targetUtilization: fc.double({ min: 0.1, max: 1, noNaN: true }),
      scaling: fc.constantFrom('static' as const, 'hourly' as const),
      discount: fc.double({ min: 0, max: 0.9, noNaN: true }),
    })
    .map((v) => ({ vmPerService: v })),
  fc
    .record({
      nodeType: fc.constantFrom('m6i.xlarge', 'm6i.2xlarge', 'r6i.xlarge', 'm7g.2xlarge'),
      reservation: fc.constantFrom('eks' as const, 'gke' as const, 'aks' as const, 'none' as const),
      targetUtilization: fc.double({ min: 0.1, max: 1, noNaN: true }),
      overprovisioning: fc.double({ min: 0, max: 1, noNaN: true }),
      scaling: fc.constantFrom('static' as const, 'hourly' as const),
      discount: fc.double({ min: 0, max: 0.9, noNaN: true }),
    })
    .map((v) => ({ containerCluster: v })),
  fc
    .record({
      freeTier: fc.boolean(),
      apiGateway: fc.constantFrom('none' as const, 'http' as const, 'rest' as const, 'alb' as const),
      inVpc: fc.boolean(),
      fallback: fc.constantFrom(
        'none' as const,
        'vmPerService' as const,
        'containerCluster' as const,
        'sharedHost' as const,
      ),
      discount: fc.double({ min: 0, max: 0.9, noNaN: true }),
    })
    .map((v) => ({ serverless: v })),
);

/** A change of one field of a service, by the service's position (taken modulo the number of services). */
const fieldEdit = fc.oneof(
  fc.record({ hour: fc.nat(167), value: rps }).map(({ hour, value }) => (s: Service): Service => ({
    ...s,
    trafficRps: s.trafficRps.map((v, h) => (h === hour % s.trafficRps.length ? value : v)),
  })),
  curve.map((trafficRps) => (s: Service): Service => ({ ...s, trafficRps })),
  fc
    .double({ min: 0, max: 40, noNaN: true })
    .map((cpuMsPerRequest) => (s: Service): Service => ({ ...s, cpuMsPerRequest })),
  fc
    .double({ min: 1, max: 3000, noNaN: true })
    .map((durationMs) => (s: Service): Service => ({ ...s, durationMs })),
  fc.integer({ min: 64, max: 4096 }).map((memoryMiB) => (s: Service): Service => ({ ...s, memoryMiB })),
  fc.integer({ min: 0, max: 3 }).map((minInstances) => (s: Service): Service => ({ ...s, minInstances })),
  fc.boolean().map((stateful) => (s: Service): Service => ({ ...s, stateful })),
  fc
    .oneof(fc.constant(0), fc.double({ min: -0.5, max: 1, noNaN: true }))
    .map((growthPerMonth) => (s: Service): Service => ({ ...s, growthPerMonth })),
  fc
    .constantFrom(null, 'm6i.2xlarge', 'r6i.2xlarge')
    .map((vmInstanceType) => (s: Service): Service => ({ ...s, vmInstanceType })),
  fc.integer({ min: 50, max: 2000 }).map((cpuMillicores) => (s: Service): Service => ({
    ...s,
    container: { ...s.container, cpuMillicores },
  })),
  fc.integer({ min: 0, max: 20 }).map((provisionedConcurrency) => (s: Service): Service => ({
    ...s,
    serverless: { ...s.serverless, provisionedConcurrency },
  })),
  fc
    .constantFrom('auto' as const, 128, 1769, 3008)
    .map((memoryMiB) => (s: Service): Service => ({ ...s, serverless: { ...s.serverless, memoryMiB } })),
);

/**
 * Some fields of one component around compute changed (issue 10 §2, §4), the others kept: a new object for the
 * component, as an edit makes. One field at a time too, so a memo that misses one dependency is caught.
 */
const partial = { requiredKeys: [] as never[] };
const componentEdit = fc.oneof(
  fc
    .record(
      {
        kind: fc.constantFrom('none' as const, 'alb' as const, 'nlb' as const),
        perService: fc.boolean(),
        rules: fc.integer({ min: 0, max: 100 }),
        bytesPerRequest: fc.integer({ min: 0, max: 200_000 }),
        requestsPerConnection: fc.double({ min: 0.5, max: 100, noNaN: true }),
        connectionSeconds: fc.double({ min: 0.5, max: 600, noNaN: true }),
      },
      partial,
    )
    .map((v) => (p: Plan): Components => ({ frontDoor: { ...p.frontDoor, ...v } })),
  fc
    .record(
      {
        rootVolumeGiB: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 500, noNaN: true })),
        type: fc.constantFrom('gp3' as const, 'gp2' as const),
      },
      partial,
    )
    .map((v) => (p: Plan): Components => ({ storage: { ...p.storage, ...v } })),
  fc
    .record(
      {
        natGateways: fc.integer({ min: 0, max: 3 }),
        natGBPerMonth: fc.double({ min: 0, max: 5000, noNaN: true }),
      },
      partial,
    )
    .map((v) => (p: Plan): Components => ({ network: { ...p.network, ...v } })),
  fc
    .oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 }))
    .map((bytesPerRequest) => (): Components => ({ logs: { bytesPerRequest } })),
  fc
    .record(
      {
        hourlyRate: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 200, noNaN: true })),
        hours: fc.record(
          {
            sharedHost: fc.double({ min: 0, max: 100, noNaN: true }),
            vmPerService: fc.double({ min: 0, max: 100, noNaN: true }),
            containerCluster: fc.double({ min: 0, max: 100, noNaN: true }),
            serverless: fc.double({ min: 0, max: 100, noNaN: true }),
          },
          partial,
        ),
      },
      partial,
    )
    .map(({ hourlyRate, hours }) => (p: Plan): Components => ({
      operations: {
        hourlyRate: hourlyRate ?? p.operations.hourlyRate,
        hoursPerMonth: { ...p.operations.hoursPerMonth, ...hours },
      },
    })),
);

type Edit =
  | { kind: 'field'; at: number; change: (s: Service) => Service }
  | { kind: 'add'; at: number; service: Omit<Service, 'name'> }
  | { kind: 'remove'; at: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'settings'; change: { [K in keyof StrategySettings]?: Partial<StrategySettings[K]> } }
  | { kind: 'catalog'; type: number; hourly: number }
  | { kind: 'hours'; hoursPerMonth: number }
  | { kind: 'components'; change: (plan: Plan) => Components }
  | { kind: 'same' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('field' as const), at: fc.nat(), change: fieldEdit }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), service: serviceArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settings' as const), change: settingEdit }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('catalog' as const),
      type: fc.nat(),
      hourly: fc.double({ min: 0.01, max: 5, noNaN: true }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('hours' as const),
      hoursPerMonth: fc.double({ min: 1, max: 800, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'same' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('components' as const), change: componentEdit }) },
);

let named = 0;
const withName = (s: Omit<Service, 'name'>): Service => ({ ...s, name: `s${named++}` });

/** The plan after one edit; every object the edit does not change is shared with the plan before it. */
function applyEdit(plan: Plan, e: Edit): Plan {
  const services = plan.services;
  const n = services.length;
  switch (e.kind) {
    case 'field': {
      if (n === 0) return plan;
      const at = e.at % n;
      return { ...plan, services: services.map((s, i) => (i === at ? { ...e.change(s), name: s.name } : s)) };
    }
    case 'add': {
      const next = services.slice();
      next.splice(e.at % (n + 1), 0, withName(e.service));
      return { ...plan, services: next };
    }
    case 'remove':
      return n === 0 ? plan : { ...plan, services: services.filter((_, i) => i !== e.at % n) };
    case 'move': {
      if (n === 0) return plan;
      const next = services.slice();
      const [moved] = next.splice(e.from % n, 1);
      next.splice(e.to % n, 0, moved!);
      return { ...plan, services: next };
    }
    case 'settings': {
      const st = plan.strategies;
      const c = e.change;
      return {
        ...plan,
        strategies: {
          sharedHost: c.sharedHost ? { ...st.sharedHost, ...c.sharedHost } : st.sharedHost,
          vmPerService: c.vmPerService ? { ...st.vmPerService, ...c.vmPerService } : st.vmPerService,
          containerCluster: c.containerCluster
            ? { ...st.containerCluster, ...c.containerCluster }
            : st.containerCluster,
          serverless: c.serverless ? { ...st.serverless, ...c.serverless } : st.serverless,
          serverlessContainers: c.serverlessContainers
            ? { ...st.serverlessContainers, ...c.serverlessContainers }
            : st.serverlessContainers,
        },
      };
    }
    case 'catalog': {
      const types = plan.catalog.instanceTypes;
      const at = e.type % types.length;
      const instanceTypes = types.map((t, i) => (i === at ? { ...t, hourly: e.hourly } : t));
      return { ...plan, catalog: { ...plan.catalog, instanceTypes } };
    }
    case 'hours':
      return { ...plan, hoursPerMonth: e.hoursPerMonth };
    case 'same':
      return { ...plan };
    case 'components':
      return { ...plan, ...e.change(plan) };
  }
}

const startArb = fc.array(serviceArb, { minLength: 0, maxLength: 6 });
/** The plan an edit sequence starts from: its components off (a version 1 file), or some of them on. */
const startComponents = fc.oneof(
  fc.constant((): Components => ({})),
  fc.array(componentEdit, { minLength: 1, maxLength: 5 }).map((edits) => (p: Plan): Components => {
    let plan = p;
    for (const e of edits) plan = { ...plan, ...e(plan) };
    const { frontDoor, storage, network, logs, operations } = plan;
    return { frontDoor, storage, network, logs, operations };
  }),
);

function startPlan(services: Omit<Service, 'name'>[], components: (p: Plan) => Components): Plan {
  const plan = testPlan(catalog, services.map(withName));
  return { ...plan, ...components(plan) };
}

describe('createEvaluator', CPU_BOUND, () => {
  it('gives the same report as evaluate after any sequence of edits', () => {
    fc.assert(
      fc.property(
        startArb,
        startComponents,
        fc.array(editArb, { minLength: 1, maxLength: 12 }),
        (start, components, edits) => {
          const evaluator = createEvaluator();
          let plan = startPlan(start, components);
          expect(evaluator.evaluate(plan)).toEqual(evaluate(plan));
          for (const e of edits) {
            plan = applyEdit(plan, e);
            expect(evaluator.evaluate(plan)).toEqual(evaluate(plan));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives the same forecast as forecast, before and after the report, after any sequence of edits', () => {
    fc.assert(
      fc.property(
        startArb,
        startComponents,
        fc.array(fc.tuple(editArb, fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 14 }),
        (start, components, edits, months) => {
          const evaluator = createEvaluator();
          const options = { months, start: '2027-01' };
          let plan = startPlan(start, components);
          for (const [e, reportFirst] of edits) {
            plan = applyEdit(plan, e);
            // The app evaluates the report first and the forecast after it; either order must give the same figures.
            if (reportFirst) expect(evaluator.evaluate(plan)).toEqual(evaluate(plan));
            expect(evaluator.forecast(plan, options)).toEqual(forecast(plan, options));
            expect(evaluator.evaluate(plan)).toEqual(evaluate(plan));
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('follows a change of any one field of a component around compute (every memo dependency is declared)', () => {
    const on: Components = {
      frontDoor: {
        kind: 'alb',
        perService: true,
        rules: 20,
        bytesPerRequest: 20_000,
        requestsPerConnection: 2,
        connectionSeconds: 30,
      },
      storage: { rootVolumeGiB: 20, type: 'gp3' },
      network: { natGateways: 1, natGBPerMonth: 100 },
      logs: { bytesPerRequest: 800 },
      operations: {
        hourlyRate: 90,
        hoursPerMonth: {
          sharedHost: 10,
          vmPerService: 8,
          containerCluster: 20,
          serverless: 2,
          serverlessContainers: 6,
        },
      },
    };
    // Each field once to a value that changes some figure (a busy service: every LCU dimension can lead).
    const changes: Components[] = [
      { frontDoor: { ...on.frontDoor!, kind: 'nlb' } },
      { frontDoor: { ...on.frontDoor!, perService: false } },
      { frontDoor: { ...on.frontDoor!, rules: 400 } },
      { frontDoor: { ...on.frontDoor!, bytesPerRequest: 200_000 } },
      { frontDoor: { ...on.frontDoor!, requestsPerConnection: 0.01 } },
      { frontDoor: { ...on.frontDoor!, connectionSeconds: 80_000 } },
      { storage: { ...on.storage!, rootVolumeGiB: 50 } },
      { storage: { ...on.storage!, type: 'gp2' } },
      { network: { ...on.network!, natGateways: 2 } },
      { network: { ...on.network!, natGBPerMonth: 7 } },
      { logs: { bytesPerRequest: 3 } },
      { operations: { ...on.operations!, hourlyRate: 10 } },
      ...(['sharedHost', 'vmPerService', 'containerCluster', 'serverless'] as const).map((k) => ({
        operations: { ...on.operations!, hoursPerMonth: { ...on.operations!.hoursPerMonth, [k]: 1 } },
      })),
    ];
    const services = [
      testService({ name: 'a', trafficRps: new Array<number>(24).fill(300), durationMs: 200 }),
      testService({ name: 'b', trafficRps: new Array<number>(24).fill(40) }),
    ];
    for (const lambda of ['alb', 'http'] as const) {
      const base = testPlan(catalog, services, { serverless: { apiGateway: lambda, inVpc: true } }, 730, on);
      for (const change of changes) {
        const evaluator = createEvaluator();
        evaluator.evaluate(base);
        const next = { ...base, ...change };
        expect(evaluate(next), JSON.stringify(change)).not.toEqual(evaluate(base));
        expect(evaluator.evaluate(next), JSON.stringify(change)).toEqual(evaluate(next));
      }
    }
  });

  it('recomputes only the edited service: a service the edit did not touch keeps its parts', () => {
    // Seen through the report: the per-service line of an untouched service is the very object computed before.
    const evaluator = createEvaluator();
    const a = testPlan(catalog, [
      testService({ name: 'a' }),
      testService({ name: 'b' }),
      testService({ name: 'c' }),
    ]);
    const before = evaluator.evaluate(a).strategies.find((s) => s.id === 'vm-per-service')!.lineItems;
    const b = { ...a, services: a.services.map((s, i) => (i === 1 ? { ...s, durationMs: 99 } : s)) };
    const after = evaluator.evaluate(b).strategies.find((s) => s.id === 'vm-per-service')!.lineItems;
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).not.toBe(before[1]);
    expect(evaluator.evaluate(b)).toEqual(evaluate(b));
  });
});
