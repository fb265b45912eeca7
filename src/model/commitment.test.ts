// Commitments that behave like Savings Plans, and Spot capacity (issue 13 §5; docs/cost-model.md "Commitments
// (Savings Plans)", "Spot capacity").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { gcpUsCentral1 } from '../catalog/gcp-us-central1.ts';
import { bestLevel, costAtLevel, costCurve, hourWeights } from './commitment.ts';
import { createEvaluator, evaluate } from './engine.ts';
import { flat, testPlan, testService } from './testing.ts';
import type { Plan, StrategyReport } from './types.ts';

const HPM = 730;
const W = hourWeights(HPM);

/** A week of `base` every hour and `peak` in the 8 busiest hours of each weekday (40 hours of 168). */
function officeWeek(base: number, peak: number): number[] {
  return Array.from({ length: 168 }, (_, h) => (h < 120 && h % 24 >= 9 && h % 24 < 17 ? peak : base));
}

const report = (plan: Plan, id: StrategyReport['id']): StrategyReport =>
  evaluate(plan).strategies.find((s) => s.id === id)!;

describe('the best commitment level', () => {
  it('is the level a scan of every breakpoint and a fine grid finds cheapest (the cost is convex, piecewise linear)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 168, maxLength: 168 }),
        fc.double({ min: 0, max: 0.72, noNaN: true }),
        (spend, d) => {
          const best = bestLevel(spend, W, d);
          const cost = costAtLevel(spend, W, best, d);
          const peak = Math.max(...spend);
          const scan = [0, ...spend, ...Array.from({ length: 201 }, (_, i) => (peak * i) / 200)];
          for (const level of scan) {
            expect(cost).toBeLessThanOrEqual(costAtLevel(spend, W, level, d) + 1e-6 * (1 + cost));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is the discount-quantile of the hourly spend: with 28% off, commit at the level 28% of the hours stay at or below', () => {
    // 128 quiet hours at $1 (76% of the week), 40 busy hours at $3: 76% ≥ 28%, so the quiet level.
    const week = officeWeek(1, 3);
    expect(bestLevel(week, W, 0.28)).toBe(1);
    // Above 76% off, covering the busy hours too pays: every extra dollar costs 0.2 all week and saves 1 in 24% of it.
    expect(bestLevel(week, W, 0.8)).toBe(3);
    // No discount: no commitment.
    expect(bestLevel(week, W, 0)).toBe(0);
  });

  it('the cost curve starts at no commitment, ends at the peak, and its lowest point is the best level', () => {
    const week = officeWeek(1, 3);
    const curve = costCurve(week, W, 0.28);
    // $1 × 730 × 128/168 + $3 × 730 × 40/168, to the cent
    expect(curve[0]).toEqual({ hourlyCommitment: 0, monthlyCost: 1077.62 });
    expect(curve.at(-1)!.hourlyCommitment).toBe(3);
    const lowest = curve.reduce((a, b) => (b.monthlyCost < a.monthlyCost ? b : a));
    expect(lowest.hourlyCommitment).toBe(1);
  });
});

describe('a commitment in a strategy', () => {
  // Two m6i.2xlarge shared hosts ($0.384 an hour each): $0.768 an hour every hour.
  const services = [testService({ name: 'a', trafficRps: flat(10) }), testService({ name: 'b' })];

  it('v1 settings without a commitment report none and keep their figures', () => {
    const plain = report(testPlan(awsUsEast1, services), 'shared-host');
    expect(plain.commitment).toBeUndefined();
    expect(plain.lineItems.some((l) => l.component.startsWith('Savings plan'))).toBe(false);
  });

  it('shared hosts: a commitment equal to the pool’s spend is used in full, the pool billed at 28% off', () => {
    const r = report(
      testPlan(awsUsEast1, services, {
        sharedHost: { commitment: { hourlyCommitment: 0.768, discount: 0.28 } },
      }),
      'shared-host',
    );
    const c = r.commitment!;
    // 0.768 × 0.72 × 730 = 403.6608
    expect(c.committed).toBe(403.66);
    expect(c.used).toBe(403.66);
    expect(c.wasted).toBe(0);
    expect(c.coveredOnDemand).toBe(560.64);
    const lines = r.lineItems.map((l) => [l.component, l.cost]);
    expect(lines).toEqual([
      ['Instance hours (m6i.2xlarge)', 560.64],
      ['Savings plan commitment (0.768/h of on-demand spend at 28% off)', 403.66],
      ['Usage covered by the savings plan (on-demand cost negated)', -560.64],
    ]);
    expect(r.monthlyCost).toBe(403.66);
    expect(c.best.hourlyCommitment).toBe(0.768);
    expect(c.best.saves).toBe(156.98);
    // The services' costs still add up to the total.
    expect(r.services.reduce((a, s) => a + Math.round(s.cost * 100), 0)).toBe(40366);
  });

  it('shared hosts: committing more than the pool spends wastes the rest, every hour', () => {
    const r = report(
      testPlan(awsUsEast1, services, { sharedHost: { commitment: { hourlyCommitment: 1, discount: 0.28 } } }),
      'shared-host',
    );
    const c = r.commitment!;
    expect(c.committed).toBe(525.6); // 1 × 0.72 × 730
    expect(c.used).toBe(403.66);
    expect(c.wasted).toBe(121.94);
    expect(r.monthlyCost).toBe(525.6);
  });

  it('an hourly fleet: the commitment covers the base, the peaks stay on demand (per hour, not the month’s average)', () => {
    // VM per service on m6i.large ($0.096): 1 instance all week, 3 in the 40 busy hours.
    const svc = testService({
      name: 'web',
      trafficRps: officeWeek(50, 150),
      cpuMsPerRequest: 10,
      minInstances: 1,
    });
    const plan = (commitment?: { hourlyCommitment: number; discount: number }) =>
      testPlan(awsUsEast1, [svc], {
        vmPerService: {
          instanceType: 'm6i.large',
          scaling: 'hourly',
          targetUtilization: 0.5,
          ...(commitment ? { commitment } : {}),
        },
      });
    const none = report(plan(), 'vm-per-service');
    expect(none.week.units.slice(0, 12)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
    const base = 0.096 * Math.min(...none.week.units);
    const r = report(plan({ hourlyCommitment: base, discount: 0.28 }), 'vm-per-service');
    const c = r.commitment!;
    expect(c.wasted).toBe(0);
    // The month's average spend is above the base; committing the average would waste money in the quiet hours.
    const avg = report(
      plan({ hourlyCommitment: (none.monthlyCost / HPM) * 1, discount: 0.28 }),
      'vm-per-service',
    );
    expect(avg.commitment!.wasted).toBeGreaterThan(0);
    expect(r.monthlyCost).toBeLessThan(none.monthlyCost);
    expect(c.best.hourlyCommitment).toBe(clean2(base));
    // The curve's lowest point is the best level, and it is below no commitment by `saves`.
    expect(c.curve[0]!.monthlyCost - c.best.monthlyCost).toBeCloseTo(c.best.saves, 2);
  });

  it('the flat discount is a negotiated discount taken after the commitment, off the fee and the on-demand rest', () => {
    const r = report(
      testPlan(awsUsEast1, services, {
        sharedHost: { discount: 0.1, commitment: { hourlyCommitment: 0.768, discount: 0.28 } },
      }),
      'shared-host',
    );
    // 0.768 × 0.72 × 0.9 × 730
    expect(r.monthlyCost).toBe(363.29);
    expect(r.commitment!.committed).toBe(363.29);
  });

  it('a level of 0 bills nothing and still reports the best level', () => {
    const r = report(
      testPlan(awsUsEast1, services, { sharedHost: { commitment: { hourlyCommitment: 0, discount: 0.28 } } }),
      'shared-host',
    );
    expect(r.monthlyCost).toBe(560.64);
    expect(r.commitment!.committed).toBe(0);
    expect(r.commitment!.best.hourlyCommitment).toBe(0.768);
  });

  it('containers and Fargate: costs only (a simulation) gives the same monthly cost as the full report', () => {
    const svc = testService({ name: 'web', trafficRps: officeWeek(40, 160), cpuMsPerRequest: 20 });
    const commitment = { hourlyCommitment: 0.15, discount: 0.3 };
    const plan = testPlan(awsUsEast1, [svc], {
      containerCluster: { commitment },
      serverlessContainers: { commitment },
      serverless: { commitment },
      vmPerService: { scaling: 'hourly', commitment },
      sharedHost: { commitment },
    });
    const full = evaluate(plan);
    const costs = createEvaluator().costs(plan);
    for (const s of full.strategies) {
      expect(costs.strategies.find((c) => c.id === s.id)!.monthlyCost, s.id).toBe(s.monthlyCost);
      expect(s.commitment, s.id).toBeDefined();
    }
  });
});

describe('a commitment on Lambda', () => {
  it('covers duration and provisioned concurrency: the hourly spend adds up to their month at list prices', () => {
    const svc = testService({
      name: 'api',
      trafficRps: officeWeek(20, 200),
      durationMs: 120,
      serverless: {
        memoryMiB: 1024,
        architecture: 'x86_64',
        ephemeralStorageMiB: 512,
        provisionedConcurrency: 2,
      },
    });
    const plan = testPlan(awsUsEast1, [svc], {
      serverless: { freeTier: false, commitment: { hourlyCommitment: 0, discount: 0.17 } },
    });
    const r = report(plan, 'serverless');
    const eligible = r.lineItems
      .filter((l) => /^Duration|^Provisioned concurrency/.test(l.component))
      .reduce((a, l) => a + l.cost, 0);
    expect(r.commitment!.eligibleOnDemand).toBeCloseTo(eligible, 1);
    // Requests are not covered: a commitment of the whole eligible spend never covers more than it.
    expect(r.commitment!.covers).toContain('Lambda duration');
    expect(r.commitment!.best.hourlyCommitment).toBeGreaterThan(0);
    const full = report(
      testPlan(awsUsEast1, [svc], {
        serverless: {
          freeTier: false,
          commitment: { hourlyCommitment: r.commitment!.best.hourlyCommitment, discount: 0.17 },
        },
      }),
      'serverless',
    );
    expect(full.monthlyCost).toBeCloseTo(r.monthlyCost - r.commitment!.best.saves, 1);
  });
});

describe('Spot capacity', () => {
  const svc = testService({ name: 'db', stateful: true });

  it('default on-demand: no figure changes and no Spot note', () => {
    const a = evaluate(testPlan(awsUsEast1, [svc]));
    const b = evaluate(
      testPlan(awsUsEast1, [svc], {
        containerCluster: { capacity: 'on-demand', spotDiscount: 0.6 },
        serverlessContainers: { capacity: 'on-demand', spotDiscount: 0.6 },
      }),
    );
    expect(b.strategies.map((s) => s.monthlyCost)).toEqual(a.strategies.map((s) => s.monthlyCost));
    expect(b.strategies.flatMap((s) => s.warnings).some((w) => w.code.startsWith('spot'))).toBe(false);
  });

  it('Spot nodes: node-hours at the user’s Spot discount, the two-minute notice, a warning for a stateful service', () => {
    const plan = testPlan(awsUsEast1, [svc], { containerCluster: { capacity: 'spot', spotDiscount: 0.6 } });
    const r = report(plan, 'container-cluster');
    const node = r.lineItems.find((l) => l.component.startsWith('Node hours ('))!;
    expect(node.unitPrice).toBe(0.0768); // m6i.xlarge $0.192 × 0.4
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('spot-interruption');
    expect(r.warnings.find((w) => w.code === 'spot-interruption')!.message).toContain('two-minute notice');
    expect(r.warnings.find((w) => w.code === 'spot-stateful')!.service).toBe('db');
  });

  it('Fargate Spot: vCPU and memory at the Spot discount, storage not; a commitment cannot cover it', () => {
    const plan = testPlan(awsUsEast1, [testService({ name: 'web' })], {
      serverlessContainers: {
        capacity: 'spot',
        spotDiscount: 0.7,
        commitment: { hourlyCommitment: 0.05, discount: 0.2 },
      },
    });
    const r = report(plan, 'serverless-containers');
    const vcpu = r.lineItems.find((l) => l.component.startsWith('Task vCPU-hours'))!;
    expect(vcpu.unitPrice).toBe(0.012144); // $0.04048 × 0.3
    expect(r.commitment!.eligible).toBe(false);
    expect(r.commitment!.used).toBe(0);
    expect(r.commitment!.wasted).toBe(r.commitment!.committed);
    expect(r.warnings.map((w) => w.code)).toContain('commitment-on-spot');
  });

  it('Fargate Spot on EKS cannot be costed: a located problem names the setting', () => {
    const r = report(
      testPlan(awsUsEast1, [testService()], { serverlessContainers: { platform: 'eks', capacity: 'spot' } }),
      'serverless-containers',
    );
    expect(r.cannotCost?.map((c) => c.path)).toEqual(['strategies.serverlessContainers.capacity']);
  });

  it('Spot with no discount figure says the nodes are priced on demand', () => {
    const r = report(
      testPlan(awsUsEast1, [svc], { containerCluster: { capacity: 'spot' } }),
      'container-cluster',
    );
    expect(r.warnings.map((w) => w.code)).toContain('spot-no-discount');
  });
});

function clean2(x: number): number {
  return Number(x.toPrecision(12));
}

describe('a commitment on functions billed per vCPU-second too (Cloud Run functions)', () => {
  it('counts the vCPU-seconds in the eligible on-demand spend, as well as the memory time', () => {
    const svc = testService({ name: 'fn', trafficRps: flat(50), cpuMsPerRequest: 20, durationMs: 250 });
    const plan = testPlan(structuredClone(gcpUsCentral1), [svc], {
      serverless: { freeTier: false, commitment: { hourlyCommitment: 0.01, discount: 0.2 } },
    });
    const s = evaluate(plan).strategies.find((x) => x.id === 'serverless')!;
    const duration = s.lineItems
      .filter((l) => /duration/i.test(l.component) && l.unitPrice > 0)
      .reduce((a, l) => a + l.quantity * l.unitPrice, 0);
    expect(s.lineItems.some((l) => l.component.startsWith('CPU duration'))).toBe(true);
    expect(s.commitment!.eligibleOnDemand).toBeCloseTo(duration, 2);
  });
});
