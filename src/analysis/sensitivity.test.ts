import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { evaluate, STRATEGY_IDS, type Plan, type StrategyId } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { applyKnob } from './knobs.ts';
import { deltaProblem, sensitivity, SERVICE_ROWS } from './sensitivity.ts';

const catalog = bundledCatalog('aws-us-east-1')!;

/** Each strategy's cost as `report` gives it: monthlyCost, or null when it cannot be costed. */
function reportCosts(plan: Plan): Record<StrategyId, number | null> {
  const r = evaluate(plan);
  const out = {} as Record<StrategyId, number | null>;
  for (const id of STRATEGY_IDS) {
    const s = r.strategies.find((x) => x.id === id)!;
    out[id] = s.cannotCost ? null : s.monthlyCost;
  }
  return out;
}

const planArb = fc
  .record({
    services: fc.array(
      fc.record({
        rps: fc.double({ min: 0.5, max: 300, noNaN: true }),
        cpu: fc.double({ min: 1, max: 50, noNaN: true }),
        stateful: fc.boolean(),
        growth: fc.double({ min: 0, max: 0.2, noNaN: true }),
      }),
      { minLength: 1, maxLength: 13 },
    ),
    discount: fc.constantFrom(0, 0.3),
  })
  .map(({ services, discount }) =>
    testPlan(
      catalog,
      services.map((s, i) =>
        testService({
          name: `s${i}`,
          trafficRps: flat(s.rps),
          cpuMsPerRequest: s.cpu,
          stateful: s.stateful,
          growthPerMonth: s.growth,
        }),
      ),
      { containerCluster: { discount } },
    ),
  );

describe('sensitivity (issue 11 §2)', () => {
  const plan = testPlan(catalog, [
    testService({ name: 'big', trafficRps: flat(200), cpuMsPerRequest: 20 }),
    testService({ name: 'small', trafficRps: flat(2) }),
  ]);

  it('moves every input down and up by delta, the traffic row equal to the plan with all traffic ×0.75 and ×1.25', () => {
    const s = sensitivity(plan);
    expect(s.delta).toBe(0.25);
    expect(s.base).toEqual(reportCosts(plan));
    const traffic = s.rows.find((r) => r.input === 'traffic')!;
    expect(traffic.low).toEqual(reportCosts(applyKnob(plan, 'traffic', 0.75)));
    expect(traffic.high).toEqual(reportCosts(applyKnob(plan, 'traffic', 1.25)));
    expect(s.rows.map((r) => r.input).sort()).toEqual(
      [
        'traffic',
        'cpuMsPerRequest',
        'durationMs',
        'memoryMiB',
        'growth',
        ...STRATEGY_IDS.map((id) => `discount:${id}`),
        'traffic:big',
        'traffic:small',
      ].sort(),
    );
  });

  it('sorts rows by the swing of the cheapest strategy, largest first', () => {
    const s = sensitivity(plan, { delta: 0.5 });
    expect(s.swingOf).toBe(s.cheapest);
    const swings = s.rows.map((r) => r.swing);
    expect(swings).toEqual([...swings].sort((x, y) => y - x));
    expect(s.rows[0]!.input).toBe('traffic');
  });

  it('moves a discount by the fraction of itself, kept below 1', () => {
    const p = testPlan(catalog, plan.services, { vmPerService: { discount: 0.9 } });
    const row = sensitivity(p, { delta: 0.5 }).rows.find((r) => r.input === 'discount:vm-per-service')!;
    expect(row.lowValue).toBeCloseTo(0.45, 12);
    expect(row.highValue).toBe(0.99);
  });

  it('gives traffic rows to the ten services that cost most in the cheapest strategy', () => {
    const many = testPlan(
      catalog,
      Array.from({ length: 14 }, (_, i) => testService({ name: `s${i}`, trafficRps: flat(1 + i * 20) })),
    );
    const s = sensitivity(many);
    const services = s.rows.filter((r) => r.input.startsWith('traffic:')).map((r) => r.input);
    expect(services).toHaveLength(SERVICE_ROWS);
    expect(services).not.toContain('traffic:s0');
    expect(services).toContain('traffic:s13');
  });

  it('says where the cheapest strategy changes within the range', () => {
    const s = sensitivity(plan, { delta: 0.9 });
    for (const r of s.rows) {
      const changes = r.cheapestLow !== s.cheapest || r.cheapestHigh !== s.cheapest;
      expect(s.cheapestChanges.includes(r.input)).toBe(changes);
    }
  });

  it('refuses a delta outside (0, 1)', () => {
    expect(deltaProblem(0)).toMatch(/above 0 and below 1/);
    expect(deltaProblem(1)).toMatch(/above 0 and below 1/);
    expect(() => sensitivity(plan, { delta: Number.NaN })).toThrow(/delta/);
  });

  it('property: every row equals the re-evaluated plan at its low and high end; same plan, same output', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(0.1, 0.25, 0.5), (p, delta) => {
        const s = sensitivity(p, { delta });
        expect(s.base).toEqual(reportCosts(p));
        for (const r of s.rows) {
          expect(r.low).toEqual(reportCosts(applyKnob(p, r.input, r.lowValue)));
          expect(r.high).toEqual(reportCosts(applyKnob(p, r.input, r.highValue)));
          expect(r.cheapestLow).toBe(evaluate(applyKnob(p, r.input, r.lowValue)).cheapest);
        }
        const swings = s.rows.map((r) => r.swing);
        expect(swings).toEqual([...swings].sort((x, y) => y - x));
        expect(sensitivity(p, { delta })).toEqual(s);
      }),
      { numRuns: 12, seed: 21 },
    );
  });
});
