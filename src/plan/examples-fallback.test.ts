// Lambda's fallback on the published example (issue 10 §6, docs/cost-model.md "Complete totals"): accounting is
// stateful, so Lambda prices it by the fallback strategy, alone, and its total becomes complete.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, type Plan, type ServerlessFallback } from '../model/index.ts';
import { formatIssue, parsePlanText } from './index.ts';

function food(fallback: ServerlessFallback): Plan {
  const doc = JSON.parse(readFileSync('examples/food-delivery.json', 'utf8')) as {
    version: number;
    strategies?: { serverless?: Record<string, unknown> };
  };
  // The fallback is new in version 2 (Lambda's figures do not depend on the version's other defaults).
  doc.version = 2;
  doc.strategies = { ...doc.strategies, serverless: { ...doc.strategies?.serverless, fallback } };
  const r = parsePlanText(JSON.stringify(doc));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.plan;
}

const lambda = (fallback: ServerlessFallback) =>
  evaluate(food(fallback)).strategies.find((s) => s.id === 'serverless')!;

describe('examples/food-delivery.json with a fallback for accounting', () => {
  it('leaves accounting out without one: $978.15, incomplete', () => {
    const s = lambda('none');
    expect(s.monthlyCost).toBe(978.15);
    expect(s.services.find((x) => x.service === 'accounting')!.included).toBe(false);
  });

  it('on VMs: four r6i.large of its own (2,920 h), as VM per service prices it ($367.92): $978.15 + $367.92 = $1,346.07', () => {
    const report = evaluate(food('vmPerService'));
    const s = report.strategies.find((x) => x.id === 'serverless')!;
    const vm = report.strategies.find((x) => x.id === 'vm-per-service')!;
    expect(vm.lineItems.find((l) => l.service === 'accounting')!.cost).toBe(367.92);
    expect(s.lineItems.filter((l) => l.component.startsWith('Fallback'))).toEqual([
      {
        service: 'accounting',
        component: 'Fallback (VM per service): Instance hours (r6i.large)',
        unit: 'hours',
        quantity: 2920,
        unitPrice: 0.126,
        cost: 367.92,
      },
    ]);
    expect(s.monthlyCost).toBe(1346.07);
    // Complete now, but not the cheapest: containers run everything for $496.82 (and Fargate for less).
    expect(report.cheapest).not.toBe('serverless');
    expect(report.strategies.find((x) => x.id === 'container-cluster')!.monthlyCost).toBe(496.82);
  });

  it('on a cluster of its own: nodes, headroom and a whole control plane ($73.00): $1,209.66', () => {
    const s = lambda('containerCluster');
    expect(s.name).toBe('Serverless (Lambda) + a cluster for 1 service');
    const fallback = s.lineItems.filter((l) => l.component.startsWith('Fallback'));
    expect(fallback.map((l) => l.cost)).toEqual([151.84, 6.67, 73]);
    expect(s.monthlyCost).toBe(1209.66);
    expect(s.services.find((x) => x.service === 'accounting')).toEqual({
      service: 'accounting',
      cost: 231.51,
      included: true,
      via: 'container-cluster',
    });
  });

  it('on shared hosts of its own: the pool’s two minimum m6i.2xlarge hosts ($560.64): $1,538.79', () => {
    expect(lambda('sharedHost').monthlyCost).toBe(1538.79);
  });
});
