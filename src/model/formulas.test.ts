import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate, forecast } from './engine.ts';
import {
  aksReservedCpuMillicores,
  gkeReservedMemoryMiB,
  nodeAllocatable,
  tieredCpuReservedMillicores,
} from './kubernetes.ts';
import { allocateCents, clean, roundCents, sumCents } from './money.ts';
import { packNodes, sortForPacking } from './packing.ts';
import { planProblems } from './problems.ts';
import { billedSeconds } from './serverless.ts';
import { flat, testPlan, testService } from './testing.ts';
import { applyTiers, tierLabel } from './tiers.ts';
import { monthlyRequests, weekCurve } from './time.ts';
import type { Catalog, Report, StrategyId } from './types.ts';

const catalog: Catalog = structuredClone(awsUsEast1);
const get = (r: Report, id: StrategyId) => r.strategies.find((s) => s.id === id)!;

describe('money', () => {
  it('rounds to cents half away from zero, without float surprises', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(2.345)).toBe(2.35);
    expect(roundCents(-2.345)).toBe(-2.35);
    expect(roundCents(0.125)).toBe(0.13);
    expect(roundCents(2.333338)).toBe(2.33);
    expect(roundCents(-0.001)).toBe(0);
    expect(Object.is(roundCents(-0.001), -0)).toBe(false);
  });
  it('sums cents without drift', () => {
    expect(sumCents([0.1, 0.2])).toBe(0.3);
    expect(sumCents(new Array(1000).fill(0.01))).toBe(10);
  });
  it('allocates whole cents that add up exactly', () => {
    expect(allocateCents(1, [1, 1, 1])).toEqual([0.34, 0.33, 0.33]);
    expect(allocateCents(10, [0, 0])).toEqual([5, 5]);
    expect(allocateCents(0.05, [3, 1])).toEqual([0.04, 0.01]);
    expect(allocateCents(5, [])).toEqual([]);
  });
  it('cleans float noise to 12 significant digits', () => {
    expect(clean(2999999.9999999995)).toBe(3_000_000);
    expect(clean(0.1 + 0.2)).toBe(0.3);
  });
});

describe('time', () => {
  it('repeats a day to a week and scales a week to the period', () => {
    const day = Array.from({ length: 24 }, (_, h) => h);
    const week = weekCurve(day);
    expect(week).toHaveLength(168);
    expect(week[24 + 5]).toBe(5);
    expect(week[167]).toBe(23);
    expect(() => weekCurve([1, 2, 3])).toThrow(/24 or 168/);
    // 1 rps for 730 hours = 2,628,000 requests.
    expect(monthlyRequests(flat(1), 730)).toBe(2_628_000);
    expect(monthlyRequests(flat(1, 168), 168)).toBe(604_800);
  });
});

describe('tiers', () => {
  const x86 = catalog.serverless.gbSecond.x86_64;
  it('splits a quantity over cumulative tiers', () => {
    expect(applyTiers(0, x86)).toEqual([]);
    const s = applyTiers(16e9, x86);
    expect(s.map((x) => [x.quantity, x.price])).toEqual([
      [6e9, 0.0000166667],
      [9e9, 0.000015],
      [1e9, 0.0000133334],
    ]);
    expect(s.map(tierLabel)).toEqual(['first 6B', '6B–15B', 'over 15B']);
    expect(applyTiers(400e6, catalog.apiGateway!.rest).map(tierLabel)).toEqual(['first 333M', '333M–1B']);
  });
});

describe('Kubernetes reservations', () => {
  it('EKS/GKE CPU tiers match the published table', () => {
    expect([1, 2, 4, 8, 16, 32].map(tieredCpuReservedMillicores)).toEqual([60, 70, 80, 90, 110, 150]);
  });
  it('GKE memory tiers', () => {
    expect(gkeReservedMemoryMiB(0.5)).toBe(255);
    expect(gkeReservedMemoryMiB(4)).toBe(1024); // 25% of 4 GiB
    expect(gkeReservedMemoryMiB(8)).toBeCloseTo(1024 + 0.2 * 4 * 1024, 9);
    expect(gkeReservedMemoryMiB(16)).toBeCloseTo((1 + 0.8 + 0.8) * 1024, 9);
    expect(gkeReservedMemoryMiB(256)).toBeCloseTo((1 + 0.8 + 0.8 + 0.06 * 112 + 0.02 * 128) * 1024, 9);
  });
  it('AKS CPU table, interpolated between listed core counts', () => {
    expect([1, 2, 4, 8, 16, 32, 64].map(aksReservedCpuMillicores)).toEqual([
      60, 100, 140, 180, 260, 420, 740,
    ]);
    expect(aksReservedCpuMillicores(12)).toBe(220);
  });
  it('allocatable subtracts DaemonSets and the eviction threshold', () => {
    const m6ixl = catalog.instanceTypes.find((t) => t.name === 'm6i.xlarge')!;
    const a = nodeAllocatable(m6ixl, 'eks', { cpuMillicores: 100, memoryMiB: 256 })!;
    expect(a).toMatchObject({
      cpuMillicores: 4000 - 80 - 100,
      memoryMiB: 16384 - (11 * 58 + 255) - 100 - 256,
      pods: 58,
    });
    expect(nodeAllocatable(m6ixl, 'none', { cpuMillicores: 0, memoryMiB: 0 })).toMatchObject({
      cpuMillicores: 4000,
      memoryMiB: 16284,
    });
  });
});

describe('packing', () => {
  const node = { cpu: 1000, memory: 1000, pods: 10 };
  it('respects CPU, memory and pod count', () => {
    expect(packNodes([{ cpu: 500, memory: 100, count: 4 }], node)).toBe(2);
    expect(packNodes([{ cpu: 10, memory: 600, count: 3 }], node)).toBe(3);
    expect(packNodes([{ cpu: 1, memory: 1, count: 25 }], node)).toBe(3);
    expect(packNodes([], node)).toBe(0);
  });
  it('fills gaps left by large pods with small ones (first fit decreasing)', () => {
    const groups = sortForPacking(
      [
        { cpu: 300, memory: 100, count: 3 },
        { cpu: 700, memory: 100, count: 3 },
      ],
      node,
    );
    expect(groups[0]!.cpu).toBe(700);
    expect(packNodes(groups, node)).toBe(3);
  });
});

describe('shared host', () => {
  it('sizes the pool for the peak of the summed demand, not the sum of peaks', () => {
    const day = flat(0);
    const night = flat(0);
    day[12] = 1000; // 1,000 rps × 10 ms = 10 vCPU at noon
    night[0] = 1000; // and 10 vCPU at midnight
    const plan = testPlan(
      catalog,
      [testService({ name: 'day', trafficRps: day }), testService({ name: 'night', trafficRps: night })],
      { sharedHost: { instanceType: 'm6i.2xlarge', minHosts: 1, targetUtilization: 0.8 } },
    );
    const s = get(evaluate(plan), 'shared-host');
    expect(s.capacity.hosts).toBe(2); // ⌈10 ÷ (8 × 0.8)⌉, not ⌈20 ÷ 6.4⌉ = 4
    // Each service alone peaks at 10 vCPU, more than the 6 vCPU spare: either could starve the other.
    expect(s.capacity.peakDemandVcpu).toBe(10);
    expect(s.warnings.map((w) => w.code)).toContain('noisy-neighbour');
  });
  it('adds hosts when memory, not CPU, decides, and says so', () => {
    const plan = testPlan(
      catalog,
      [
        testService({
          name: 'a',
          memoryMiB: 20 * 1024,
          minInstances: 3,
          trafficRps: flat(1),
          container: { memoryMiB: 1024 },
        }),
      ],
      { sharedHost: { instanceType: 'm6i.2xlarge', minHosts: 1 } },
    );
    const s = get(evaluate(plan), 'shared-host');
    expect(s.capacity.hosts).toBe(3); // 20 GiB instances: one per 32 GiB host
    expect(s.warnings.map((w) => w.code)).toContain('memory-bound');
  });
});

describe('VM per service', () => {
  it('runs at least one instance for any positive demand, however small (issue 10 §7.1)', () => {
    // 1 request a day of 1 CPU-ms: about 1e-8 vCPU at the busiest hour, far below the old absolute 1e-9 cut-off.
    const tiny = testService({ name: 'tiny', trafficRps: flat(1e-5), cpuMsPerRequest: 0.1, minInstances: 0 });
    const s = get(
      evaluate(testPlan(catalog, [tiny], { vmPerService: { scaling: 'hourly' } })),
      'vm-per-service',
    );
    expect(s.monthlyCost).toBeGreaterThan(0);
    expect(Math.min(...s.week.units.filter((u) => u > 0))).toBeGreaterThanOrEqual(1);
    expect(s.week.units.every((u) => u >= 1)).toBe(true);
  });
  const peaky = flat(0);
  peaky[10] = 240; // 240 rps × 10 ms = 2.4 vCPU for one hour a day
  it('static pays the peak hour all period; hourly follows the curve', () => {
    const base = { trafficRps: peaky, minInstances: 1 };
    const st = get(
      evaluate(
        testPlan(catalog, [testService(base)], {
          vmPerService: { instanceType: 'm6i.large', targetUtilization: 0.6 },
        }),
      ),
      'vm-per-service',
    );
    expect(st.capacity.instances).toBe(2); // ⌈2.4 ÷ (2 × 0.6)⌉
    expect(st.lineItems[0]!.quantity).toBe(2 * 730);
    const hr = get(
      evaluate(
        testPlan(catalog, [testService(base)], {
          vmPerService: { instanceType: 'm6i.large', targetUtilization: 0.6, scaling: 'hourly' },
        }),
      ),
      'vm-per-service',
    );
    // 23 hours at 1 instance + 1 hour at 2 instances, per day: 25 instance-hours a day, 730/24 days.
    expect(hr.lineItems[0]!.quantity).toBeCloseTo((25 * 730) / 24, 6);
  });
  it('auto picks the cheapest steady type of the service’s architecture and names it', () => {
    const one = (extra: Parameters<typeof testService>[0]) =>
      get(
        evaluate(testPlan(catalog, [testService({ memoryMiB: 3000, trafficRps: flat(1), ...extra })])),
        'vm-per-service',
      );
    // t3.medium would be cheaper but is burstable; m7g.large is Arm.
    expect(one({}).lineItems[0]!.component).toBe('Instance hours (c6i.large, cheapest that fits)');
    expect(one({ serverless: { architecture: 'arm64' } }).lineItems[0]!.component).toBe(
      'Instance hours (m7g.large, cheapest that fits)',
    );
  });
  it('auto falls back to burstable types when nothing else fits, with a warning', () => {
    const tiny: Catalog = {
      ...catalog,
      instanceTypes: catalog.instanceTypes.filter((t) => t.name.startsWith('t3')),
    };
    const plan = testPlan(tiny, [testService({ trafficRps: flat(1) })], {
      sharedHost: { instanceType: 't3.xlarge' },
      containerCluster: { nodeType: 't3.xlarge' },
    });
    const s = get(evaluate(plan), 'vm-per-service');
    expect(s.lineItems[0]!.component).toBe('Instance hours (t3.micro, cheapest that fits)');
    expect(s.warnings.map((w) => w.code)).toEqual(['burstable-instance']);
  });
  it('a per-service type overrides the strategy', () => {
    const s = get(
      evaluate(testPlan(catalog, [testService({ vmInstanceType: 'c6i.large', trafficRps: flat(1) })])),
      'vm-per-service',
    );
    expect(s.lineItems[0]!.component).toBe('Instance hours (c6i.large)');
  });
});

describe('container cluster', () => {
  it('counts pods from CPU, packs them, and prices headroom and the control plane separately', () => {
    // 1,400 rps × 10 ms = 14 vCPU → ⌈14,000m ÷ (500m × 0.7)⌉ = 40 pods of 500m / 1 GiB.
    const plan = testPlan(
      catalog,
      [testService({ trafficRps: flat(1400), container: { cpuMillicores: 500, memoryMiB: 1024 } })],
      { containerCluster: { overprovisioning: 0.15, scaling: 'static' } },
    );
    const s = get(evaluate(plan), 'container-cluster');
    expect(s.capacity.peakPods).toBe(40);
    // m6i.xlarge on EKS: 3,820m allocatable → 7 pods per node → 6 nodes; +6 placeholder pods → 46 pods → 7 nodes.
    expect(s.lineItems.map((l) => [l.component, l.quantity, l.cost])).toEqual([
      ['Node hours (m6i.xlarge)', 6 * 730, roundCents(6 * 730 * 0.192)],
      ['Node hours for overprovisioning headroom (m6i.xlarge)', 730, 140.16],
      ['EKS control plane hours', 730, 73],
    ]);
    expect(s.capacity.headroomMonthlyCost).toBe(140.16);
    expect(s.capacity.peakNodes).toBe(7);
  });
  it('DaemonSet pods take pod slots (issue 10 §7.3): a t3.medium holds 17 − 2 = 15 service pods', () => {
    // 100 tiny pods: the pod count, not CPU or memory, decides the nodes.
    const tiny = testService({
      name: 'tiny',
      trafficRps: flat(0),
      minInstances: 100,
      container: { cpuMillicores: 10, memoryMiB: 16 },
    });
    const nodes = (daemonSetPods?: number) =>
      get(
        evaluate(
          testPlan(catalog, [tiny], {
            containerCluster: {
              nodeType: 't3.medium',
              overprovisioning: 0,
              scaling: 'static',
              ...(daemonSetPods === undefined ? {} : { daemonSetPods }),
            },
          }),
        ),
        'container-cluster',
      ).capacity;
    expect(nodes().maxPodsPerNode).toBe(15);
    expect(nodes().peakNodes).toBe(7); // ⌈100 ÷ 15⌉, not ⌈100 ÷ 17⌉ = 6
    expect(nodes(0).peakNodes).toBe(6);
  });
  it('discount applies to nodes, not to the control plane fee', () => {
    const plan = testPlan(catalog, [testService()], {
      containerCluster: { discount: 0.5, overprovisioning: 0 },
    });
    const s = get(evaluate(plan), 'container-cluster');
    expect(s.lineItems[0]!.unitPrice).toBe(0.096);
    expect(s.lineItems.at(-1)!.unitPrice).toBe(0.1);
  });
});

describe('serverless', () => {
  it('bills duration rounded up to the whole millisecond', () => {
    expect(billedSeconds(28)).toBe(0.028);
    expect(billedSeconds(27.2)).toBe(0.028);
  });
  it('rounds a duration just above a whole millisecond up, as AWS does (issue 10 §7.2: no trimming before a ceiling)', () => {
    expect(billedSeconds(1.000000000001)).toBe(0.002);
    expect(billedSeconds(28.0000001)).toBe(0.029);
    // Arithmetic noise of a few units in the last place is not a longer request: 100 × 1.1 is 110 ms.
    expect(billedSeconds(100 * 1.1)).toBe(0.11);
  });
  it('leaves out stateful and too-long services, says so, and is not called cheapest then', () => {
    const plan = testPlan(catalog, [
      testService({ name: 'db', stateful: true }),
      testService({ name: 'batch', durationMs: 1_000_000 }),
      testService({ name: 'api' }),
    ]);
    const r = evaluate(plan);
    const s = get(r, 'serverless');
    expect(s.warnings.filter((w) => w.code === 'not-eligible').map((w) => w.service)).toEqual([
      'db',
      'batch',
    ]);
    expect(s.services.map((x) => x.included)).toEqual([false, false, true]);
    expect(r.cheapest).not.toBe('serverless');
  });
  it('shares one free tier across services and architectures', () => {
    const half = flat(500_000 / (3600 * 730)); // 500k requests each
    const plan = testPlan(catalog, [
      testService({ name: 'a', trafficRps: half, durationMs: 100, serverless: { memoryMiB: 1024 } }),
      testService({
        name: 'b',
        trafficRps: half,
        durationMs: 100,
        serverless: { memoryMiB: 1024, architecture: 'arm64' },
      }),
      testService({
        name: 'c',
        trafficRps: half,
        durationMs: 1000,
        serverless: { memoryMiB: 1024, architecture: 'arm64' },
      }),
    ]);
    const s = get(evaluate(plan), 'serverless');
    // Requests: 1.5M, 1M free. GB-s: a 50k (x86, all free), b 50k + c 500k arm → 350k of the 400k left free.
    const l = Object.fromEntries(s.lineItems.map((x) => [x.component, x.quantity]));
    expect(l['Requests (free tier)']).toBe(1);
    expect(l['Requests']).toBe(0.5);
    expect(l['Duration, x86_64 (free tier)']).toBe(50_000);
    expect(l['Duration, arm64 (free tier)']).toBe(350_000);
    expect(l['Duration, arm64 (first 7.5B)']).toBe(200_000);
    expect(s.services.reduce((a, x) => a + x.cost, 0)).toBeCloseTo(s.monthlyCost, 9);
  });
  it('provisioned concurrency: warm environments billed per GB-s; their share of invocations at the PC rate', () => {
    // 100 rps × 200 ms = 20 concurrent; 10 provisioned → half the invocations at the PC duration rate.
    const plan = testPlan(
      catalog,
      [
        testService({
          trafficRps: flat(100),
          durationMs: 200,
          serverless: { memoryMiB: 1024, provisionedConcurrency: 10 },
        }),
      ],
      {},
      730,
    );
    const s = get(evaluate(plan), 'serverless');
    const q = Object.fromEntries(s.lineItems.map((x) => [x.component, x]));
    expect(q['Provisioned concurrency, x86_64']!.quantity).toBe(10 * 3600 * 730);
    expect(q['Duration with provisioned concurrency, x86_64']!.quantity).toBe(100 * 3600 * 730 * 0.5 * 0.2);
    expect(q['Duration, x86_64 (first 6B)']!.quantity).toBe(100 * 3600 * 730 * 0.5 * 0.2);
    // No free tier for a function with provisioned concurrency.
    expect(q['Requests (free tier)']).toBeUndefined();
    expect(q['Duration, x86_64 (free tier)']).toBeUndefined();
  });
  it('allocates the free tier only to functions it covers (issue 10 §7.5): a small function without provisioned concurrency costs $0', () => {
    const plan = testPlan(catalog, [
      testService({
        name: 'warm',
        trafficRps: flat(100),
        durationMs: 200,
        serverless: { memoryMiB: 1024, provisionedConcurrency: 10 },
      }),
      // About 0.3M requests and 7,500 GB-s a month: inside the free tier.
      testService({ name: 'small', trafficRps: flat(0.1), durationMs: 100, serverless: { memoryMiB: 1024 } }),
    ]);
    const s = get(evaluate(plan), 'serverless');
    const cost = Object.fromEntries(s.services.map((x) => [x.service, x.cost]));
    expect(cost['small']).toBe(0);
    expect(cost['warm']).toBe(s.monthlyCost);
  });
  it('bills the duration a request really takes when its memory gives too little CPU (issue 10 §7.6), and says so', () => {
    // 100 CPU-ms at 128 MB (128 ÷ 1,769 of a vCPU) takes 100 × 1,769 ÷ 128 = 1,382.03 ms, billed 1,383 ms.
    const slow = testService({
      name: 'resize',
      trafficRps: perSecondFor(1_000_000),
      cpuMsPerRequest: 100,
      durationMs: 120,
      serverless: { memoryMiB: 128 },
    });
    const s = get(evaluate(testPlan(catalog, [slow], { serverless: { freeTier: false } })), 'serverless');
    const duration = s.lineItems.find((l) => l.component.startsWith('Duration, x86_64'))!;
    expect(duration.quantity).toBeCloseTo(1_000_000 * 1.383 * 0.125, 6);
    const w = s.warnings.find((x) => x.code === 'cpu-stretched');
    expect(w?.service).toBe('resize');
    expect(w?.message).toMatch(/1,383 ms/);
    expect(w?.message).toMatch(/1,475 MB/);
    // With enough memory for the CPU work the measured duration stands.
    const roomy = testService({ ...slow, serverless: { memoryMiB: 1536 } });
    const r = get(evaluate(testPlan(catalog, [roomy])), 'serverless');
    expect(r.warnings.some((x) => x.code === 'cpu-stretched')).toBe(false);
  });
  it('warns when a request runs longer than the API Gateway integration timeout (issue 10 §2, §7.7)', () => {
    const slow = testService({ name: 'report', trafficRps: flat(1), durationMs: 29_500 });
    const warned = (apiGateway: 'none' | 'http' | 'rest') =>
      get(evaluate(testPlan(catalog, [slow], { serverless: { apiGateway } })), 'serverless').warnings.filter(
        (w) => w.code === 'front-door-timeout',
      );
    expect(warned('none')).toEqual([]);
    expect(warned('http')).toEqual([]);
    const rest = warned('rest');
    expect(rest.map((w) => w.service)).toEqual(['report']);
    expect(rest[0]!.message).toMatch(/29,500 ms.*REST API.*29 s/);
    const longer = testService({ ...slow, durationMs: 45_000 });
    const http = get(
      evaluate(testPlan(catalog, [longer], { serverless: { apiGateway: 'http' } })),
      'serverless',
    );
    expect(http.warnings.find((w) => w.code === 'front-door-timeout')?.message).toMatch(/HTTP API.*30 s/);
  });
  it('charges ephemeral storage above 512 MB', () => {
    const plan = testPlan(catalog, [
      testService({
        trafficRps: perSecondFor(1_000_000),
        durationMs: 1000,
        serverless: { ephemeralStorageMiB: 1536 },
      }),
    ]);
    const l = get(evaluate(plan), 'serverless').lineItems.find(
      (x) => x.component === 'Ephemeral storage above 512 MB',
    )!;
    expect(l.quantity).toBe(1_000_000); // 1M invocations × 1 s × 1 GB extra
    expect(l.cost).toBe(roundCents(1_000_000 * 0.0000000309));
  });
  it('warns when peak concurrency exceeds the account limit', () => {
    const plan = testPlan(catalog, [testService({ trafficRps: flat(20_000), durationMs: 100 })]);
    expect(get(evaluate(plan), 'serverless').warnings.map((w) => w.code)).toContain('concurrency-limit');
  });
});

function perSecondFor(requestsPerMonth: number): number[] {
  return flat(requestsPerMonth / (3600 * 730));
}

describe('forecast and problems', () => {
  it('month m grows traffic by (1 + g)^(m − 1) and re-sizes capacity', () => {
    const plan = testPlan(catalog, [testService({ trafficRps: flat(100), growthPerMonth: 0.5 })], {
      vmPerService: { instanceType: 'm6i.large' },
    });
    const f = forecast(plan, { months: 4, start: '2027-01' }).months;
    expect(f.map((m) => m.month)).toEqual([1, 2, 3, 4]);
    expect(f[0]!.costs['vm-per-service']).toBe(get(evaluate(plan), 'vm-per-service').monthlyCost);
    expect(f[0]!.cheapest).toBe(evaluate(plan).cheapest);
    // 1 vCPU → 1.5 → 2.25 → 3.375: instances ⌈x ÷ 1.2⌉ = 1, 2, 2, 3.
    expect(f.map((m) => m.capacity['vm-per-service']!.instances)).toEqual([1, 2, 2, 3]);
  });
  it('names services that do not fit their instance or node types', () => {
    const plan = testPlan(
      catalog,
      [
        testService({ name: 'big', memoryMiB: 40_000 }),
        testService({ name: 'pod', container: { cpuMillicores: 5000, memoryMiB: 512 } }),
        testService({ name: 'small-vm', memoryMiB: 2048, vmInstanceType: 't3.micro' }),
      ],
      {},
    );
    const paths = planProblems(plan).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'services[0].memoryMiB',
        'services[1].container.cpuMillicores',
        'services[2].vmInstanceType',
      ]),
    );
    expect(planProblems(testPlan(catalog, [testService()]))).toEqual([]);
  });
});

describe('strategies that cannot be costed (issue 9 §1)', () => {
  // The story: a 16 GiB database on the default m6i.xlarge nodes, which allocate 15,135 MiB to pods.
  const services = [
    testService({ name: 'api' }),
    testService({ name: 'db', memoryMiB: 16384, stateful: true }),
  ];
  const big = testPlan(catalog, services, {});
  const fits = testPlan(
    catalog,
    services.map((s) => ({ ...s, container: { ...s.container, memoryMiB: 1024 } })),
    {},
  );

  it('a pod too big for the node type marks only the container strategy, with the fix; the others are costed as usual', () => {
    const r = evaluate(big);
    const cc = get(r, 'container-cluster');
    expect(cc.cannotCost).toEqual([
      {
        path: 'services[1].container.memoryMiB',
        service: 'db',
        message: 'a pod request of 16384 MiB is more than a m6i.xlarge node can allocate (15135 MiB)',
        fix: 'choose a larger node type (e.g. r6i.xlarge) in the strategy settings, or a smaller memory request for “db”',
      },
    ]);
    expect(cc.monthlyCost).toBe(0);
    expect(cc.lineItems).toEqual([]);
    expect(cc.services.every((s) => !s.included)).toBe(true);
    const ok = evaluate(fits);
    for (const id of ['shared-host', 'vm-per-service', 'serverless'] as const) {
      expect(get(r, id).cannotCost).toBeUndefined();
      expect(get(r, id)).toEqual(get(ok, id));
    }
  });

  it('cheapest (and each forecast month’s cheapest) ignores a strategy that cannot be costed', () => {
    const r = evaluate(big);
    expect(r.cheapest).not.toBe('container-cluster');
    expect(r.cheapest).not.toBeNull();
    // Make the blocked strategy the only one that runs every service: nothing is cheapest then.
    const onlyCluster = testPlan(catalog, services, {
      sharedHost: { ...big.strategies.sharedHost, instanceType: 't3.micro' },
      vmPerService: { ...big.strategies.vmPerService, instanceType: 't3.micro' },
      // EKS on Fargate runs no arm64 pods: Fargate (which runs stateful services too) cannot be costed either.
      serverlessContainers: { platform: 'eks', architecture: 'arm64' },
    });
    const blocked = evaluate(onlyCluster);
    expect(blocked.strategies.filter((s) => s.cannotCost).map((s) => s.id)).toEqual([
      'shared-host',
      'vm-per-service',
      'container-cluster',
      'serverless-containers',
    ]);
    expect(blocked.cheapest).toBeNull(); // serverless does not run the stateful db
    const months = forecast(big, { months: 3, start: '2027-01' });
    for (const m of months.months) {
      expect(m.cheapest).not.toBe('container-cluster');
      expect(m.leader).not.toBe('container-cluster');
      expect(m.costs['container-cluster']).toBe(0);
    }
    expect(months.complete).not.toContain('container-cluster');
  });
});
