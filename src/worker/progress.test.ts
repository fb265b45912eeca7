// The thin adapter between the worker and the simulation's progress (issue 11 "Performance"): the worker hands
// `simulate` an `onProgress(done, total)` option (helper S's API) that reaches the analysis' control. `simulate` is
// replaced here by one that reports progress, so this holds whatever the real one does yet.
import { describe, expect, it, vi } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { testPlan, testService } from '../model/testing.ts';
import type * as Uncertainty from '../analysis/uncertainty.ts';
import type { SimulateOptions, Simulation } from '../analysis/uncertainty.ts';
import { runAnalysis } from './evaluate.ts';

const fake = vi.hoisted(() => ({ calls: [] as unknown[] }));
vi.mock('../analysis/uncertainty.ts', async (original) => {
  const real = await original<typeof Uncertainty>();
  return {
    ...real,
    simulate: (plan: Parameters<typeof real.simulate>[0], options: SimulateOptions = {}): Simulation => {
      fake.calls.push(options);
      const report = (options as { onProgress?: (done: number, total: number) => void }).onProgress;
      report?.(1, 2);
      report?.(2, 2);
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
    expect(seen).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(fake.calls.at(-1)).toMatchObject({ samples: 10, seed: 1 });
  });

  it('and without a control, simulate gets the options alone', () => {
    runAnalysis(plan, { kind: 'simulate', samples: 10, seed: 1 });
    expect(fake.calls.at(-1)).toEqual({ samples: 10, seed: 1 });
  });
});
