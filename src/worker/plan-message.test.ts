// The worker rebuilds the client's plan from PlanMessage: every plan-level field must arrive, including ones added
// after the encoder was written (the plan-wide `uncertainty`, issue 11 §3), and a change of any of them must be sent.
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import type { Plan } from '../model/index.ts';
import { PlanEncoder, WorkerEngine, type EvalRequest } from './evaluate.ts';

const catalog = bundledCatalog('aws-us-east-1')!;

function roundTrip(plans: Plan[]): Plan[] {
  const encoder = new PlanEncoder();
  const engine = new WorkerEngine();
  return plans.map((plan, id) => {
    const request: EvalRequest = {
      id,
      key: 'p',
      channel: 'report',
      plan: structuredClone(encoder.encode('p', plan)),
      report: true,
      forecast: null,
    };
    return engine.receive(request);
  });
}

describe('PlanMessage', () => {
  it('carries every plan-level field, and sends the rest again when only one of them changed', () => {
    const base = testPlan(catalog, [testService({ name: 'a', trafficRps: flat(5) })]);
    const ranged: Plan = { ...base, uncertainty: { trafficRps: { low: 0.5, high: 2 } } };
    const wider: Plan = { ...ranged, uncertainty: { trafficRps: { low: 0.2, high: 4 } } };
    const [a, b, c, d] = roundTrip([base, ranged, wider, wider]);
    expect(a).toEqual(base);
    expect(b).toEqual(ranged);
    expect(c).toEqual(wider);
    expect(d).toEqual(wider);
  });
});
