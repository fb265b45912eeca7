// Decision analyses through the engine client (issue 11 §1, §2): asked `inWorker`, they run in the worker, and give
// what the analysis functions give on the calling thread.
import { describe, expect, it } from 'vitest';
import { breakEven, breakEvenCurve } from '../analysis/breakeven.ts';
import { bestMix } from '../analysis/mix.ts';
import { sensitivity } from '../analysis/sensitivity.ts';
import { rangeBands } from '../analysis/range-bands.ts';
import { simulate } from '../analysis/uncertainty.ts';
import { addService, newPlanDoc, newService } from '../state/doc.ts';
import { EngineClient, type WorkerLike } from './client.ts';
import { heldWorker } from './held-worker.ts';
import { WorkerEngine, type EvalResponse, type WorkerRequest } from './evaluate.ts';

/** A worker that answers every message at once with the real worker engine, through structured clones. */
function worker() {
  const engine = new WorkerEngine();
  const seen: WorkerRequest[] = [];
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

describe('analyses in their own worker: progress and cancel (issue 11 "Performance")', () => {
  it('runs in a worker of its own, passes its progress on, and answers as simulate does', async () => {
    const workers: ReturnType<typeof heldWorker>[] = [];
    const client = new EngineClient(() => {
      const w = heldWorker();
      workers.push(w);
      return w;
    });
    const plan = { ...planOf(client), uncertainty: { trafficRps: { low: 0.5, high: 3 } } };
    // The edit path's worker exists first: the analysis still gets one of its own.
    await Promise.race([client.evaluatePlan(plan, { key: 'p', inWorker: true }), Promise.resolve()]);
    const progress: { done: number; total: number }[] = [];
    const run = client.analyse(plan, { kind: 'simulate', samples: 50, seed: 3 }, (p) => progress.push(p));
    expect(workers).toHaveLength(2);
    const analysisWorker = workers[1]!;
    analysisWorker.progress(10, 50);
    analysisWorker.progress(30, 50);
    analysisWorker.answer();
    const r = await run.result;
    expect(progress).toEqual([
      { done: 10, total: 50 },
      { done: 30, total: 50 },
    ]);
    expect(r?.ok && r.analysis).toEqual({
      kind: 'simulate',
      simulation: simulate(plan, { samples: 50, seed: 3 }),
    });
    expect(analysisWorker.terminated).toBe(false);
  });

  it('cancel terminates the worker running it and resolves to null; the next analysis gets a new worker', async () => {
    const workers: ReturnType<typeof heldWorker>[] = [];
    const client = new EngineClient(() => {
      const w = heldWorker();
      workers.push(w);
      return w;
    });
    const plan = planOf(client);
    const run = client.analyse(plan, { kind: 'mix' });
    run.cancel();
    expect(await run.result).toBeNull();
    expect(workers[0]!.terminated).toBe(true);
    // A late answer of the terminated worker is ignored.
    workers[0]!.answer();
    const next = client.analyse(plan, { kind: 'mix' });
    expect(workers).toHaveLength(2);
    // The new worker holds nothing yet: the whole plan is sent again.
    expect(workers[1]!.seen[0]!.plan.services.every((s) => typeof s !== 'number')).toBe(true);
    workers[1]!.answer();
    expect((await next.result)?.ok).toBe(true);
    run.cancel(); // a finished or cancelled run's cancel does nothing
    expect(workers[1]!.terminated).toBe(false);
  });

  it('a new analysis cancels the one running (one at a time)', async () => {
    const workers: ReturnType<typeof heldWorker>[] = [];
    const client = new EngineClient(() => {
      const w = heldWorker();
      workers.push(w);
      return w;
    });
    const plan = planOf(client);
    const first = client.analyse(plan, { kind: 'mix' });
    const second = client.analyse(plan, { kind: 'sensitivity' });
    expect(await first.result).toBeNull();
    expect(workers[0]!.terminated).toBe(true);
    workers[1]!.answer();
    expect((await second.result)?.ok && (await second.result)).toMatchObject({
      analysis: { kind: 'sensitivity' },
    });
  });

  it('without a worker it runs here, at once', async () => {
    const client = new EngineClient(() => null);
    const plan = planOf(client);
    const r = await client.analyse(plan, { kind: 'mix' }).result;
    expect(r?.ok && r.analysis).toEqual({ kind: 'mix', mix: bestMix(plan), reason: null });
  });
});

describe('uncertainty bands through the engine client (issue 11 §3 "App")', () => {
  it('asked for, they are rangeBands of the plan, in the worker as here; null without ranges; absent unasked', async () => {
    const { w } = worker();
    const client = new EngineClient(() => w);
    const plain = planOf(client);
    const plan = { ...plain, uncertainty: { trafficRps: { low: 0.5, high: 2 } } };
    const months = { months: 12, start: '2027-03' };
    const r = await client.evaluatePlan(plan, { key: 'p', report: false, inWorker: true, bands: months });
    expect(r?.ok && r.bands).toEqual(rangeBands(plan, months));
    const here = new EngineClient(() => null);
    const h = await here.evaluatePlan(plan, { key: 'p', report: false, inWorker: true, bands: months });
    expect(h?.ok && h.bands).toEqual(rangeBands(plan, months));
    const none = await client.evaluatePlan(plain, { key: 'p', report: false, inWorker: true, bands: months });
    expect(none?.ok && none.bands).toBeNull();
    const unasked = await client.evaluatePlan(plan, { key: 'p', report: false, inWorker: true });
    expect(unasked?.ok && 'bands' in unasked).toBe(false);
  });
});
