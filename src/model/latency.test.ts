// Sizing for a latency target (issue 12 §3) through the engine: the call-centre example of pricing-2.md §8 as a
// service (A = 10, 80% within 20 s → 14 servers), in each strategy that counts instances, and Lambda's warning.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate } from './engine.ts';
import { latencyInstances, latencyWeek } from './latency.ts';
import { flat, testPlan, testService } from './testing.ts';
import type { Catalog, LatencyTarget, Plan, Report, Service, StrategyId } from './types.ts';

const catalog: Catalog = structuredClone(awsUsEast1);
const get = (r: Report, id: StrategyId) => r.strategies.find((s) => s.id === id)!;

// 100 calls per 30 minutes (1/18 per second), 180 s each: A = 10. Each call keeps one vCPU busy (180,000 CPU-ms),
// so CPU demand is 10 vCPU: on m6i.large (2 vCPU) at 60%, ⌈10 ÷ 1.2⌉ = 9 instances. Lambda at 1,769 MB gets one
// full vCPU, so its duration is not stretched (its load is A = 10 too).
const callCentre: LatencyTarget = { targetWaitMs: 20_000, percentile: 0.8, concurrencyPerInstance: 1 };
const agents = (latency?: LatencyTarget): Service => ({
  ...testService({
    name: 'agents',
    trafficRps: flat(1 / 18),
    cpuMsPerRequest: 180_000,
    durationMs: 180_000,
    memoryMiB: 512,
    container: { cpuMillicores: 2000, memoryMiB: 512 },
    serverless: { memoryMiB: 1769 },
  }),
  ...(latency ? { latency } : {}),
});
const plan = (services: Service[], c: Catalog = catalog): Plan =>
  testPlan(c, services, {
    vmPerService: { instanceType: 'm6i.large', scaling: 'static', targetUtilization: 0.6 },
    containerCluster: { targetUtilization: 0.6, overprovisioning: 0 },
  });

describe('latency target: the call-centre example as a service', () => {
  const before = evaluate(plan([agents()]));
  const after = evaluate(plan([agents(callCentre)]));

  it('needs 14 instances each hour (one request at a time each)', () => {
    expect(latencyInstances(agents(callCentre), 1 / 18)).toBe(14);
    expect(latencyWeek(agents(callCentre), flat(1 / 18, 168))).toEqual(new Array(168).fill(14));
    expect(latencyInstances(agents(), 1 / 18)).toBe(0);
    // Eight requests at once per instance: ⌈14 ÷ 8⌉ = 2.
    expect(latencyInstances(agents({ ...callCentre, concurrencyPerInstance: 8 }), 1 / 18)).toBe(2);
  });

  it('VM per service: latency decides, 14 instances instead of 9; 14 × 730 h × $0.096 = $981.12', () => {
    const vm = get(after, 'vm-per-service');
    expect(get(before, 'vm-per-service').capacity.instances).toBe(9);
    expect(get(before, 'vm-per-service').monthlyCost).toBe(630.72);
    expect(vm.capacity.instances).toBe(14);
    expect(vm.monthlyCost).toBe(981.12);
    // C(14, 10) = 0.1741: 82.6% of requests start at once, so the 80th percentile waits 0 ms.
    expect(vm.services[0]!.latency).toEqual({
      sizedBy: 'latency',
      cpuInstances: 9,
      instances: 14,
      latencyHours: 168,
      waitMs: 0,
      percentile: 0.8,
      targetWaitMs: 20_000,
    });
  });

  it('containers: 14 pods instead of CPU’s 9 (2,000 m at 60%: ⌈10 ÷ 1.2⌉)', () => {
    const pods = get(after, 'container-cluster');
    expect(get(before, 'container-cluster').capacity.peakPods).toBe(9);
    expect(pods.capacity.peakPods).toBe(14);
    expect(pods.services[0]!.latency).toMatchObject({ sizedBy: 'latency', cpuInstances: 9, instances: 14 });
  });

  it('Fargate: 14 tasks instead of CPU’s 8 (2 vCPU / 4 GB tasks at 70%: ⌈10 ÷ 1.4⌉); 14 × 730 h: $827.41 + $181.71', () => {
    const tasks = get(after, 'serverless-containers');
    expect(get(before, 'serverless-containers').capacity.peakTasks).toBe(8);
    expect(tasks.capacity.peakTasks).toBe(14);
    expect(tasks.services[0]!.latency).toMatchObject({ sizedBy: 'latency', cpuInstances: 8, instances: 14 });
    // vCPU: 14 × 730 × 2 × $0.04048; memory: 14 × 730 × 4 × $0.004445 (pricing-2.md §5), each line to the cent.
    expect(tasks.lineItems.map((l) => l.cost)).toEqual([827.41, 181.71]);
    expect(tasks.monthlyCost).toBe(1009.12);
  });

  it('shared hosts: the service’s 14 instances take memory on the pool (14 × 512 MiB = 7 GiB)', () => {
    const host = get(after, 'shared-host');
    expect(get(before, 'shared-host').capacity.memoryNeededGiB).toBe(0.5);
    expect(host.capacity.memoryNeededGiB).toBe(7);
    expect(host.services[0]!.latency).toMatchObject({ sizedBy: 'latency', cpuInstances: 1, instances: 14 });
  });

  it('p95 within 20 s needs 16: P(wait > 20 s) is 5.7% with 15 and 2.8% with 16; the p95 wait with 16 is reported', () => {
    const vm = get(evaluate(plan([agents({ ...callCentre, percentile: 0.95 })])), 'vm-per-service');
    expect(vm.capacity.instances).toBe(16);
    const l = vm.services[0]!.latency!;
    expect(l.waitMs).toBeGreaterThan(0);
    expect(l.waitMs).toBeLessThanOrEqual(20_000);
  });

  it('CPU decides when it needs more: the report says so, and the count is CPU’s', () => {
    const loose: LatencyTarget = { targetWaitMs: 20_000, percentile: 0.8, concurrencyPerInstance: 8 };
    const vm = get(evaluate(plan([agents(loose)])), 'vm-per-service');
    expect(vm.capacity.instances).toBe(9);
    expect(vm.services[0]!.latency).toMatchObject({
      sizedBy: 'cpu',
      cpuInstances: 9,
      instances: 9,
      latencyHours: 0,
    });
  });

  it('zones: the latency count is demand, so it survives the loss of a zone (14 over 3 zones → 21)', () => {
    const zoned = evaluate({
      ...plan([agents(callCentre)]),
      resilience: { zones: 3, surviveZoneLoss: true },
    });
    expect(get(zoned, 'vm-per-service').capacity.instances).toBe(21);
  });

  it('hourly scaling counts each hour’s own need: the quiet hours need fewer', () => {
    const curve = [...new Array<number>(12).fill(1 / 18), ...new Array<number>(12).fill(1 / 180)];
    const svc = { ...agents(callCentre), trafficRps: curve };
    const r = evaluate(
      testPlan(catalog, [svc], {
        vmPerService: { instanceType: 'm6i.large', scaling: 'hourly', targetUtilization: 0.6 },
      }),
    );
    const vm = get(r, 'vm-per-service');
    // A = 1 in the quiet hours: 2 servers leave P(wait > 20 s) = C(2, 1)·e^(−1·20/180) = (1/3)·0.895 = 0.30 > 0.2, so
    // 3 (C(3, 1) = 0.091); CPU alone needs 1.
    expect(latencyInstances(svc, 1 / 180)).toBe(3);
    expect(vm.week.units.slice(0, 24)).toEqual([...new Array(12).fill(14), ...new Array(12).fill(3)]);
    expect(vm.services[0]!.latency).toMatchObject({ sizedBy: 'latency', latencyHours: 168 });
  });

  it('absent: the figures of before, and no latency on any service', () => {
    const again = evaluate(plan([{ ...agents(), latency: undefined }]));
    expect(again).toEqual(before);
    for (const s of before.strategies) for (const c of s.services) expect(c).not.toHaveProperty('latency');
  });
});

describe('Lambda: no queue, so a warning when the concurrency needed approaches the account limit', () => {
  // Erlang B with A = 10: B(11, 10) = 0.163 ≤ 0.2 (B(10, 10) = 0.215): 11 concurrent executions throttle at most 20%.
  const limited = (limit: number): Catalog => ({
    ...catalog,
    serverless: { ...catalog.serverless, concurrencyLimit: limit },
  });
  const warning = (limit: number, latency?: LatencyTarget) =>
    get(evaluate(plan([agents(latency)], limited(limit))), 'serverless').warnings.find(
      (w) => w.code === 'latency-concurrency',
    );

  it('11 needed of a limit of 13 (85%): warned; of the usual 1,000: not', () => {
    expect(warning(13, callCentre)?.message).toBe(
      'Latency targets (agents): for 80% of requests to run without being throttled at the busiest hour, Lambda needs 11 concurrent executions, 85% of the account limit of 13 per region; ask AWS to raise the quota, or reserve concurrency for these functions.',
    );
    expect(warning(1000, callCentre)).toBeUndefined();
  });

  it('above the limit it says so; without a latency target there is no such warning', () => {
    expect(warning(10, callCentre)?.message).toContain(
      'needs more concurrent executions than the account limit of 10 per region',
    );
    expect(warning(13)).toBeUndefined();
  });
});

describe('properties', () => {
  const target = fc.record({
    targetWaitMs: fc.integer({ min: 0, max: 5000 }),
    percentile: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
    concurrencyPerInstance: fc.integer({ min: 1, max: 64 }),
  });
  const service = fc.record({
    rps: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 24, maxLength: 24 }),
    cpuMs: fc.integer({ min: 0, max: 200 }),
    durationMs: fc.integer({ min: 1, max: 2000 }),
  });

  it('a latency target never lowers a count or a cost (VM per service, shared hosts), and meets its target', () => {
    fc.assert(
      fc.property(service, target, fc.constantFrom('static', 'hourly'), (s, l, scaling) => {
        const base = testService({ trafficRps: s.rps, cpuMsPerRequest: s.cpuMs, durationMs: s.durationMs });
        const p = (svc: Service) => testPlan(catalog, [svc], { vmPerService: { scaling } });
        const without = evaluate(p(base));
        const withTarget = evaluate(p({ ...base, latency: l }));
        for (const id of ['vm-per-service', 'shared-host'] as const) {
          expect(get(withTarget, id).monthlyCost).toBeGreaterThanOrEqual(get(without, id).monthlyCost);
        }
        const a = get(without, 'vm-per-service').week.units;
        const b = get(withTarget, 'vm-per-service').week.units;
        b.forEach((n, h) => expect(n).toBeGreaterThanOrEqual(a[h]!));
        const sized = get(withTarget, 'vm-per-service').services[0]!.latency!;
        expect(sized.waitMs).toBeLessThanOrEqual(l.targetWaitMs + 1e-6);
      }),
      { numRuns: 60 },
    );
  });
});
