// Decision analyses through the engine client (issue 11 §1, §2): asked `inWorker`, they run in the worker, and give
// what the analysis functions give on the calling thread.
import { describe, expect, it } from 'vitest';
import { breakEven, breakEvenCurve } from '../analysis/breakeven.ts';
import { bestMix } from '../analysis/mix.ts';
import { sensitivity } from '../analysis/sensitivity.ts';
import { simulate } from '../analysis/uncertainty.ts';
import { addService, newPlanDoc, newService } from '../state/doc.ts';
import { EngineClient, type WorkerLike } from './client.ts';
import { WorkerEngine, type EvalRequest, type EvalResponse } from './evaluate.ts';

/** A worker that answers every message at once with the real worker engine, through structured clones. */
function worker() {
  const engine = new WorkerEngine();
  const seen: EvalRequest[] = [];
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => {
      seen.push(m);
      const answer = structuredClone(engine.handle(structuredClone(m)));
      queueMicrotask(() => w.onmessage?.({ data: answer } as MessageEvent<EvalResponse>));
    },
    terminate() {},
  };
  return { w, seen };
}

function planOf(client: EngineClient) {
  let doc = newPlanDoc('Analysed');
  for (let i = 0; i < 3; i++) doc = addService(doc, newService(`s${i}`));
  const parsed = client.parse(doc);
  if (!parsed.ok) throw new Error('invalid plan');
  return parsed.plan;
}

describe('analyses in the worker', () => {
  it('a break-even with its curve, asked inWorker, runs in the worker and equals breakEven on this thread', async () => {
    const { w, seen } = worker();
    const client = new EngineClient(() => w);
    const plan = planOf(client);
    const query = { a: 'serverless', b: 'container-cluster', knob: 'traffic' } as const;
    const r = await client.evaluatePlan(plan, {
      key: 'p',
      channel: 'analysis:p',
      report: false,
      inWorker: true,
      analysis: { kind: 'breakeven', ...query, curve: { points: 5 } },
    });
    expect(seen).toHaveLength(1);
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(r.report).toBeNull();
    expect(r.analysis).toEqual({
      kind: 'breakeven',
      breakEven: breakEven(plan, query),
      curve: breakEvenCurve(plan, query, { points: 5 }),
    });
  });

  it('the tornado, asked inWorker, equals sensitivity on this thread; without a worker it runs here', async () => {
    const { w } = worker();
    const client = new EngineClient(() => w);
    const plan = planOf(client);
    const r = await client.evaluatePlan(plan, {
      key: 'p',
      report: true,
      inWorker: true,
      analysis: { kind: 'sensitivity', delta: 0.5 },
    });
    expect(r?.ok && r.analysis).toEqual({
      kind: 'sensitivity',
      sensitivity: sensitivity(plan, { delta: 0.5 }),
    });
    const here = new EngineClient(() => null);
    const h = await here.evaluatePlan(plan, { key: 'p', inWorker: true, analysis: { kind: 'sensitivity' } });
    expect(h?.ok && h.analysis).toEqual({ kind: 'sensitivity', sensitivity: sensitivity(plan) });
  });

  it('the best mix, asked inWorker, runs in the worker and equals bestMix on this thread', async () => {
    const { w, seen } = worker();
    const client = new EngineClient(() => w);
    const plan = planOf(client);
    const r = await client.evaluatePlan(plan, {
      key: 'p',
      channel: 'analysis:mix',
      report: false,
      inWorker: true,
      analysis: { kind: 'mix' },
    });
    expect(seen).toHaveLength(1);
    expect(r?.ok && r.analysis).toEqual({ kind: 'mix', mix: bestMix(plan), reason: null });
  });

  it('the simulation of the ranges, asked inWorker, equals simulate on this thread (same seed, same answer)', async () => {
    const { w, seen } = worker();
    const client = new EngineClient(() => w);
    const plain = planOf(client);
    const plan = { ...plain, uncertainty: { trafficRps: { low: 0.5, high: 3 } } };
    const r = await client.evaluatePlan(plan, {
      key: 'p',
      channel: 'analysis:simulate',
      report: false,
      inWorker: true,
      analysis: { kind: 'simulate', samples: 200, seed: 1 },
    });
    expect(seen).toHaveLength(1);
    expect(r?.ok && r.analysis).toEqual({
      kind: 'simulate',
      simulation: simulate(plan, { samples: 200, seed: 1 }),
    });
  });

  it('a request without an analysis gives none', async () => {
    const client = new EngineClient(() => null);
    const r = await client.evaluatePlan(planOf(client), { key: 'p' });
    expect(r?.ok && 'analysis' in r).toBe(false);
  });
});
