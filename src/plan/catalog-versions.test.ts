// Catalog versions (issue 13, "v1 plans keep their numbers"): every plan file the repository ships gives, to the cent,
// the figures recorded before catalog versions and the new instance families existed (plan-figures.json, recorded
// by scripts/plan-figures.ts from the code as it was), and a plan opts in to newer prices only by naming a newer
// snapshot.
import { describe, expect, it } from 'vitest';
import recorded from './plan-figures.json' with { type: 'json' };
import { planFigures, shippedPlans } from '../../scripts/plan-figures.ts';
import { NEW_PLAN_CATALOG_ID } from '../catalog/index.ts';
import { evaluate } from '../model/index.ts';
import { parsePlan, planToFile } from './index.ts';

const plans = shippedPlans();
const named = [...plans].filter(([, doc]) => typeof (doc as { catalog?: unknown }).catalog === 'string');

describe('shipped plan files keep their figures', () => {
  it('has one recording per shipped plan document', () => {
    expect(Object.keys(recorded).sort()).toEqual([...plans.keys()].sort());
  });

  it.each([...plans])('%s', (where, doc) => {
    expect(planFigures(doc)).toEqual(recorded[where as keyof typeof recorded]);
  });
});

describe('a bundled catalog id in a plan', () => {
  it('names the bare id in most shipped plans (the case catalog versions protect)', () => {
    expect(named.length).toBeGreaterThan(5);
    for (const [, doc] of named) expect((doc as { catalog: string }).catalog).toBe('aws-us-east-1');
  });

  it.each(named)('%s: the bare id and aws-us-east-1@2025-10 give the same figures', (_where, doc) => {
    const explicit = { ...(doc as object), catalog: 'aws-us-east-1@2025-10' };
    expect(planFigures(explicit)).toEqual(planFigures(doc));
  });

  it('keeps the id the plan wrote: in the report, and when the plan is written back', () => {
    const [, doc] = named[0]!;
    for (const id of ['aws-us-east-1', 'aws-us-east-1@2025-10', 'aws-us-east-1@2026-11']) {
      const r = parsePlan({ ...(doc as object), catalog: id });
      if (!r.ok) throw new Error(id);
      expect(evaluate(r.plan).catalog.id).toBe(id);
      expect(planToFile(r.plan).catalog).toBe(id);
    }
  });

  it('opts in to newer prices only by naming the newer snapshot: food-delivery’s VM picks change under 2026-11', () => {
    const doc = plans.get('examples/food-delivery.json')!;
    const vm = (catalog: string) =>
      planFigures({ ...(doc as object), catalog })['vm-per-service']!.lineItems.map((l) => l[1]);
    expect(vm('aws-us-east-1')).toEqual(vm('aws-us-east-1@2025-10'));
    expect(vm('aws-us-east-1@2026-11')).not.toEqual(vm('aws-us-east-1'));
  });

  it('an unknown id lists every bundled id, snapshots included', () => {
    const [, doc] = named[0]!;
    const r = parsePlan({ ...(doc as object), catalog: 'aws-us-east-1@2031-01' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.message).toContain('"aws-us-east-1@2025-10", "aws-us-east-1@2026-11"');
  });

  it('new plans name the newest snapshot explicitly', () => {
    expect(NEW_PLAN_CATALOG_ID).toMatch(/^aws-us-east-1@\d{4}-\d{2}$/);
  });
});
