// Lambda's complete total (issue 10 §6): the services Lambda cannot run priced by the plan's fallback strategy,
// alone, and included in Lambda's total. Figures checked by hand against aws-us-east-1 (docs/cost-model.md
// "Complete totals").
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate, forecast } from './engine.ts';
import { flat, testPlan, testService } from './testing.ts';
import type { Plan, ServerlessFallback, StrategyReport } from './types.ts';

// api: 10 req/s all month, 50 ms at 512 MB → 26.28M requests ($5.26) and 657,000 GB-s ($10.95) = $16.21.
const api = testService({ name: 'api', trafficRps: flat(10), cpuMsPerRequest: 10, durationMs: 50 });
// db: stateful, so Lambda cannot run it; 0.1 vCPU of demand: one m6i.large (730 h × $0.096 = $70.08).
const db = testService({ name: 'db', trafficRps: flat(10), cpuMsPerRequest: 10, stateful: true });
const batch = testService({
  name: 'batch',
  trafficRps: flat(1),
  cpuMsPerRequest: 10,
  durationMs: 1_000_000, // longer than Lambda's 900 s
});

function plan(fallback: ServerlessFallback, services = [api, db]): Plan {
  return testPlan(awsUsEast1, services, {
    serverless: { fallback, freeTier: false },
    vmPerService: { instanceType: 'm6i.large' },
  });
}

const lambda = (p: Plan): StrategyReport => evaluate(p).strategies.find((s) => s.id === 'serverless')!;

describe('serverless fallback', () => {
  it('"none" leaves the services out: the total stays incomplete and never cheapest', () => {
    const r = evaluate(plan('none'));
    const s = r.strategies.find((x) => x.id === 'serverless')!;
    expect(s.name).toBe('Serverless (Lambda)');
    expect(s.monthlyCost).toBe(16.21);
    expect(s.services.find((x) => x.service === 'db')).toEqual({ service: 'db', cost: 0, included: false });
    expect(r.cheapest).not.toBe('serverless');
  });

  it('prices them on VMs of their own: $16.21 + $70.08, each line labelled', () => {
    const r = evaluate(plan('vmPerService'));
    const s = r.strategies.find((x) => x.id === 'serverless')!;
    expect(s.name).toBe('Serverless (Lambda) + VMs for 1 service');
    expect(s.monthlyCost).toBe(86.29);
    expect(s.lineItems.at(-1)).toEqual({
      service: 'db',
      component: 'Fallback (VM per service): Instance hours (m6i.large)',
      unit: 'hours',
      quantity: 730,
      unitPrice: 0.096,
      cost: 70.08,
    });
    expect(s.services).toEqual([
      { service: 'api', cost: 16.21, included: true },
      { service: 'db', cost: 70.08, included: true, via: 'vm-per-service' },
    ]);
    expect(s.capacity.servicesExcluded).toBe(0);
    expect(s.capacity.servicesOnFallback).toBe(1);
    const note = s.warnings.find((w) => w.code === 'not-eligible')!;
    expect(note.message).toContain('It is priced on VMs of its own in this total');
    // Complete now, so it competes: cheaper than the instance strategies (VM per service: 2 × $70.08). (Fargate, which
    // runs the stateful db too, is cheaper still here.)
    expect(r.cheapest).not.toBeNull();
    for (const id of ['shared-host', 'vm-per-service', 'container-cluster'] as const) {
      expect(s.monthlyCost).toBeLessThan(r.strategies.find((x) => x.id === id)!.monthlyCost);
    }
  });

  it('prices them on a cluster of their own, with its control plane: "+ a cluster for 2 services"', () => {
    const s = lambda(plan('containerCluster', [api, db, { ...batch, stateful: true }]));
    expect(s.name).toBe('Serverless (Lambda) + a cluster for 2 services');
    // Two 250m pods (and a placeholder) fit one m6i.xlarge: 730 h × $0.192 = $140.16, EKS 730 h × $0.10 = $73.
    const fallback = s.lineItems.filter((l) => l.component.startsWith('Fallback'));
    expect(fallback.map((l) => [l.component, l.cost])).toEqual([
      ['Fallback (Containers): Node hours (m6i.xlarge)', 140.16],
      ['Fallback (Containers): EKS control plane hours', 73],
    ]);
    expect(s.monthlyCost).toBe(229.37);
    expect(s.services.filter((x) => x.via === 'container-cluster').map((x) => x.service)).toEqual([
      'db',
      'batch',
    ]);
  });

  it('prices them on shared hosts of their own, minimum hosts included: "+ shared hosts for 1 service"', () => {
    const s = lambda(plan('sharedHost', [api, batch]));
    expect(s.name).toBe('Serverless (Lambda) + shared hosts for 1 service');
    // minHosts 2 × m6i.2xlarge: 2 × 730 h × $0.384 = $560.64.
    expect(s.lineItems.at(-1)!.component).toBe('Fallback (Shared hosts): Instance hours (m6i.2xlarge)');
    expect(s.monthlyCost).toBe(576.85);
    expect(s.services.find((x) => x.service === 'batch')).toEqual({
      service: 'batch',
      cost: 560.64,
      included: true,
      via: 'shared-host',
    });
  });

  it('changes nothing when Lambda runs every service', () => {
    // The same report but for the fallback setting it states.
    const on = lambda(plan('vmPerService', [api]));
    expect({ ...on, settings: null }).toEqual({ ...lambda(plan('none', [api])), settings: null });
    expect(on.settings).toMatchObject({ fallback: 'vmPerService' });
  });

  it('a fallback that cannot be costed for those services makes Lambda not costable, saying why', () => {
    const huge = { ...db, container: { ...db.container, memoryMiB: 100_000 } };
    const s = lambda(plan('containerCluster', [api, huge]));
    expect(s.cannotCost).toHaveLength(1);
    expect(s.cannotCost![0]!.path).toBe('services[1].container.memoryMiB');
    expect(s.cannotCost![0]!.message).toMatch(
      /^the fallback \(Containers\) for the services Lambda cannot run/,
    );
    expect(s.monthlyCost).toBe(0);
    expect(s.name).toBe('Serverless (Lambda) + a cluster for 1 service');
    // A problem of a service Lambda runs itself says nothing about the fallback.
    const apiHuge = { ...api, container: { ...api.container, memoryMiB: 100_000 } };
    expect(lambda(plan('containerCluster', [apiHuge, db])).cannotCost).toBeUndefined();
  });

  it('applies in every forecast month, so Lambda with a fallback is complete and can lead', () => {
    const f = forecast(plan('vmPerService'), { months: 3, start: '2027-01' });
    expect(f.complete).toContain('serverless');
    expect(f.months.map((m) => m.costs.serverless)).toEqual([86.29, 86.29, 86.29]);
    expect(forecast(plan('none'), { months: 2, start: '2027-01' }).complete).not.toContain('serverless');
  });

  it('lists what the fallback leaves out that Lambda does not, as the fallback’s', () => {
    const s = lambda(plan('vmPerService'));
    expect(s.notIncluded).toContain(
      'a load balancer in front: none configured (for the fallback, VM per service)',
    );
    expect(s.notIncluded.filter((x) => x.startsWith('people to run it'))).toHaveLength(1);
  });
});

describe('serverless fallback: the account-wide free log GB counted once', () => {
  // Logs of 100 bytes a request: api on Lambda logs (100 + 300 platform bytes) × 26.28M = 10.512 GB, db on its
  // fallback VM 100 × 26.28M = 2.628 GB. CloudWatch's 5 free GB a month are the account's, not each part's: Lambda
  // uses them all, so the fallback's 2.628 GB are paid ($0.50 × 2.628 = $1.31).
  const withLogs = (): Plan =>
    testPlan(
      awsUsEast1,
      [api, db],
      {
        serverless: { fallback: 'vmPerService', freeTier: false },
        vmPerService: { instanceType: 'm6i.large' },
      },
      undefined,
      { logs: { bytesPerRequest: 100 } },
    );

  it('gives the fallback only what Lambda left of the free GB', () => {
    const s = lambda(withLogs());
    const free = s.lineItems.filter(
      (l) => l.component.includes('Log ingestion') && l.component.includes('free tier'),
    );
    expect(free.reduce((a, l) => a + l.quantity, 0)).toBeCloseTo(5, 9);
    const paid = s.lineItems.find((l) => l.component === 'Fallback (VM per service): Log ingestion')!;
    expect(paid.quantity).toBeCloseTo(2.628, 9);
    expect(paid.cost).toBe(1.31);
  });

  it('leaves the rest to the fallback when Lambda logs less than the free GB', () => {
    const quiet = testService({ name: 'api', trafficRps: flat(1), cpuMsPerRequest: 10, durationMs: 50 });
    const p = { ...withLogs(), services: [quiet, db] };
    // Lambda: 400 × 2.628M = 1.0512 GB free; the fallback gets the other 3.9488 of its 2.628 GB: all free.
    const s = lambda(p);
    const free = s.lineItems.filter((l) => l.component.includes('free tier') && l.component.includes('Log'));
    expect(free.map((l) => l.quantity)).toEqual([expect.closeTo(1.0512, 9), expect.closeTo(2.628, 9)]);
    expect(s.lineItems.some((l) => l.component === 'Fallback (VM per service): Log ingestion')).toBe(false);
  });
});
