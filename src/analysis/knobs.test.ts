import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { evaluate, type Plan } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { applyKnob, knobProblem } from './knobs.ts';

const catalog = bundledCatalog('aws-us-east-1')!;
const plan: Plan = testPlan(catalog, [
  testService({ name: 'a', trafficRps: flat(100), growthPerMonth: 0.1 }),
  testService({ name: 'b', trafficRps: flat(10), serverless: { memoryMiB: 'auto' } }),
]);

describe('knobs (issue 11)', () => {
  it('scales every service’s traffic, or one service’s, leaving the others the same object', () => {
    const all = applyKnob(plan, 'traffic', 2);
    expect(all.services.map((s) => s.trafficRps[0])).toEqual([200, 20]);
    const one = applyKnob(plan, 'traffic:b', 3);
    expect(one.services[0]).toBe(plan.services[0]);
    expect(one.services[1]!.trafficRps[0]).toBe(30);
    expect(applyKnob(plan, 'traffic', 1).services[0]).toBe(plan.services[0]);
  });

  it('the traffic knob at ×2 is the plan with its curves doubled', () => {
    const doubled = testPlan(catalog, [
      testService({ name: 'a', trafficRps: flat(200), growthPerMonth: 0.1 }),
      testService({ name: 'b', trafficRps: flat(20), serverless: { memoryMiB: 'auto' } }),
    ]);
    expect(evaluate(applyKnob(plan, 'traffic', 2))).toEqual(evaluate(doubled));
  });

  it('month m is the forecast’s month m: traffic × (1 + growth)^(m − 1)', () => {
    const m3 = applyKnob(plan, 'month', 3);
    expect(m3.services[0]!.trafficRps[0]).toBeCloseTo(121, 10);
    expect(m3.services[1]).toBe(plan.services[1]);
    expect(() => applyKnob(plan, 'month', 1.5)).toThrow(/whole number/);
  });

  it('scales memory with the pod request and a whole, in-range Lambda memory; auto stays auto', () => {
    const half = applyKnob(plan, 'memoryMiB', 0.1);
    expect(half.services[0]!.memoryMiB).toBeCloseTo(51.2, 10);
    expect(half.services[0]!.container.memoryMiB).toBeCloseTo(51.2, 10);
    expect(half.services[0]!.serverless.memoryMiB).toBe(128);
    expect(half.services[1]!.serverless.memoryMiB).toBe('auto');
  });

  it('sets one strategy’s discount, as an absolute fraction', () => {
    const d = applyKnob(plan, 'discount:vm-per-service', 0.3);
    expect(d.strategies.vmPerService.discount).toBe(0.3);
    expect(d.strategies.sharedHost).toBe(plan.strategies.sharedHost);
    expect(() => applyKnob(plan, 'discount:vm-per-service', 1)).toThrow(/fraction/);
  });

  it('names what is wrong with a knob', () => {
    expect(knobProblem(plan, 'traffic:zzz')).toBe('no service named "zzz" in the plan');
    expect(knobProblem(plan, 'discount:fargate')).toMatch(/not a strategy/);
    expect(knobProblem(plan, 'latency')).toMatch(/unknown knob "latency"/);
    expect(knobProblem(plan, 'durationMs')).toBeNull();
  });
});
