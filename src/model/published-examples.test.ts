// Every published example in ../shared/reference/pricing.md, reproduced to the cent through the engine.
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate } from './engine.ts';
import {
  EVICTION_THRESHOLD_MIB,
  aksReservedMemoryMiB,
  eksReservedMemoryMiB,
  nodeAllocatable,
  tieredCpuReservedMillicores,
} from './kubernetes.ts';
import { flat, testPlan, testService } from './testing.ts';
import type { Catalog, LineItem, Report, StrategyId } from './types.ts';

const catalog: Catalog = structuredClone(awsUsEast1);

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

describe('published examples (pricing.md)', () => {
  it('1. Lambda mobile backend: 3M requests × 120 ms × 1,536 MB, free tier on → $2.33 + $0.40 = $2.73', () => {
    const plan = testPlan(catalog, [
      testService({ trafficRps: perMonth(3_000_000), durationMs: 120, serverless: { memoryMiB: 1536 } }),
    ]);
    const s = strategy(evaluate(plan), 'serverless');
    const compute = lineNamed(s.lineItems, 'Duration, x86_64 (first 6B)');
    expect(compute.quantity).toBe(140_000);
    expect(compute.cost).toBe(2.33);
    expect(lineNamed(s.lineItems, 'Duration, x86_64 (free tier)').quantity).toBe(400_000);
    const requests = lineNamed(s.lineItems, 'Requests');
    expect(requests.quantity).toBe(2);
    expect(requests.cost).toBe(0.4);
    expect(s.monthlyCost).toBe(2.73);
  });

  it('2. pre-2020 Lambda example with the plan’s own price $0.00001667: $18.34 + $0.40 = $18.74', () => {
    const old: Catalog = structuredClone(catalog);
    old.serverless.gbSecond.x86_64 = [{ upTo: null, price: 0.00001667 }];
    const plan = testPlan(old, [
      testService({ trafficRps: perMonth(3_000_000), durationMs: 1000, serverless: { memoryMiB: 512 } }),
    ]);
    const s = strategy(evaluate(plan), 'serverless');
    const compute = lineNamed(s.lineItems, 'Duration, x86_64 (all)');
    expect(compute.quantity).toBe(1_100_000);
    expect(compute.cost).toBe(18.34);
    expect(lineNamed(s.lineItems, 'Requests').cost).toBe(0.4);
    expect(s.monthlyCost).toBe(18.74);
  });

  it('3. 1 ms billing: 60M invocations × 28 ms × 1,024 MB, free tier off → compute $28.00, requests $12.00', () => {
    const plan = testPlan(
      catalog,
      [testService({ trafficRps: perMonth(60_000_000), durationMs: 28, serverless: { memoryMiB: 1024 } })],
      { serverless: { freeTier: false } },
    );
    const s = strategy(evaluate(plan), 'serverless');
    const compute = lineNamed(s.lineItems, 'Duration, x86_64 (first 6B)');
    expect(compute.quantity).toBe(1_680_000);
    expect(compute.cost).toBe(28);
    expect(lineNamed(s.lineItems, 'Requests').cost).toBe(12);
    expect(s.monthlyCost).toBe(40);
  });

  it('4. API Gateway REST: 5M calls → 5 × $3.50 = $17.50', () => {
    const plan = testPlan(catalog, [testService({ trafficRps: perMonth(5_000_000) })], {
      serverless: { apiGateway: 'rest' },
    });
    const s = strategy(evaluate(plan), 'serverless');
    const api = lineNamed(s.lineItems, 'API Gateway REST API requests (first 333M)');
    expect(api.quantity).toBe(5);
    expect(api.unitPrice).toBe(3.5);
    expect(api.cost).toBe(17.5);
  });

  it('5. EC2: one m6i.large for 730 h = $70.08', () => {
    const plan = testPlan(catalog, [testService({ trafficRps: flat(1), minInstances: 1 })], {
      vmPerService: { instanceType: 'm6i.large' },
      sharedHost: { instanceType: 'm6i.large', minHosts: 1 },
    });
    const r = evaluate(plan);
    for (const id of ['vm-per-service', 'shared-host'] as const) {
      const s = strategy(r, id);
      expect(s.lineItems).toEqual([
        expect.objectContaining({
          component: 'Instance hours (m6i.large)',
          quantity: 730,
          unitPrice: 0.096,
          cost: 70.08,
        }),
      ]);
      expect(s.monthlyCost).toBe(70.08);
    }
  });

  it('6. EKS: t3.medium (maxPods 17) reserves 442 MiB and 70m CPU', () => {
    expect(eksReservedMemoryMiB(17)).toBe(442);
    expect(tieredCpuReservedMillicores(2)).toBe(70);
    const t3medium = catalog.instanceTypes.find((t) => t.name === 't3.medium')!;
    const a = nodeAllocatable(t3medium, 'eks', { cpuMillicores: 0, memoryMiB: 0 })!;
    expect(a.reserved).toEqual({ cpuMillicores: 70, memoryMiB: 442 });
    expect(a.memoryMiB).toBe(4096 - 442 - EVICTION_THRESHOLD_MIB);
    expect(a.pods).toBe(17);
  });

  it('7. GKE: a 4-vCPU node has 3,920m allocatable CPU', () => {
    const m6ixl = catalog.instanceTypes.find((t) => t.name === 'm6i.xlarge')!;
    expect(nodeAllocatable(m6ixl, 'gke', { cpuMillicores: 0, memoryMiB: 0 })!.cpuMillicores).toBe(3920);
  });

  it('8. AKS: an 8 GB node with maxPods 30 reserves 650 MB and allocates 7.25 GB', () => {
    // The published example counts the node as 8,000 MB; the formula is unit-agnostic.
    expect(aksReservedMemoryMiB(30, 8000)).toBe(650);
    expect(8000 - aksReservedMemoryMiB(30, 8000) - EVICTION_THRESHOLD_MIB).toBe(7250);
  });
});
