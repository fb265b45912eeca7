// Serverless containers on Cloud Run and Azure Container Apps (issue 13 §1): worked examples to the cent from the
// documented rules and rates (pricing-2.md §6–§7; neither provider's stored pages carry a worked example of their
// own), the hour's billed instance-seconds in its limits, the free grant once per plan, the billing modes, the
// product's name in the lines, and the plans these catalogs cannot cost. docs/cost-model.md "Serverless containers
// on Cloud Run and Container Apps".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { azureContainerApps } from '../catalog/azure-container-apps.ts';
import { gcpCloudRun } from '../catalog/gcp-cloud-run.ts';
import { hourUsage, instanceSizeOf, meteredLines } from './container-service-billing.ts';
import { createEvaluator, evaluate } from './engine.ts';
import { costingProblems } from './problems.ts';
import { flat, testPlan, testService } from './testing.ts';
import type { Catalog, ContainerServicePrices, LineItem, Report, StrategyReport } from './types.ts';

/** The AWS catalog with Fargate taken out and a serverless container service put in (A1's catalogs, in miniature). */
function catalogWith(id: string, prices: ContainerServicePrices): Catalog {
  const c: Catalog = structuredClone(awsUsEast1);
  delete c.fargate;
  return { ...c, id, containerService: structuredClone(prices) };
}
const cloudRun = catalogWith('gcp-us-central1', gcpCloudRun.containerService);
const containerApps = catalogWith('azure-eastus', azureContainerApps.containerService);

function strategy(r: Report): StrategyReport {
  return r.strategies.find((s) => s.id === 'serverless-containers')!;
}

function lineNamed(lines: LineItem[], component: string): LineItem {
  const l = lines.find((x) => x.component === component);
  if (!l) throw new Error(`no line "${component}" in ${lines.map((x) => x.component).join(', ')}`);
  return l;
}

/** Quantity, unit price and cost of a line. */
const qpc = (l: LineItem) => [l.quantity, l.unitPrice, l.cost];

/** A service kept warm at `min` instances and never called. */
const warmOnly = (min: number, container: { cpuMillicores: number; memoryMiB: number }, memoryMiB: number) =>
  testService({ trafficRps: flat(0), cpuMsPerRequest: 0, minInstances: min, container, memoryMiB });

describe('Cloud Run and Container Apps: worked examples to the cent (30-day month, 720 h)', () => {
  it('Cloud Run, request-based: one minimum instance of 1 vCPU / 0.5 GiB kept warm, no requests: idle rates less the grant = $8.37', () => {
    // 2,592,000 idle vCPU-seconds − 180,000 free = 2,412,000 × $0.0000025 = $6.03; 1,296,000 GiB-seconds − 360,000
    // = 936,000 × $0.0000025 = $2.34 (the grant goes to active usage first; there is none).
    const plan = testPlan(cloudRun, [warmOnly(1, { cpuMillicores: 1000, memoryMiB: 512 }, 512)], {}, 720);
    const s = strategy(evaluate(plan));
    expect(s.cannotCost).toBeUndefined();
    const label = 'Cloud Run, request-based';
    expect(qpc(lineNamed(s.lineItems, `vCPU-seconds, idle (${label}; free grant)`))).toEqual([180_000, 0, 0]);
    expect(qpc(lineNamed(s.lineItems, `vCPU-seconds, idle (${label})`))).toEqual([
      2_412_000, 0.0000025, 6.03,
    ]);
    expect(qpc(lineNamed(s.lineItems, `Memory GiB-seconds, idle (${label})`))).toEqual([
      936_000, 0.0000025, 2.34,
    ]);
    expect(s.lineItems.some((l) => l.component.startsWith('Requests'))).toBe(false);
    expect(s.monthlyCost).toBe(8.37);
  });

  it('Cloud Run, request-based: 400 requests/s of 1 s at concurrency 80 keep 5 instances busy: $306.72 + $15.30 + $413.92 = $735.94', () => {
    // 400 in flight ÷ 80 = 5 instances of 1 vCPU / 0.5 GiB, each serving ~80 at once: busy all the time. 5 × 3,600 ×
    // 720 = 12,960,000 vCPU-seconds − 180,000 = 12,780,000 × $0.000024 = $306.72; 6,480,000 GiB-seconds − 360,000 =
    // 6,120,000 × $0.0000025 = $15.30; 1,036,800,000 requests − 2 M = 1,034.8 M × $0.40 = $413.92.
    const plan = testPlan(
      cloudRun,
      [testService({ trafficRps: flat(400), cpuMsPerRequest: 1, durationMs: 1000, minInstances: 0 })],
      {},
      720,
    );
    const s = strategy(evaluate(plan));
    expect(s.capacity.peakTasks).toBe(5);
    const label = 'Cloud Run, request-based';
    expect(qpc(lineNamed(s.lineItems, `vCPU-seconds, active (${label})`))).toEqual([
      12_780_000, 0.000024, 306.72,
    ]);
    expect(qpc(lineNamed(s.lineItems, `Memory GiB-seconds, active (${label})`))).toEqual([
      6_120_000, 0.0000025, 15.3,
    ]);
    expect(qpc(lineNamed(s.lineItems, `Requests (${label})`))).toEqual([1034.8, 0.4, 413.92]);
    expect(s.monthlyCost).toBe(735.94);
  });

  it('Cloud Run, instance-based: the same 5 instances at $0.000018 and $0.000002, no request fee: $228.96 + $12.06 = $241.02', () => {
    // The instance-based grant: 12,960,000 − 240,000 = 12,720,000 × $0.000018 = $228.96; memory 6,480,000 − 450,000 =
    // 6,030,000 × $0.000002 = $12.06.
    const plan = testPlan(
      cloudRun,
      [testService({ trafficRps: flat(400), cpuMsPerRequest: 1, durationMs: 1000, minInstances: 0 })],
      { serverlessContainers: { billing: 'instance' } },
      720,
    );
    const s = strategy(evaluate(plan));
    const label = 'Cloud Run, instance-based';
    expect(qpc(lineNamed(s.lineItems, `vCPU-seconds, active (${label})`))).toEqual([
      12_720_000, 0.000018, 228.96,
    ]);
    expect(qpc(lineNamed(s.lineItems, `Memory GiB-seconds, active (${label})`))).toEqual([
      6_030_000, 0.000002, 12.06,
    ]);
    expect(s.lineItems.some((l) => l.component.startsWith('Requests'))).toBe(false);
    expect(s.monthlyCost).toBe(241.02);
  });

  it('Container Apps: one replica of 0.25 vCPU / 0.5 GiB running all month above its minimum: active, 3.6 × the grant, $11.23 + $2.81 = $14.04', () => {
    // 648,000 vCPU-seconds − 180,000 = 468,000 × $0.000024 = $11.232; 1,296,000 GiB-seconds − 360,000 = 936,000 ×
    // $0.000003 = $2.808. (A third-party walk-through of billing.md counts the same 648,000 and 1,296,000 seconds.)
    // A light, steady trickle of requests (under the free 2 M) keeps one replica running; its minimum is 0.
    const plan = testPlan(
      containerApps,
      [
        testService({
          trafficRps: flat(0.5),
          cpuMsPerRequest: 10,
          durationMs: 100,
          minInstances: 0,
          container: { cpuMillicores: 250, memoryMiB: 512 },
          memoryMiB: 512,
        }),
      ],
      {},
      720,
    );
    const s = strategy(evaluate(plan));
    expect(s.capacity.peakTasks).toBe(1);
    const label = 'Azure Container Apps';
    expect(qpc(lineNamed(s.lineItems, `vCPU-seconds, active (${label})`))).toEqual([
      468_000, 0.000024, 11.23,
    ]);
    expect(qpc(lineNamed(s.lineItems, `Memory GiB-seconds, active (${label})`))).toEqual([
      936_000, 0.000003, 2.81,
    ]);
    expect(qpc(lineNamed(s.lineItems, `Requests (${label}; free grant)`))).toEqual([1.296, 0, 0]);
    expect(s.monthlyCost).toBe(14.04);
  });

  it('Container Apps: the same replica as its revision’s minimum, serving nothing: idle $0.000003 per vCPU-second, $1.40 + $2.81 = $4.21', () => {
    const plan = testPlan(containerApps, [warmOnly(1, { cpuMillicores: 250, memoryMiB: 512 }, 512)], {}, 720);
    const s = strategy(evaluate(plan));
    const label = 'Azure Container Apps';
    expect(qpc(lineNamed(s.lineItems, `vCPU-seconds, idle (${label})`))).toEqual([468_000, 0.000003, 1.4]);
    expect(qpc(lineNamed(s.lineItems, `Memory GiB-seconds, idle (${label})`))).toEqual([
      936_000, 0.000003, 2.81,
    ]);
    expect(s.monthlyCost).toBe(4.21);
  });
});

describe('Cloud Run and Container Apps: an hour’s billed instance-seconds (hourUsage)', () => {
  it('light traffic, request-based: each request billed alone, its duration rounded up to 100 ms', () => {
    // 1 request in 1,000 s of 250 ms: billed 300 ms each, 3.6 requests an hour = 1.08 s.
    const u = hourUsage(1, 0, 0.001, 0.25, 0.1, 'request', true);
    expect(u.active).toBeCloseTo(3600 * 0.001 * 0.3, 3);
    expect(u.idle).toBe(0);
    // Without rounding, exactly the time some request is in flight: 3,600 × (1 − e^(−0.00025)).
    expect(hourUsage(1, 0, 0.001, 0.25, 0, 'request', true).active).toBeCloseTo(
      3600 * -Math.expm1(-0.00025),
      9,
    );
  });

  it('heavy traffic: every instance serves all hour, whatever the billing', () => {
    expect(hourUsage(5, 0, 400, 1, 0.1, 'request', true)).toEqual({ active: 18_000, idle: 0 });
    expect(hourUsage(5, 2, 400, 1, 0.1, 'instance', true)).toEqual({ active: 18_000, idle: 0 });
  });

  it('request-based: the minimum instances are idle while they do not serve; the others are not billed', () => {
    // 2 instances, 1 kept warm, 0.5 requests in flight on average: each serves a share 1 − e^(−0.25) of the hour.
    const busy = -Math.expm1(-0.25);
    const u = hourUsage(2, 1, 0.5, 1, 0, 'request', true);
    expect(u.active).toBeCloseTo(2 * 3600 * busy, 6);
    expect(u.idle).toBeCloseTo(3600 * (1 - busy), 6);
  });

  it('instance-based with an idle rate (Container Apps): idle only at the minimum, and only while not serving', () => {
    const u = hourUsage(1, 1, 0.1, 1, 0, 'instance', true);
    expect(u.idle).toBeCloseTo(3600 * Math.exp(-0.1), 6);
    expect(u.active + u.idle).toBeCloseTo(3600, 9);
    // Above the minimum every replica is active.
    expect(hourUsage(2, 1, 0.1, 1, 0, 'instance', true)).toEqual({ active: 7200, idle: 0 });
    // Without an idle rate (Cloud Run instance-based), every running second is active.
    expect(hourUsage(1, 1, 0, 1, 0, 'instance', false)).toEqual({ active: 3600, idle: 0 });
  });

  it('bills between nothing and the running seconds, never more than every request alone rounded up, more with more traffic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0.001, max: 30, noNaN: true }),
        fc.constantFrom('request' as const, 'instance' as const),
        fc.boolean(),
        (n, m, rps, d, billing, hasIdle) => {
          const min = Math.min(m, n);
          const u = hourUsage(n, min, rps, d, 0.1, billing, hasIdle);
          const eps = 1e-6 * (1 + n * 3600);
          expect(u.active).toBeGreaterThanOrEqual(0);
          expect(u.idle).toBeGreaterThanOrEqual(-eps);
          expect(u.active + u.idle).toBeLessThanOrEqual(n * 3600 + eps);
          if (billing === 'request') {
            expect(u.active).toBeLessThanOrEqual(3600 * rps * Math.ceil(d / 0.1 - 1e-9) * 0.1 + eps);
          }
          const more = hourUsage(n, min, rps * 1.5 + 0.01, d, 0.1, billing, hasIdle);
          expect(more.active).toBeGreaterThanOrEqual(u.active - eps);
        },
      ),
    );
  });

  it('no instance, no charge', () => {
    expect(hourUsage(0, 0, 0, 1, 0.1, 'request', true)).toEqual({ active: 0, idle: 0 });
  });
});

describe('Cloud Run and Container Apps: the strategy', () => {
  it('names the product in its lines, not Fargate', () => {
    const plan = testPlan(cloudRun, [testService()]);
    const s = strategy(evaluate(plan));
    expect(s.cannotCost).toBeUndefined();
    expect(s.lineItems.length).toBeGreaterThan(0);
    for (const l of s.lineItems) {
      expect(l.component).not.toMatch(/Fargate|Task/);
      expect(l.component).toContain('Cloud Run');
    }
    const azure = strategy(evaluate(testPlan(containerApps, [testService()])));
    expect(azure.lineItems.every((l) => l.component.includes('Azure Container Apps'))).toBe(true);
  });

  it('applies the free grant once for the whole plan, active usage first, and shares the paid lines by usage', () => {
    const a = testService({ name: 'a', trafficRps: flat(400), cpuMsPerRequest: 1, durationMs: 1000 });
    const b = testService({ name: 'b', trafficRps: flat(400), cpuMsPerRequest: 1, durationMs: 1000 });
    const one = strategy(evaluate(testPlan(cloudRun, [a], {}, 720)));
    const two = strategy(evaluate(testPlan(cloudRun, [a, b], {}, 720)));
    const label = 'Cloud Run, request-based';
    const vcpu = lineNamed(two.lineItems, `vCPU-seconds, active (${label})`);
    expect(vcpu.quantity).toBe(2 * 12_960_000 - 180_000);
    expect(lineNamed(two.lineItems, `vCPU-seconds, active (${label}; free grant)`).quantity).toBe(180_000);
    // Two equal services: twice the one-service bill plus the grant's worth once more ($4.32 + $0.90 + $0.80).
    expect(two.monthlyCost).toBe(Math.round((2 * one.monthlyCost + 4.32 + 0.9 + 0.8) * 100) / 100);
    expect(two.services.map((c) => c.cost)).toEqual([two.monthlyCost / 2, two.monthlyCost / 2]);
    // Without the grant, every second and request is paid.
    const none = strategy(
      evaluate(testPlan(cloudRun, [a], { serverlessContainers: { freeGrant: false } }, 720)),
    );
    expect(none.monthlyCost).toBe(Math.round((one.monthlyCost + 4.32 + 0.9 + 0.8) * 100) / 100);
  });

  it('spends the grant on active usage before idle (meteredLines)', () => {
    const rates = azureContainerApps.containerService.rates.instance;
    const lines = meteredLines(
      'Azure Container Apps',
      rates,
      {
        activeVcpuSeconds: [100_000],
        idleVcpuSeconds: [200_000],
        activeGibSeconds: [0],
        idleGibSeconds: [0],
        requests: [0],
      },
      0,
      true,
    ).map((x) => [x.line.component, x.line.quantity, x.line.cost]);
    expect(lines).toEqual([
      ['vCPU-seconds, active (Azure Container Apps; free grant)', 100_000, 0],
      ['vCPU-seconds, idle (Azure Container Apps; free grant)', 80_000, 0],
      ['vCPU-seconds, idle (Azure Container Apps)', 120_000, 0.36],
    ]);
  });

  it('discounts vCPU and memory (committed use, savings plans), not requests', () => {
    const svc = testService({ trafficRps: flat(400), cpuMsPerRequest: 1, durationMs: 1000 });
    const s = strategy(
      evaluate(testPlan(cloudRun, [svc], { serverlessContainers: { discount: 0.17 } }, 720)),
    );
    const label = 'Cloud Run, request-based';
    expect(lineNamed(s.lineItems, `vCPU-seconds, active (${label})`).unitPrice).toBe(0.00001992);
    expect(lineNamed(s.lineItems, `Requests (${label})`).unitPrice).toBe(0.4);
  });

  it('says a savings-plan commitment and Spot are not applied (AWS offers; priced on demand), never drops them silently', () => {
    const svc = testService({ trafficRps: flat(40), cpuMsPerRequest: 1, durationMs: 200 });
    const plain = strategy(evaluate(testPlan(cloudRun, [svc], {}, 720)));
    const asked = strategy(
      evaluate(
        testPlan(
          cloudRun,
          [svc],
          {
            serverlessContainers: {
              commitment: { hourlyCommitment: 0.5, discount: 0.2 },
              capacity: 'spot',
              spotDiscount: 0.5,
            },
          },
          720,
        ),
      ),
    );
    expect(asked.monthlyCost).toBe(plain.monthlyCost);
    expect(asked.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['commitment-not-modelled', 'spot-not-offered']),
    );
    expect(plain.warnings.some((w) => /commitment|Spot/.test(w.message))).toBe(false);
  });

  it('counts instances for the requests in flight at the concurrency, and for CPU at the target utilization', () => {
    const svc = testService({ trafficRps: flat(400), cpuMsPerRequest: 1, durationMs: 1000 });
    const at = (concurrency: number) =>
      strategy(evaluate(testPlan(cloudRun, [svc], { serverlessContainers: { concurrency } }))).capacity
        .peakTasks;
    expect(at(80)).toBe(5);
    expect(at(10)).toBe(40);
    // CPU decides when it needs more: 400 × 100 ms = 40 vCPU at 70% of 1 vCPU → 58.
    const cpu = testService({ trafficRps: flat(400), cpuMsPerRequest: 100, durationMs: 1000 });
    expect(strategy(evaluate(testPlan(cloudRun, [cpu]))).capacity.peakTasks).toBe(58);
  });

  it('sizes an instance as the smallest valid one that holds the service', () => {
    const prices = gcpCloudRun.containerService;
    const size = (cpuMillicores: number, memoryMiB: number) =>
      instanceSizeOf(testService({ container: { cpuMillicores, memoryMiB }, memoryMiB }), prices);
    expect(size(250, 512)).toEqual({ vcpu: 1, memoryGiB: 0.5 });
    expect(size(1000, 5 * 1024)).toEqual({ vcpu: 2, memoryGiB: 5 });
    expect(size(3000, 1024)).toEqual({ vcpu: 4, memoryGiB: 2 });
    expect(size(9000, 1024)).toBeNull();
    const azure = azureContainerApps.containerService;
    const az = (cpuMillicores: number, memoryMiB: number) =>
      instanceSizeOf(testService({ container: { cpuMillicores, memoryMiB }, memoryMiB }), azure);
    expect(az(250, 512)).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
    expect(az(250, 3000)).toEqual({ vcpu: 1.5, memoryGiB: 3 });
  });

  it('warns that a stateful service’s instance starts empty, naming the product', () => {
    const s = strategy(evaluate(testPlan(containerApps, [testService({ stateful: true })])));
    expect(s.warnings.find((w) => w.code === 'stateful-task')?.message).toContain('Azure Container Apps');
  });

  it('cannot cost a billing mode the product lacks, a concurrency above its most, a service no instance holds', () => {
    const plan = testPlan(
      containerApps,
      [testService({ name: 'big', container: { cpuMillicores: 250, memoryMiB: 512 }, memoryMiB: 16 * 1024 })],
      { serverlessContainers: { billing: 'request', concurrency: 5000 } },
    );
    const problems = costingProblems(plan).get('serverless-containers') ?? [];
    expect(problems.map((x) => x.path)).toEqual([
      'strategies.serverlessContainers.billing',
      'strategies.serverlessContainers.concurrency',
      'services[0].memoryMiB',
    ]);
    expect(problems[2]!.message).toContain('the largest is 4 vCPU / 8 GiB');
    expect(strategy(evaluate(plan)).cannotCost?.length).toBe(3);
  });

  it('gives the same figures costs-only and in full, and through an evaluator after an edit', () => {
    const services = [
      testService({ name: 'a', trafficRps: flat(3), durationMs: 250, minInstances: 1 }),
      {
        ...testService({ name: 'b', trafficRps: flat(40), durationMs: 900 }),
        latency: { targetWaitMs: 50, percentile: 0.95, concurrencyPerInstance: 10 },
      },
    ];
    for (const catalog of [cloudRun, containerApps]) {
      const plan = testPlan(catalog, services, { serverlessContainers: { scaling: 'hourly' } }, 720);
      const full = strategy(evaluate(plan));
      const ev = createEvaluator();
      const costOf = (p: typeof plan) =>
        ev.costs(p).strategies.find((x) => x.id === 'serverless-containers')!.monthlyCost;
      expect(costOf(plan)).toBe(full.monthlyCost);
      // The full report after a costs-only pass (the evaluator keeps what it computed) is the same report.
      expect(strategy(ev.evaluate(plan))).toEqual(full);
      const edited = { ...plan, services: [plan.services[0]!, { ...plan.services[1]!, durationMs: 450 }] };
      expect(strategy(ev.evaluate(edited))).toEqual(strategy(evaluate(edited)));
    }
  });

  it('leaves a catalog with Fargate priced by Fargate', () => {
    const both: Catalog = { ...structuredClone(awsUsEast1), containerService: gcpCloudRun.containerService };
    const s = strategy(evaluate(testPlan(both, [testService()])));
    expect(s.lineItems[0]!.component).toMatch(/^Task vCPU-hours \(ECS on Fargate/);
  });
});
