import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { evaluate, type Plan, type Report, type StrategyId } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import {
  breakEven,
  breakEvenCurve,
  breakEvenProblem,
  breakEvenQuery,
  BREAKEVEN_TOLERANCE,
} from './breakeven.ts';
import { applyKnob, type Knob } from './knobs.ts';

const catalog = bundledCatalog('aws-us-east-1')!;

/** −1: a cheaper, 1: b cheaper, 0: equal to the cent, null: one leaves services out or cannot be costed. */
function order(report: Report, a: StrategyId, b: StrategyId): number | null {
  const cost = (id: StrategyId) => {
    const s = report.strategies.find((x) => x.id === id)!;
    return s.cannotCost || s.services.some((x) => !x.included) ? null : Math.round(s.monthlyCost * 100);
  };
  const ca = cost(a);
  const cb = cost(b);
  return ca === null || cb === null ? null : Math.sign(ca - cb);
}

const orderAt = (plan: Plan, knob: Knob, value: number, a: StrategyId, b: StrategyId) =>
  order(evaluate(applyKnob(plan, knob, value)), a, b);

/** A small plan: a few services with flat traffic (fast to evaluate many times). */
const planArb = fc
  .record({
    services: fc.array(
      fc.record({
        rps: fc.double({ min: 0.5, max: 400, noNaN: true }),
        cpu: fc.double({ min: 1, max: 60, noNaN: true }),
        duration: fc.double({ min: 5, max: 800, noNaN: true }),
        memory: fc.constantFrom(256, 512, 1024, 2048),
        growth: fc.double({ min: 0, max: 0.2, noNaN: true }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    vmDiscount: fc.constantFrom(0, 0.2, 0.4),
  })
  .map(({ services, vmDiscount }) =>
    testPlan(
      catalog,
      services.map((s, i) =>
        testService({
          name: `s${i}`,
          trafficRps: flat(s.rps),
          cpuMsPerRequest: s.cpu,
          durationMs: s.duration,
          memoryMiB: s.memory,
          growthPerMonth: s.growth,
        }),
      ),
      { vmPerService: { discount: vmDiscount } },
    ),
  );

const pairArb = fc
  .tuple(
    fc.constantFrom<StrategyId>('shared-host', 'vm-per-service', 'container-cluster', 'serverless'),
    fc.constantFrom<StrategyId>('shared-host', 'vm-per-service', 'container-cluster', 'serverless'),
  )
  .filter(([a, b]) => a !== b);

describe('break-even (issue 11 §1)', () => {
  const plan = testPlan(catalog, [
    testService({ name: 'api', trafficRps: flat(2), cpuMsPerRequest: 20, durationMs: 100 }),
    testService({ name: 'jobs', trafficRps: flat(1), cpuMsPerRequest: 20, durationMs: 100 }),
  ]);

  it('finds the traffic where serverless stops being cheaper than containers, and the order flips across it', () => {
    const r = breakEven(plan, { a: 'serverless', b: 'container-cluster', knob: 'traffic' });
    expect(r.base.cheaper).toBe('serverless');
    expect(r.value).not.toBeNull();
    expect(r.value!).toBeGreaterThan(1);
    expect(orderAt(plan, 'traffic', r.before!, 'serverless', 'container-cluster')).toBe(-1);
    expect(orderAt(plan, 'traffic', r.value!, 'serverless', 'container-cluster')).not.toBe(-1);
    expect(r.value! / r.before!).toBeLessThanOrEqual(1 + BREAKEVEN_TOLERANCE.multiplier);
    const at = evaluate(applyKnob(plan, 'traffic', r.value!));
    expect(r.costs).toEqual({
      serverless: at.strategies.find((s) => s.id === 'serverless')!.monthlyCost,
      'container-cluster': at.strategies.find((s) => s.id === 'container-cluster')!.monthlyCost,
    });
  });

  it('finds the first forecast month where the order flips, as a whole month', () => {
    const growing = applyKnob(plan, 'growth', 1);
    const g = { ...growing, services: growing.services.map((s) => ({ ...s, growthPerMonth: 0.3 })) };
    const r = breakEven(g, { a: 'serverless', b: 'container-cluster', knob: 'month' });
    expect(Number.isInteger(r.value)).toBe(true);
    expect(r.value! - r.before!).toBe(1);
    expect(orderAt(g, 'month', r.before!, 'serverless', 'container-cluster')).toBe(-1);
    expect(orderAt(g, 'month', r.value!, 'serverless', 'container-cluster')).not.toBe(-1);
  });

  it('a discount break-even is an absolute fraction within 0.005', () => {
    const r = breakEven(plan, {
      a: 'container-cluster',
      b: 'vm-per-service',
      knob: 'discount:vm-per-service',
    });
    if (r.value === null) {
      expect(r.reason).toMatch(/stays cheaper/);
      return;
    }
    expect(Math.abs(r.value - r.before!)).toBeLessThanOrEqual(0.005 + 1e-12);
    expect(r.value).toBeGreaterThanOrEqual(0);
    expect(r.value).toBeLessThanOrEqual(0.99);
  });

  it('is null with the reason when one strategy leaves services out, or the order never flips in range', () => {
    const stateful = testPlan(catalog, [testService({ name: 'db', stateful: true })]);
    const r = breakEven(stateful, { a: 'serverless', b: 'container-cluster' });
    expect(r.value).toBeNull();
    expect(r.costs).toBeNull();
    expect(r.reason).toMatch(/serverless does not run every service \(db\)/);
    // Growth 0: the month knob changes nothing, so nothing can flip.
    const flatPlan = testPlan(catalog, [testService({ name: 'a', trafficRps: flat(50) })]);
    const m = breakEven(flatPlan, { a: 'shared-host', b: 'vm-per-service', knob: 'month' });
    expect(m.value).toBeNull();
    expect(m.reason).toMatch(/stays cheaper than .* from month 1 to month 120/);
  });

  it('names what is wrong with a query', () => {
    expect(breakEvenProblem(plan, { a: 'lambda', b: 'serverless' })).toMatch(/"lambda" is not a strategy/);
    expect(breakEvenProblem(plan, { a: 'serverless', b: 'serverless' })).toMatch(/must differ/);
    expect(breakEvenProblem(plan, { a: 'serverless', b: 'shared-host', knob: 'growth' })).toMatch(
      /month knob/,
    );
    expect(breakEvenProblem(plan, { a: 'serverless', b: 'shared-host', knob: 'traffic:zzz' })).toMatch(
      /no service named "zzz"/,
    );
    expect(breakEvenQuery(plan, { a: 'serverless', b: 'shared-host' })).toEqual({
      a: 'serverless',
      b: 'shared-host',
      knob: 'traffic',
    });
  });

  it('property: the order flips across the reported value (same as planned just before, different at it)', () => {
    const knobArb = fc.constantFrom<Knob>('traffic', 'traffic:s0', 'cpuMsPerRequest', 'durationMs', 'month');
    fc.assert(
      fc.property(planArb, pairArb, knobArb, (p, [a, b], knob) => {
        const r = breakEven(p, { a, b, knob });
        if (r.value === null) {
          expect(r.reason).not.toBeNull();
          return;
        }
        if (r.base.cheaper === null && r.value === r.base.value) return; // equal as planned: that is the point
        const baseOrder = orderAt(p, knob, r.base.value, a, b);
        expect(orderAt(p, knob, r.before!, a, b)).toBe(baseOrder);
        expect(orderAt(p, knob, r.value, a, b)).not.toBe(baseOrder);
        if (knob === 'month') expect(Math.abs(r.value - r.before!)).toBe(1);
        else {
          const ratio = Math.max(r.value, r.before!) / Math.min(r.value, r.before!);
          expect(ratio).toBeLessThanOrEqual(1 + BREAKEVEN_TOLERANCE.multiplier);
        }
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('property: a discount break-even flips across the reported fraction', () => {
    fc.assert(
      fc.property(planArb, pairArb, (p, [a, b]) => {
        const knob: Knob = `discount:${b}`;
        const r = breakEven(p, { a, b, knob });
        if (r.value === null || (r.base.cheaper === null && r.value === r.base.value)) return;
        const baseOrder = orderAt(p, knob, r.base.value, a, b);
        expect(orderAt(p, knob, r.before!, a, b)).toBe(baseOrder);
        expect(orderAt(p, knob, r.value, a, b)).not.toBe(baseOrder);
        expect(Math.abs(r.value - r.before!)).toBeLessThanOrEqual(BREAKEVEN_TOLERANCE.fraction + 1e-12);
      }),
      { numRuns: 15, seed: 12 },
    );
  });
});

describe('break-even curve (issue 11 §1, the chart)', () => {
  const plan = testPlan(catalog, [
    testService({ name: 'api', trafficRps: flat(2), cpuMsPerRequest: 20, durationMs: 100 }),
  ]);

  it('gives both costs at log-spaced multipliers, each the evaluated plan at that value', () => {
    const c = breakEvenCurve(
      plan,
      { a: 'serverless', b: 'container-cluster' },
      { from: 0.1, to: 10, points: 5 },
    );
    expect(c.points.map((p) => p.value)).toEqual([
      0.1,
      0.1 * Math.pow(100, 0.25),
      0.1 * Math.pow(100, 0.5),
      0.1 * Math.pow(100, 0.75),
      10,
    ]);
    for (const p of c.points) {
      const r = evaluate(applyKnob(plan, 'traffic', p.value));
      for (const id of ['serverless', 'container-cluster'] as const)
        expect(p.costs[id]).toBe(r.strategies.find((s) => s.id === id)!.monthlyCost);
    }
  });

  it('draws months as whole months without repeats, and refuses an empty range', () => {
    const c = breakEvenCurve(
      plan,
      { a: 'serverless', b: 'shared-host', knob: 'month' },
      { from: 1, to: 4, points: 10 },
    );
    expect(c.points.map((p) => p.value)).toEqual([1, 2, 3, 4]);
    expect(() => breakEvenCurve(plan, { a: 'serverless', b: 'shared-host' }, { from: 5, to: 2 })).toThrow(
      /from < to/,
    );
  });
});
