// Zones on a published example (issue 10 §3): the figures of docs/cost-model.md "Zones", from
// examples/food-delivery.json as it is, on other zones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, type Plan, type StrategyId } from '../model/index.ts';
import { formatIssue, parsePlanText } from './index.ts';

function load(name: string): Plan {
  const r = parsePlanText(readFileSync(`examples/${name}`, 'utf8'));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.plan;
}

const plan = load('food-delivery.json');
const cases = [
  [1, false],
  [2, false],
  [2, true],
  [3, true],
] as const;
const costs = (id: StrategyId) =>
  cases.map(([zones, surviveZoneLoss]) =>
    evaluate({ ...plan, resilience: { zones, surviveZoneLoss } }).strategies.find((s) => s.id === id)!,
  );

describe('examples/food-delivery.json on zones', () => {
  it('shared host: minHosts 2 already spreads over 2 zones; surviving doubles 3 hosts to 6 (5 over 3 zones)', () => {
    const r = costs('shared-host');
    expect(r.map((s) => s.capacity.hosts)).toEqual([3, 3, 6, 5]);
    expect(r.map((s) => s.monthlyCost)).toEqual([840.96, 840.96, 1681.92, 1401.6]);
  });

  it('VM per service: two zones raise only kitchen, the one service that runs one instance (+$62.05, +5.3%)', () => {
    const r = costs('vm-per-service');
    expect(r.map((s) => s.monthlyCost)).toEqual([1164.65, 1226.7, 2329.28, 1902.08]);
    expect(r[1]!.warnings.find((w) => w.code === 'zones')!.message).toBe(
      '2 zones: 1 service runs more instances than its demand needs (at least one per zone): kitchen 2 instead of 1 at its busiest hour; +730 instance-hours a month.',
    );
  });

  it('containers: each zone keeps its own partly filled node and headroom (2 → 4 nodes at night)', () => {
    const r = costs('container-cluster');
    expect(r.map((s) => s.monthlyCost)).toEqual([496.82, 707.06, 908.95, 1024.09]);
    expect([r[0]!.week.units[0], r[1]!.week.units[0]]).toEqual([2, 4]);
  });

  it('Lambda is multi-zone by design: unchanged', () => {
    const r = costs('serverless');
    for (const s of r) expect(s).toEqual(r[0]);
  });
});
