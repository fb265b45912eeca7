// A decision analysis as the app runs it (issue 11 "Performance"): one at a time, in the analyses' own worker, with
// its progress shown once it has taken longer than PROGRESS_AFTER_MS and a Cancel that stops it (the worker running
// it is terminated). A cancelled run changes nothing: what was on screen before it stays.
import type { Plan } from '../model/index.ts';
import type { EngineClient, RunningAnalysis } from '../worker/client.ts';
import type { AnalysisProgress, AnalysisRequest, AnalysisResult } from '../worker/evaluate.ts';

/** Anything longer shows its progress and a Cancel button (issue 11: "progress shown for anything over 300 ms"). */
export const PROGRESS_AFTER_MS = 300;

/** What a run gives: its result, why there is none, or `null` when it was cancelled or superseded. */
export type AnalysisOutcome = { ok: true; result: AnalysisResult } | { ok: false; failure: string } | null;

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * What a slow analysis says while it runs: a simulation counts its samples when it can ("Simulating… 430 / 1,000"),
 * the others say they are working. `samples` is what a simulation that has not counted yet was asked for.
 */
export function progressText(
  kind: AnalysisRequest['kind'],
  progress: AnalysisProgress | null,
  samples: number,
): string {
  if (kind !== 'simulate') return 'Working…';
  return progress
    ? `Simulating… ${count(progress.done)} / ${count(progress.total)}`
    : `Simulating… ${count(samples)} samples`;
}

export class AnalysisRun {
  #kind = $state<AnalysisRequest['kind'] | null>(null);
  #progress = $state.raw<AnalysisProgress | null>(null);
  #slow = $state(false);
  #running: RunningAnalysis | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #engine: Pick<EngineClient, 'analyse'>;
  readonly #after: number;

  constructor(engine: Pick<EngineClient, 'analyse'>, progressAfterMs = PROGRESS_AFTER_MS) {
    this.#engine = engine;
    this.#after = progressAfterMs;
  }

  /** The kind of analysis running, `null` when none. */
  get running(): AnalysisRequest['kind'] | null {
    return this.#kind;
  }

  /** True once the running analysis has taken longer than PROGRESS_AFTER_MS: its progress and Cancel show. */
  get slow(): boolean {
    return this.#slow;
  }

  /** How far it has got, when the analysis counts its steps (a simulation's samples). */
  get progress(): AnalysisProgress | null {
    return this.#progress;
  }

  /** Runs `request` on `plan`, cancelling the analysis running before. */
  async run(plan: Plan, request: AnalysisRequest): Promise<AnalysisOutcome> {
    this.cancel();
    this.#kind = request.kind;
    this.#timer = setTimeout(() => (this.#slow = true), this.#after);
    const running = this.#engine.analyse(plan, request, (p) => {
      if (this.#running === running) this.#progress = p;
    });
    this.#running = running;
    const r = await running.result;
    if (this.#running !== running) return null; // cancelled, or a newer run owns the state
    this.#settle();
    if (r === null) return null;
    if (!r.ok) return { ok: false, failure: r.issues.map((i) => i.message).join('; ') };
    return r.analysis ? { ok: true, result: r.analysis } : { ok: false, failure: 'No answer.' };
  }

  /** Stops the running analysis (nothing when none runs); its `run` resolves to `null`. */
  cancel(): void {
    const running = this.#running;
    if (!running) return;
    this.#settle();
    running.cancel();
  }

  #settle(): void {
    clearTimeout(this.#timer);
    this.#running = null;
    this.#kind = null;
    this.#slow = false;
    this.#progress = null;
  }
}

/**
 * Whether an edit from document `before` to `after` can change an analysis' figures: any top-level part but the
 * name replaced. The app's documents share every part an edit did not touch (src/state/doc.ts `setAt`), so this is
 * an identity check per part, as cheap on 2,000 services as on one.
 */
export function changesFigures(before: unknown, after: unknown): boolean {
  if (before === after) return false;
  if (!isRecord(before) || !isRecord(after)) return true;
  const changed = (k: string) => k !== 'name' && !Object.is(before[k], after[k]);
  return Object.keys(before).some(changed) || Object.keys(after).some(changed);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
