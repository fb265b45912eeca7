// Worked examples for the other clouds (issue 13 §2–§3; ../shared/reference/pricing-2.md §6–§7), to the cent through
// the engine, and the catalog shape's rules: GCP and Azure machine prices, Azure Functions' and Cloud Run functions'
// billing, GKE's monthly credit, AKS's tiers, the catalogs' own defaults and product names.
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { azureEastus } from '../catalog/azure-eastus.ts';
import { GCP_MACHINE_RATES, gcpUsCentral1 } from '../catalog/gcp-us-central1.ts';
import { evaluate } from './engine.ts';
import { billedMemoryMiB } from './provider.ts';
import { billedSeconds } from './serverless.ts';
import { flat, testPlan, testService } from './testing.ts';
import type { Catalog, LineItem, Report, StrategyId } from './types.ts';

const gcp: Catalog = structuredClone(gcpUsCentral1);
const azure: Catalog = structuredClone(azureEastus);

/** A flat curve giving exactly `requests` a month over 730 hours. */
function perMonth(requests: number): number[] {
  return flat(requests / (3600 * 730));
}

function strategy(r: Report, id: StrategyId) {
  const s = r.strategies.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
}

function lineNamed(lines: LineItem[], component: string): LineItem {
  const l = lines.find((x) => x.component === component);
  if (!l) throw new Error(`no line "${component}" in ${lines.map((x) => x.component).join(', ')}`);
  return l;
}

const price = (c: Catalog, name: string): number => {
  const t = c.instanceTypes.find((x) => x.name === name);
  if (!t) throw new Error(name);
  return t.hourly;
};

describe('machine prices (pricing-2.md §6, §7)', () => {
  it('Compute Engine: vCPU × the family rate + GiB × its rate, as pricing-2.md §6 gives them', () => {
    expect(GCP_MACHINE_RATES.e2).toEqual({ vcpuHourly: 0.021811, memoryGiBHourly: 0.002923 });
    expect(GCP_MACHINE_RATES.n2).toEqual({ vcpuHourly: 0.031611, memoryGiBHourly: 0.004237 });
    expect(price(gcp, 'e2-medium')).toBe(0.033503); // shared core, billed as 1 vCPU
    expect(price(gcp, 'e2-standard-2')).toBe(0.067006);
    expect(price(gcp, 'e2-standard-4')).toBe(0.134012);
    expect(price(gcp, 'n2-standard-2')).toBe(0.097118);
    expect(price(gcp, 'n2-standard-4')).toBe(0.194236);
    expect(price(gcp, 'n2-standard-8')).toBe(0.388472);
  });

  it('Azure: D2s v5 $0.096, D4s v5 $0.192, B2s $0.0416 an hour', () => {
    expect(price(azure, 'Standard_D2s_v5')).toBe(0.096);
    expect(price(azure, 'Standard_D4s_v5')).toBe(0.192);
    expect(price(azure, 'Standard_B2s')).toBe(0.0416);
  });

  it('a month of n2-standard-8 is 730 × $0.388472 = $283.58 on the shared host (the catalog’s default host)', () => {
    const plan = testPlan(gcp, [testService({ trafficRps: flat(1) })], { sharedHost: { minHosts: 1 } });
    expect(plan.strategies.sharedHost.instanceType).toBe('n2-standard-8');
    const s = strategy(evaluate(plan), 'shared-host');
    expect(s.monthlyCost).toBe(283.58);
  });
});

describe('Azure Functions, Consumption plan (pricing page rules; rates pricing-2.md §7)', () => {
  it('3 M executions × 1 s × 512 MB: (1,500,000 − 400,000) GB-s × $0.000016 + (3 M − 1 M) × $0.20/M = $17.60 + $0.40 = $18.00', () => {
    const plan = testPlan(azure, [
      testService({ trafficRps: perMonth(3_000_000), durationMs: 1000, cpuMsPerRequest: 10, memoryMiB: 512 }),
    ]);
    const s = strategy(evaluate(plan), 'serverless');
    const free = lineNamed(s.lineItems, 'Memory duration, x86_64 (free tier)');
    expect(free.quantity).toBe(400_000);
    const paid = lineNamed(s.lineItems, 'Memory duration, x86_64 (all)');
    expect(paid.quantity).toBe(1_100_000);
    expect(paid.cost).toBe(17.6);
    expect(lineNamed(s.lineItems, 'Requests').cost).toBe(0.4);
    expect(s.monthlyCost).toBe(18);
  });

  it('the same at 1,536 MB (a third-party example, modal.com): 4,100,000 GB-s × $0.000016 + $0.40 = $66.00', () => {
    const plan = testPlan(azure, [
      testService({
        trafficRps: perMonth(3_000_000),
        durationMs: 1000,
        cpuMsPerRequest: 10,
        memoryMiB: 1536,
      }),
    ]);
    expect(strategy(evaluate(plan), 'serverless').monthlyCost).toBe(66);
  });

  it('memory is rounded up to 128 MB steps and capped at 1,536 MB; a run is billed at least 100 ms', () => {
    // Microsoft's own example: a process using 160 MB is charged for 256 MB.
    expect(billedMemoryMiB(160, azure.serverless)).toBe(256);
    expect(billedMemoryMiB(128, azure.serverless)).toBe(128);
    expect(billedMemoryMiB(100, azure.serverless)).toBe(128);
    expect(billedMemoryMiB(1500, azure.serverless)).toBe(1536);
    expect(billedSeconds(40, 1, 100)).toBe(0.1);
    expect(billedSeconds(140.2, 1, 100)).toBe(0.141);
  });

  it('a service needing more than 1,536 MB cannot run on Azure Functions, said in Azure’s words', () => {
    const plan = testPlan(azure, [testService({ name: 'big', memoryMiB: 2048 })]);
    const s = strategy(evaluate(plan), 'serverless');
    expect(s.services[0]!.included).toBe(false);
    const w = s.warnings.find((x) => x.code === 'not-eligible');
    expect(w?.message).toContain('cannot run on Azure Functions');
    expect(w?.message).toContain('1536 MB');
  });
});

describe('Cloud Run functions (Cloud Run request-based rates, pricing-2.md §6)', () => {
  it('10 M requests × 250 ms (billed 300 ms) at 512 MiB (.333 vCPU): $19.66 CPU + $2.85 memory + $3.20 requests = $25.71', () => {
    // vCPU-s: 10 M × 0.3 s × 0.333 = 999,000 − 180,000 free = 819,000 × $0.000024 = $19.656
    // GiB-s: 10 M × 0.3 s × 0.5 = 1,500,000 − 360,000 free = 1,140,000 × $0.0000025 = $2.85
    // requests: 10 M − 2 M free = 8 M × $0.40 = $3.20
    const plan = testPlan(gcp, [
      testService({ trafficRps: perMonth(10_000_000), durationMs: 250, cpuMsPerRequest: 50, memoryMiB: 512 }),
    ]);
    const s = strategy(evaluate(plan), 'serverless');
    expect(lineNamed(s.lineItems, 'CPU duration (free tier)').quantity).toBe(180_000);
    const cpu = lineNamed(s.lineItems, 'CPU duration (all)');
    expect(cpu.quantity).toBe(819_000);
    expect(cpu.unit).toBe('vCPU-seconds');
    expect(cpu.cost).toBe(19.66);
    const memory = lineNamed(s.lineItems, 'Memory duration, x86_64 (all)');
    expect(memory.quantity).toBe(1_140_000);
    expect(memory.unit).toBe('GiB-seconds');
    expect(memory.cost).toBe(2.85);
    expect(lineNamed(s.lineItems, 'Requests').cost).toBe(3.2);
    expect(s.monthlyCost).toBe(25.71);
  });

  it('rounds each request up to 100 ms; Lambda’s rule stays 1 ms', () => {
    expect(billedSeconds(250, 100)).toBe(0.3);
    expect(billedSeconds(300, 100)).toBe(0.3);
    expect(billedSeconds(300.5, 100)).toBe(0.4);
    expect(billedSeconds(27.2)).toBe(0.028);
  });

  it('a function with too little vCPU for its CPU work runs (and is billed) longer', () => {
    // 128 MiB gives .083 vCPU: 50 CPU-ms take 50 ÷ 0.083 = 602.4 ms, billed 700 ms.
    const plan = testPlan(gcp, [
      testService({ trafficRps: perMonth(1_000_000), durationMs: 100, cpuMsPerRequest: 50, memoryMiB: 128 }),
    ]);
    const s = strategy(evaluate(plan), 'serverless');
    expect(s.capacity['gbSeconds']).toBe(1_000_000 * 0.7 * 0.125);
  });

  it('provisioned concurrency cannot be priced: the service is left out, with the reason', () => {
    const plan = testPlan(gcp, [testService({ name: 'warm', serverless: { provisionedConcurrency: 2 } })]);
    const s = strategy(evaluate(plan), 'serverless');
    expect(s.services[0]!.included).toBe(false);
    expect(s.warnings.find((x) => x.code === 'not-eligible')?.message).toContain('minimum instances');
  });
});

describe('GKE: the $74.40 monthly credit (zonal and Autopilot clusters only)', () => {
  const svc = testService({ trafficRps: flat(5) });

  it('a single-zone plan is priced as a zonal cluster: the credit covers all 730 control-plane hours', () => {
    const plan = testPlan(gcp, [svc]);
    const s = strategy(evaluate(plan), 'container-cluster');
    const covered = lineNamed(s.lineItems, 'GKE control plane hours covered by the monthly credit');
    expect(covered.quantity).toBe(730);
    expect(covered.cost).toBe(0);
    expect(s.lineItems.some((l) => l.component === 'GKE control plane hours')).toBe(false);
    expect(s.warnings.find((w) => w.code === 'kubernetes-credit')?.message).toContain('zonal cluster');
  });

  it('a month longer than the credit pays the hours above it: 800 h − 744 h = 56 h × $0.10 = $5.60', () => {
    const s = strategy(evaluate(testPlan(gcp, [svc], {}, 800)), 'container-cluster');
    expect(lineNamed(s.lineItems, 'GKE control plane hours covered by the monthly credit').quantity).toBe(
      744,
    );
    expect(lineNamed(s.lineItems, 'GKE control plane hours').cost).toBe(5.6);
  });

  it('a plan over two zones is priced as a regional cluster, which pays the whole fee: $73.00', () => {
    const plan = testPlan(gcp, [svc], {}, 730, { resilience: { zones: 2, surviveZoneLoss: false } });
    const s = strategy(evaluate(plan), 'container-cluster');
    expect(lineNamed(s.lineItems, 'GKE control plane hours').cost).toBe(73);
    expect(s.warnings.find((w) => w.code === 'kubernetes-credit')?.message).toContain('regional cluster');
  });

  it('GKE reservations and 110 pods per node on the catalog’s default node type', () => {
    const plan = testPlan(gcp, [svc]);
    expect(plan.strategies.containerCluster.nodeType).toBe('n2-standard-4');
    expect(plan.strategies.containerCluster.reservation).toBe('gke');
    const s = strategy(evaluate(plan), 'container-cluster');
    expect(s.capacity['maxPodsPerNode']).toBe(110 - plan.strategies.containerCluster.daemonSetPods);
  });
});

describe('AKS tiers', () => {
  const svc = testService({ trafficRps: flat(5) });

  it('standard tier (the catalog’s default): 730 h × $0.10 = $73.00; AKS reservations, 250 pods per node', () => {
    const plan = testPlan(azure, [svc]);
    expect(plan.strategies.containerCluster.reservation).toBe('aks');
    const s = strategy(evaluate(plan), 'container-cluster');
    expect(lineNamed(s.lineItems, 'AKS control plane hours').cost).toBe(73);
    expect(s.capacity['maxPodsPerNode']).toBe(250 - plan.strategies.containerCluster.daemonSetPods);
  });

  it('free tier (controlPlaneHourly 0): no control-plane line', () => {
    expect(azure.kubernetes.tiers?.find((t) => t.name === 'free')?.hourly).toBe(0);
    const s = strategy(
      evaluate(testPlan(azure, [svc], { containerCluster: { controlPlaneHourly: 0 } })),
      'container-cluster',
    );
    expect(s.lineItems.some((l) => l.component.includes('control plane'))).toBe(false);
  });
});

describe('a plan under another cloud', () => {
  const services = [
    testService({ name: 'api', trafficRps: flat(20) }),
    testService({ name: 'db', stateful: true }),
  ];

  it.each([
    ['gcp', gcp],
    ['azure', azure],
  ])('%s: no line item names an AWS product; what it cannot price is listed, located', (_, catalog) => {
    const plan = testPlan(catalog, services, { serverless: { apiGateway: 'http' } });
    const r = evaluate(plan);
    for (const s of r.strategies) {
      for (const l of s.lineItems) expect(l.component).not.toMatch(/Lambda|EKS|EC2|Fargate|m6i|API Gateway/);
    }
    const fn = strategy(r, 'serverless');
    expect(fn.name).toBe(`Serverless (${catalog.products!.functions!})`);
    expect(fn.notIncluded).toContain(
      `API Gateway (HTTP API): configured, but catalog "${catalog.id}" has no price for it`,
    );
    expect(fn.warnings.some((w) => w.code === 'not-priced' && w.message.includes('API Gateway'))).toBe(true);
    // No Fargate: serverless containers are the cloud's own product (Cloud Run, Container Apps), named in the lines.
    const sc = strategy(r, 'serverless-containers');
    expect(sc.cannotCost).toBeUndefined();
    expect(sc.name).toBe(`Serverless containers (${catalog.containerService!.product})`);
    expect(sc.lineItems.some((l) => l.component.includes(catalog.containerService!.product))).toBe(true);
  });

  it('the AWS catalog keeps its defaults and words', () => {
    const plan = testPlan(structuredClone(awsUsEast1), services);
    expect(plan.strategies.sharedHost.instanceType).toBe('m6i.2xlarge');
    expect(plan.strategies.containerCluster.nodeType).toBe('m6i.xlarge');
    expect(plan.strategies.containerCluster.reservation).toBe('eks');
    const fn = strategy(evaluate(plan), 'serverless');
    expect(fn.name).toBe('Serverless (Lambda)');
    expect(fn.warnings.find((w) => w.code === 'not-eligible')?.message).toContain('cannot run on Lambda');
  });
});
