// A simulation split over several workers in the app (issue 11 "Performance": 1,000 samples of 200 services ≤ 2 s on
// every core): EngineClient.analyse sends each worker one batch (`simulate-batch`) and merges them; the answer is
// `simulate`'s, the progress the sum of the workers'. The helpers are kept between simulations (a cold worker costs
// more than the split gains) and terminated whenever a run they are busy with is stopped or fails, and on dispose.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulate, simulateBatch, uncertaintyBands, type SimulateOptions } from '../analysis/uncertainty.ts';
import { addService, newPlanDoc, newService } from '../state/doc.ts';
import { EngineClient, type WorkerLike } from './client.ts';
import { heldWorker, type HeldWorker } from './held-worker.ts';
import {
  isBatchRequest,
  type BatchRequest,
  type EvalResponse,
  type WorkerMessage,
  type WorkerRequest,
} from './evaluate.ts';

/** A client whose worker factory makes fake workers (listed in `workers`, in the order started). */
function clientWith(threads: number) {
  const workers: HeldWorker[] = [];
  const client = new EngineClient(
    () => {
      const w = heldWorker();
      workers.push(w);
      return w satisfies WorkerLike;
    },
    undefined,
    undefined,
    threads,
  );
  return { client, workers };
}

function rangedPlan(client: EngineClient) {
  let doc = newPlanDoc('Split');
  for (let i = 0; i < 3; i++) doc = addService(doc, newService(`s${i}`));
  const parsed = client.parse(doc);
  if (!parsed.ok) throw new Error('invalid plan');
  return {
    ...parsed.plan,
    uncertainty: { trafficRps: { low: 0.5, high: 3 }, cpuMsPerRequest: { low: 0.8, high: 1.4 } },
  };
}

const batchOf = (w: HeldWorker): BatchRequest => {
  const r = w.seen.at(-1)!;
  if (!isBatchRequest(r)) throw new Error(`not a batch request: ${r.analysis?.kind}`);
  return r;
};

describe('a simulation split over several workers', () => {
  it.each<[string, number, SimulateOptions, number[]]>([
    ['four workers, independent draws', 4, { samples: 400, seed: 7 }, [3, 1, 0, 2]],
    [
      'three workers, uneven batches, plan-wide draws',
      3,
      { samples: 200, seed: 2, correlation: 'plan-wide' },
      [0, 1, 2],
    ],
    ['two workers, the own one last', 2, { samples: 1000, seed: 1 }, [1, 0]],
  ])(
    '%s: deep-equal to simulate, whatever order the batches come back in',
    async (_, threads, options, order) => {
      const { client, workers } = clientWith(threads);
      const plan = rangedPlan(client);
      const run = client.analyse(plan, { kind: 'simulate', ...options });
      expect(workers).toHaveLength(threads);
      const batches = workers.map((w) => batchOf(w).analysis);
      // Contiguous batches covering every sample once; only the analyses' own worker works out the bands.
      expect(batches[0]!.from).toBe(0);
      expect(batches.at(-1)!.to).toBe(options.samples);
      batches.slice(1).forEach((b, i) => expect(b.from).toBe(batches[i]!.to));
      expect(batches.map((b) => b.bands)).toEqual(workers.map((_, i) => i === 0));
      // Each worker is sent the whole plan once (a helper holds nothing before).
      for (const w of workers) {
        expect(w.seen).toHaveLength(1);
        expect(w.seen[0]!.plan.rest).not.toBeNull();
        expect(w.seen[0]!.plan.services.every((s) => typeof s === 'object')).toBe(true);
      }
      for (const i of order) workers[i]!.answer();
      const r = await run.result;
      expect(r).toEqual({
        ok: true,
        report: null,
        forecast: null,
        analysis: { kind: 'simulate', simulation: simulate(plan, options) },
      });
      // Every worker is kept for the next simulation (none runs meanwhile); dispose ends them all.
      expect(workers.filter((w) => w.terminated)).toEqual([]);
      client.dispose();
      expect(workers.filter((w) => !w.terminated)).toEqual([]);
    },
  );

  it('the next simulation reuses the workers, sending each only what changed', async () => {
    const { client, workers } = clientWith(3);
    const plan = rangedPlan(client);
    const first = client.analyse(plan, { kind: 'simulate', samples: 150, seed: 1 });
    workers.forEach((w) => w.answer());
    await first.result;
    // Another analysis in between uses the analyses' own worker and leaves the helpers be.
    const mix = client.analyse(plan, { kind: 'mix' });
    workers[0]!.answer();
    expect((await mix.result)?.ok).toBe(true);
    const edited = {
      ...plan,
      services: plan.services.map((s, i) => (i === 1 ? { ...s, durationMs: 555 } : s)),
    };
    const second = client.analyse(edited, { kind: 'simulate', samples: 150, seed: 2 });
    expect(workers).toHaveLength(3);
    for (const w of workers) {
      expect(w.seen.at(-1)!.plan.rest).toBeNull();
      expect(w.seen.at(-1)!.plan.services).toEqual([0, expect.objectContaining({ durationMs: 555 }), 2]);
    }
    workers.forEach((w) => w.answer());
    expect((await second.result)?.ok && (await second.result)).toMatchObject({
      analysis: { simulation: simulate(edited, { samples: 150, seed: 2 }) },
    });
    // A simulation with fewer batches uses fewer of them; the others wait.
    const small = client.analyse(edited, { kind: 'simulate', samples: 100, seed: 3 });
    expect(workers[2]!.seen).toHaveLength(2);
    workers[0]!.answer();
    workers[1]!.answer();
    expect((await small.result)?.ok && (await small.result)).toMatchObject({
      analysis: { simulation: simulate(edited, { samples: 100, seed: 3 }) },
    });
    expect(workers.filter((w) => w.terminated)).toEqual([]);
  });

  it('progress is the sum of the workers’ samples done over the whole simulation', async () => {
    const { client, workers } = clientWith(2);
    const plan = rangedPlan(client);
    const heard: { done: number; total: number }[] = [];
    const run = client.analyse(plan, { kind: 'simulate', samples: 1000, seed: 1 }, (p) => heard.push(p));
    workers[0]!.progress(100, 500);
    workers[1]!.progress(200, 500);
    workers[0]!.progress(330, 500);
    workers[1]!.progress(500, 500);
    workers[1]!.answer();
    workers[0]!.progress(500, 500);
    workers[0]!.answer();
    expect(heard).toEqual([
      { done: 100, total: 1000 },
      { done: 300, total: 1000 },
      { done: 530, total: 1000 },
      { done: 830, total: 1000 },
      { done: 1000, total: 1000 },
    ]);
    expect((await run.result)?.ok).toBe(true);
  });

  it('cancel, a new analysis and dispose each terminate every worker of a running split; late answers are ignored', async () => {
    const { client, workers } = clientWith(4);
    const plan = rangedPlan(client);
    const cancelled = client.analyse(plan, { kind: 'simulate', samples: 1000, seed: 1 });
    expect(workers).toHaveLength(4);
    cancelled.cancel();
    expect(await cancelled.result).toBeNull();
    expect(workers.filter((w) => w.terminated)).toHaveLength(4);
    // A terminated worker's late answer changes nothing.
    workers[1]!.answer();
    workers[0]!.progress(10, 250);

    const superseded = client.analyse(plan, { kind: 'simulate', samples: 1000, seed: 1 });
    expect(workers).toHaveLength(8);
    const mix = client.analyse(plan, { kind: 'mix' });
    expect(await superseded.result).toBeNull();
    expect(workers.slice(4).filter((w) => w.terminated)).toHaveLength(4);
    expect(workers).toHaveLength(9);
    workers[8]!.answer();
    expect((await mix.result)?.ok).toBe(true);

    const disposed = client.analyse(plan, { kind: 'simulate', samples: 1000, seed: 1 });
    expect(workers).toHaveLength(12);
    client.dispose();
    expect(await disposed.result).toBeNull();
    expect(workers.filter((w) => !w.terminated)).toEqual([]);
  });

  it('a helper that fails: the run is answered here (as simulate), every worker of it ends, later runs use one', async () => {
    const { client, workers } = clientWith(3);
    const plan = rangedPlan(client);
    const heard: unknown[] = [];
    const run = client.analyse(plan, { kind: 'simulate', samples: 300, seed: 4 }, (p) => heard.push(p));
    workers[2]!.answer();
    workers[1]!.fail();
    expect(await run.result).toEqual({
      ok: true,
      report: null,
      forecast: null,
      analysis: { kind: 'simulate', simulation: simulate(plan, { samples: 300, seed: 4 }) },
    });
    expect(workers.map((w) => w.terminated)).toEqual([true, true, true]);
    // Next time the simulation runs in one worker, as before the split (a new one: the old one was busy).
    const next = client.analyse(plan, { kind: 'simulate', samples: 300, seed: 4 });
    expect(workers).toHaveLength(4);
    expect(workers[3]!.seen[0]!.analysis).toEqual({ kind: 'simulate', samples: 300, seed: 4 });
    workers[3]!.answer();
    expect((await next.result)?.ok).toBe(true);
  });

  it('the analyses’ own worker failing answers the run here too, and ends its helpers', async () => {
    const { client, workers } = clientWith(2);
    const plan = rangedPlan(client);
    const run = client.analyse(plan, { kind: 'simulate', samples: 200, seed: 5 });
    workers[0]!.fail();
    expect((await run.result)?.ok && (await run.result)).toMatchObject({
      analysis: { simulation: simulate(plan, { samples: 200, seed: 5 }) },
    });
    expect(workers.map((w) => w.terminated)).toEqual([true, true]);
  });

  it('a batch the engine cannot cost fails the run as one worker would; the busy workers are stopped', async () => {
    const { client, workers } = clientWith(3);
    const plan = rangedPlan(client);
    const run = client.analyse(plan, { kind: 'simulate', samples: 300, seed: 1 });
    const failure = {
      ok: false as const,
      issues: [{ path: '(plan)', message: 'could not be evaluated: boom' }],
    };
    workers[0]!.answer();
    workers[2]!.send({ id: workers[2]!.seen[0]!.id, result: failure } satisfies EvalResponse);
    expect(await run.result).toEqual(failure);
    expect(workers.map((w) => w.terminated)).toEqual([true, true, true]);
  });

  it('one thread, too few samples, options out of range or another analysis: one worker, as before', async () => {
    const one = clientWith(1);
    const plan = rangedPlan(one.client);
    void one.client.analyse(plan, { kind: 'simulate', samples: 1000, seed: 1 });
    expect(one.workers).toHaveLength(1);
    expect(one.workers[0]!.seen[0]!.analysis?.kind).toBe('simulate');

    const { client, workers } = clientWith(4);
    void client.analyse(plan, { kind: 'simulate', samples: 99, seed: 1 });
    expect(workers).toHaveLength(1);
    const bad = client.analyse(plan, { kind: 'simulate', samples: 0, seed: 1 });
    expect(workers).toHaveLength(2);
    workers[1]!.answer();
    const r = await bad.result;
    expect(r?.ok === false && r.issues[0]!.message).toMatch(/samples must be a whole number/);
    void client.analyse(plan, { kind: 'sensitivity' });
    expect(workers).toHaveLength(2);
    expect(workers[1]!.seen.at(-1)!.analysis?.kind).toBe('sensitivity');
  });
});

describe('the real worker module answers a simulate-batch request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('with what simulateBatch gives (and the bands when asked), its progress before', async () => {
    const received: WorkerMessage[] = [];
    let answered: () => void = () => {};
    const done = new Promise<void>((resolve) => (answered = resolve));
    const scope: {
      onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
      postMessage(m: WorkerMessage): void;
    } = {
      onmessage: null,
      postMessage: (m) => {
        received.push(structuredClone(m));
        if (!('progress' in m)) answered();
      },
    };
    vi.stubGlobal('self', scope);
    await import('./engine.worker.ts');
    const plan = rangedPlan(new EngineClient(() => null));
    const options = { samples: 300, seed: 9, correlation: 'independent' as const };
    const request: BatchRequest = {
      id: 41,
      key: 'analysis',
      channel: 'analysis',
      plan: { rest: (({ services: _s, ...rest }) => rest)(plan), services: plan.services },
      report: false,
      forecast: null,
      analysis: { kind: 'simulate-batch', ...options, from: 100, to: 200, bands: true },
    };
    scope.onmessage!({ data: structuredClone(request) } as MessageEvent<WorkerRequest>);
    await done;
    expect(received.at(-1)).toEqual({
      id: 41,
      batch: simulateBatch(plan, options, 100, 200),
      bands: uncertaintyBands(plan),
    });
    const progress = received.slice(0, -1);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toEqual({ id: 41, progress: { done: 100, total: 100 } });
  });
});
