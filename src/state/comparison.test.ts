// The comparison on its own: the plans and the open plan are handed in, the engine answers at once.
import { Scenarios } from './scenarios.svelte.ts';
import { describe, expect, it } from 'vitest';
import type { PlanRecord } from '../db/types.ts';
import { EngineClient } from '../worker/client.ts';
import { Comparison, type ComparisonDeps } from './comparison.svelte.ts';
import { examplePlanDocument } from './example.ts';
import { newRecord } from './records.ts';

function row(name: string, kind: PlanRecord['kind'] = 'plan', baseId: string | null = null): PlanRecord {
  return newRecord({ ...examplePlanDocument(), name }, kind, baseId)!;
}

function setup(plans: PlanRecord[], currentId: string | null = null) {
  const shown: string[] = [];
  let flushed = 0;
  const deps = {
    engine: new EngineClient(() => null),
    library: { plans },
    plan: {
      currentId,
      current: plans.find((p) => p.id === currentId) ?? null,
      doc: null,
      valid: true,
      flush: async () => void flushed++,
    },
    showComparison: () => void shown.push('compare'),
    scenarios: new Scenarios(),
  } satisfies ComparisonDeps;
  return { comparison: new Comparison(deps), shown, flushed: () => flushed };
}

describe('Comparison', () => {
  it('compares up to four stored plans, the first plan (not a scenario) as the base, after saving pending edits', async () => {
    const scenario = row('what-if', 'scenario');
    const plans = [scenario, row('a'), row('b'), row('c'), row('d')];
    const { comparison, shown, flushed } = setup(plans);
    await comparison.compare(['gone', ...plans.map((p) => p.id)]);
    expect(flushed()).toBe(1);
    expect(shown).toEqual(['compare']);
    expect(comparison.ids).toEqual(plans.slice(0, 4).map((p) => p.id));
    expect(comparison.base).toBe(plans[1]!.id);
    expect([...comparison.reports.keys()]).toEqual(comparison.ids);
    await comparison.compare(comparison.ids, plans[2]!.id);
    expect(comparison.base).toBe(plans[2]!.id);
  });

  it('compares the open scenario with its base and its siblings; deleted entries leave', async () => {
    const base = row('base');
    const s1 = row('s1', 'scenario', base.id);
    const s2 = row('s2', 'scenario', base.id);
    const { comparison } = setup([row('other'), base, s1, s2], s2.id);
    await comparison.compareCurrent();
    expect(comparison.ids).toEqual([base.id, s1.id, s2.id]);
    expect(comparison.base).toBe(base.id);
    comparison.retain((id) => id !== s1.id);
    expect(comparison.ids).toEqual([base.id, s2.id]);
  });
});
