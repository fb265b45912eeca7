// The thin adapter between the worker and the simulation's progress (issue 11 "Performance"): the worker hands
// `simulate` an `onProgress(done, total)` option (helper S's API) that reaches the analysis' control. `simulate` is
// replaced here by one that reports progress, so this holds whatever the real one does yet.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { testPlan, testService } from '../model/testing.ts';
import type * as Uncertainty from '../analysis/uncertainty.ts';
import type { SimulateOptions, Simulation } from '../analysis/uncertainty.ts';
import { EngineClient, type WorkerLike } from './client.ts';
import { runAnalysis, type EvalRequest, type WorkerMessage } from './evaluate.ts';

const fake = vi.hoisted(() => ({ calls: [] as unknown[] }));
vi.mock('../analysis/uncertainty.ts', async (original) => {
  const real = await original<typeof Uncertainty>();
  return {
    ...real,
    simulate: (plan: Parameters<typeof real.simulate>[0], options: SimulateOptions = {}): Simulation => {
      fake.calls.push(options);
      const report = (options as { onProgress?: (done: number, total: number) => void }).onProgress;
      const total = options.samples ?? 1000;
      for (let done = 1; done <= total; done += 1) report?.(done, total);
      const { onProgress: _onProgress, ...rest } = options as SimulateOptions & { onProgress?: unknown };
      return real.simulate(plan, rest);
    },
  };
});

describe('runAnalysis passes the simulation progress on', () => {
  const plan = {
    ...testPlan(bundledCatalog('aws-us-east-1')!, [testService()]),
    uncertainty: { trafficRps: { low: 0.5, high: 2 } },
  };

  it('to the control it is given', () => {
    const seen: [number, number][] = [];
    const r = runAnalysis(
      plan,
      { kind: 'simulate', samples: 10, seed: 1 },
      { onProgress: (d, t) => seen.push([d, t]) },
    );
    expect(r.kind).toBe('simulate');
    expect(seen).toHaveLength(10);
    expect(seen.at(-1)).toEqual([10, 10]);
    expect(fake.calls.at(-1)).toMatchObject({ samples: 10, seed: 1 });
  });

  it('and without a control, simulate gets the options alone', () => {
    runAnalysis(plan, { kind: 'simulate', samples: 10, seed: 1 });
    expect(fake.calls.at(-1)).toEqual({ samples: 10, seed: 1 });
  });
});

describe('the real worker module', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('sends the progress of an analysis (the last count always, the others at most every 100 ms) before its answer', async () => {
    const received: WorkerMessage[] = [];
    const scope: {
      onmessage: ((e: MessageEvent<EvalRequest>) => void) | null;
      postMessage(m: WorkerMessage): void;
    } = {
      onmessage: null,
      postMessage: (m) => {
        const reply = structuredClone(m);
        received.push(reply);
        queueMicrotask(() => worker.onmessage?.({ data: reply } as MessageEvent<WorkerMessage>));
      },
    };
    vi.stubGlobal('self', scope);
    await import('./engine.worker.ts');
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m) => scope.onmessage!({ data: structuredClone(m) } as MessageEvent<EvalRequest>),
      terminate() {},
    };
    const client = new EngineClient(() => worker, 0);
    const plan = {
      ...testPlan(bundledCatalog('aws-us-east-1')!, [testService()]),
      uncertainty: { trafficRps: { low: 0.5, high: 2 } },
    };
    const heard: { done: number; total: number }[] = [];
    const r = await client.analyse(plan, { kind: 'simulate', samples: 500, seed: 1 }, (p) => heard.push(p))
      .result;
    expect(r?.ok && r.analysis?.kind).toBe('simulate');
    // 500 counts in far less than 100 ms: the first and the last are sent, not 500 messages.
    expect(heard.length).toBeGreaterThanOrEqual(2);
    expect(heard.length).toBeLessThan(20);
    expect(heard.at(-1)).toEqual({ done: 500, total: 500 });
    expect(received.findIndex((m) => 'result' in m)).toBe(received.length - 1);
  });
});
