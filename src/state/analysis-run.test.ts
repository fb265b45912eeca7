// A decision analysis in the app (issue 11 "Performance"): progress only once it is slow, Cancel stops it (its worker
// terminated) and leaves no trace, a new run cancels the one before.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { testPlan, testService } from '../model/testing.ts';
import type { AnalysisProgress, AnalysisRequest, PlanEvaluation } from '../worker/evaluate.ts';
import { AnalysisRun, changesFigures } from './analysis-run.svelte.ts';
import { newPlanDoc, setAt } from './doc.ts';

const plan = testPlan(bundledCatalog('aws-us-east-1')!, [testService()]);

/** An engine whose analyses answer only when told to. */
function heldEngine() {
  const runs: {
    request: AnalysisRequest;
    progress: (p: AnalysisProgress) => void;
    answer: (e: PlanEvaluation | null) => void;
    cancelled: boolean;
  }[] = [];
  return {
    runs,
    analyse(_plan: unknown, request: AnalysisRequest, progress: (p: AnalysisProgress) => void = () => {}) {
      let answer!: (e: PlanEvaluation | null) => void;
      const result = new Promise<PlanEvaluation | null>((resolve) => (answer = resolve));
      const run = { request, progress, answer, cancelled: false };
      runs.push(run);
      return {
        result,
        cancel: () => {
          run.cancelled = true;
          answer(null);
        },
      };
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AnalysisRun', () => {
  it('shows progress and Cancel only once the run is slow, then its answer', async () => {
    vi.useFakeTimers();
    const engine = heldEngine();
    const run = new AnalysisRun(engine, 300);
    const done = run.run(plan, { kind: 'simulate', samples: 1000 });
    expect(run.running).toBe('simulate');
    expect(run.slow).toBe(false);
    vi.advanceTimersByTime(299);
    expect(run.slow).toBe(false);
    vi.advanceTimersByTime(1);
    expect(run.slow).toBe(true);
    engine.runs[0]!.progress({ done: 430, total: 1000 });
    expect(run.progress).toEqual({ done: 430, total: 1000 });
    engine.runs[0]!.answer({
      ok: true,
      report: null,
      forecast: null,
      analysis: { kind: 'mix', mix: null, reason: 'x' },
    });
    expect(await done).toEqual({ ok: true, result: { kind: 'mix', mix: null, reason: 'x' } });
    expect(run.running).toBeNull();
    expect(run.slow).toBe(false);
    expect(run.progress).toBeNull();
  });

  it('cancel stops the engine’s run, resolves to null and leaves nothing running', async () => {
    const engine = heldEngine();
    const run = new AnalysisRun(engine, 0);
    const done = run.run(plan, { kind: 'mix' });
    run.cancel();
    expect(engine.runs[0]!.cancelled).toBe(true);
    expect(await done).toBeNull();
    expect(run.running).toBeNull();
    expect(run.slow).toBe(false);
  });

  it('a new run cancels the one before; the old one’s late progress is ignored', async () => {
    const engine = heldEngine();
    const run = new AnalysisRun(engine, 0);
    const first = run.run(plan, { kind: 'simulate' });
    const second = run.run(plan, { kind: 'mix' });
    expect(engine.runs[0]!.cancelled).toBe(true);
    expect(await first).toBeNull();
    engine.runs[0]!.progress({ done: 1, total: 2 });
    expect(run.progress).toBeNull();
    expect(run.running).toBe('mix');
    engine.runs[1]!.answer({ ok: false, issues: [{ path: '(plan)', message: 'broken' }] });
    expect(await second).toEqual({ ok: false, failure: 'broken' });
  });
});

describe('changesFigures', () => {
  it('is false for the same document and for a rename, true for any other part replaced', () => {
    const doc = newPlanDoc('P');
    expect(changesFigures(doc, doc)).toBe(false);
    expect(changesFigures(doc, setAt(doc, ['name'], 'Q'))).toBe(false);
    expect(changesFigures(doc, setAt(doc, ['hoursPerMonth'], 700))).toBe(true);
    expect(changesFigures(doc, setAt(doc, ['uncertainty'], { trafficRps: { low: 0.5, high: 2 } }))).toBe(
      true,
    );
    expect(changesFigures(doc, null)).toBe(true);
  });
});
