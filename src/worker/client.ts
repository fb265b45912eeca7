// Evaluates plans: on the calling thread for small plans (results in the same frame), in the engine worker for large
// ones. A document is parsed here, once, by the parse cache; the worker is handed the parsed plan (see evaluate.ts).
// Only the newest request of a channel is answered; older ones resolve to `null` (superseded), so a burst of
// keystrokes never queues stale evaluations on screen.
import type { Plan } from '../model/index.ts';
import { sharedPlanParser, type PlanParser } from '../plan/parse-cache.ts';
import type { ParseResult } from '../plan/index.ts';
import { defaultThreads, splitSamples, type SampleRange } from '../analysis/batches.ts';
import {
  simulateOptions,
  summarizeSimulation,
  type Bands,
  type SampleBatch,
  type SimulateOptions,
} from '../analysis/uncertainty.ts';
import {
  type AnalysisProgress,
  type AnalysisRequest,
  Evaluators,
  isBatch,
  isProgress,
  PlanEncoder,
  WORKER_THRESHOLD_SERVICES,
  type BatchRequest,
  type EvalRequest,
  type Evaluation,
  type ForecastRequest,
  type PlanEvaluation,
  type WorkerMessage,
  type WorkerRequest,
} from './evaluate.ts';

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export type WorkerFactory = () => WorkerLike | null;

export function defaultWorkerFactory(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as WorkerLike;
  } catch {
    return null;
  }
}

/** What to compute for a parsed plan. */
export interface PlanRequest {
  /** The plan whose incremental state is kept (the open plan's id, `compare:<id>` …). */
  key: string;
  /** Requests of one channel supersede each other; the key by default. */
  channel?: string;
  report?: boolean;
  forecast?: ForecastRequest | null;
  /** Evaluate in the worker even when the plan is small (the forecast: one evaluation per month). */
  inWorker?: boolean;
  /** A decision analysis to run too (break-even, tornado): ask for it `inWorker` so the page stays responsive. */
  analysis?: AnalysisRequest | null;
  /** The uncertainty bands too, now and over these forecast months (see RangeBands); ask for them `inWorker`. */
  bands?: ForecastRequest | null;
}

/** An analysis started by `EngineClient.analyse`: its answer (`null` once cancelled) and how to stop it. */
export interface RunningAnalysis {
  readonly result: Promise<PlanEvaluation | null>;
  /** Stops the run now (its worker is terminated) and resolves `result` to `null`; nothing once it has answered. */
  cancel(): void;
}

/** The cores the app may use for one simulation (navigator.hardwareConcurrency; 1 where it is unknown). */
export function analysisThreads(): number {
  return defaultThreads(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency);
}

/** A worker kept to cost a split simulation's other batches, with what it holds of the plan. */
interface Helper {
  worker: WorkerLike;
  encoder: PlanEncoder;
}

interface AnalysisRun {
  id: number;
  /** The helpers busy with this run (a split simulation's other batches): terminated if it is stopped. */
  helpers: Helper[];
  resolve: (e: PlanEvaluation | null) => void;
  /** The run computed on this thread (what a worker that fails leaves: the answer, late but never missing). */
  answerHere: () => PlanEvaluation;
  /** A message for this run from worker `slot` (0: the analyses' own worker, then the helpers in order). */
  receive: (slot: number, message: WorkerMessage) => void;
}

/** A simulation worth splitting: its settled options and one batch of samples per worker. */
interface Split {
  options: Required<SimulateOptions>;
  batches: SampleRange[];
}

interface Pending {
  key: string;
  channel: string;
  plan: Plan;
  report: boolean;
  forecast: ForecastRequest | null;
  analysis: AnalysisRequest | null;
  bands: ForecastRequest | null;
  resolve: (e: PlanEvaluation | null) => void;
}

export class EngineClient {
  #worker: WorkerLike | null | undefined;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #latest = new Map<string, number>();
  readonly #factory: WorkerFactory;
  readonly #threshold: number;
  readonly #parser: PlanParser;
  readonly #encoder = new PlanEncoder();
  /** Incremental state of the plans evaluated on this thread. */
  readonly #here = new Evaluators();
  /**
   * The analyses' own worker: a simulation of a large plan takes seconds, and in the edit path's worker it would hold
   * up every report meanwhile; here it holds up nothing, and cancelling it is terminating it.
   */
  #analysisWorker: WorkerLike | null | undefined;
  readonly #analysisEncoder = new PlanEncoder();
  #analysisRun: AnalysisRun | null = null;
  /**
   * Workers one simulation may be split over (the analyses' own and its helpers); 1 once a helper failed (the next
   * simulations run in the one worker, as before).
   */
  #threads: number;
  /**
   * The helpers, kept between simulations (at most threads − 1): a new worker's first batch runs cold (the worker
   * module loaded, the engine's code not yet optimised), which cost more than the split gained (docs/analysis.md,
   * "On every core"). Terminated when a run they are busy with is stopped or fails, and on dispose.
   */
  readonly #helpers: Helper[] = [];

  /** `threads`: the most workers a simulation is split over (analysisThreads: the machine's cores, at most 4). */
  constructor(
    factory: WorkerFactory = defaultWorkerFactory,
    threshold = WORKER_THRESHOLD_SERVICES,
    parser: PlanParser = sharedPlanParser,
    threads = analysisThreads(),
  ) {
    this.#factory = factory;
    this.#threshold = threshold;
    this.#parser = parser;
    this.#threads = threads;
  }

  /** The document validated and resolved, re-checking only what changed since the documents parsed before. */
  parse(doc: unknown): ParseResult {
    return this.#parser.parse(doc);
  }

  /** True when this plan (or document) goes to the worker. */
  isLarge(plan: { services?: unknown }): boolean {
    return Array.isArray(plan.services) && plan.services.length > this.#threshold;
  }

  /** Validation and the report now, on this thread (no forecast: that is one evaluation per month). */
  evaluateNow(doc: unknown, key = 'default'): Evaluation {
    const parsed = this.parse(doc);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const r = this.#here.run(key, parsed.plan, true, null);
    return r.ok ? { ok: true, report: r.report!, forecast: null } : r;
  }

  /** The report of a parsed plan, now, on this thread (incrementally: only what changed since the last one of `key`). */
  evaluatePlanNow(plan: Plan, key: string): PlanEvaluation {
    return this.#here.run(key, plan, true, null);
  }

  /**
   * The report and/or forecast of a parsed plan: here for a small plan, in the worker for a large one (or when
   * `inWorker`). Resolves to `null` when a newer request of the same channel superseded it.
   */
  evaluatePlan(plan: Plan, request: PlanRequest): Promise<PlanEvaluation | null> {
    const { key, report = true, forecast = null, inWorker = false, analysis = null, bands = null } = request;
    const channel = request.channel ?? key;
    const id = this.#nextId++;
    const previous = this.#latest.get(channel);
    this.#latest.set(channel, id);
    if (previous !== undefined) {
      const stale = this.#pending.get(previous);
      if (stale) {
        this.#pending.delete(previous);
        stale.resolve(null);
      }
    }
    const worker = inWorker || this.isLarge(plan) ? this.#ensureWorker() : null;
    if (!worker) return Promise.resolve(this.#here.run(key, plan, report, forecast, analysis, bands));
    return new Promise((resolve) => {
      this.#pending.set(id, { key, channel, plan, report, forecast, analysis, bands, resolve });
      worker.postMessage({
        id,
        key,
        channel,
        plan: this.#encoder.encode(key, plan),
        report,
        forecast,
        // Only when asked: a request without one is the message it always was.
        ...(analysis === null ? {} : { analysis }),
        ...(bands === null ? {} : { bands }),
      } satisfies EvalRequest);
    });
  }

  /**
   * Validates and evaluates `doc` with the forecast asked for (`null`: none); `key` groups requests (one plan), and a
   * newer request for the same key supersedes older ones (they resolve to `null`). Small plans are evaluated here
   * unless `inWorker` is set.
   */
  async evaluate(
    doc: unknown,
    key = 'default',
    forecast: ForecastRequest | null = null,
    inWorker = false,
  ): Promise<Evaluation | null> {
    const parsed = this.parse(doc);
    if (!parsed.ok) {
      // A newer request supersedes the older ones of its key even when it has problems.
      this.#latest.set(key, this.#nextId++);
      return { ok: false, issues: parsed.issues };
    }
    const r = await this.evaluatePlan(parsed.plan, { key, forecast, inWorker });
    if (r === null || !r.ok) return r;
    return { ok: true, report: r.report!, forecast: r.forecast };
  }

  #ensureWorker(): WorkerLike | null {
    if (this.#worker !== undefined) return this.#worker;
    const worker = this.#factory();
    this.#worker = worker;
    this.#encoder.clear();
    if (!worker) return null;
    worker.onmessage = (event) => {
      const message = event.data;
      // Analyses report progress through `analyse`, not here; batches are asked for only by `analyse`.
      if (isProgress(message) || isBatch(message)) return;
      const { id, result } = message;
      const p = this.#pending.get(id);
      if (!p) return;
      this.#pending.delete(id);
      // After a failure the worker may hold nothing for the key: the next request sends the whole plan.
      if (!result.ok) this.#encoder.forget(p.key);
      p.resolve(this.#latest.get(p.channel) === id ? result : null);
    };
    worker.onerror = () => {
      // The worker failed to load or crashed: answer what is pending here and stop using it.
      worker.terminate();
      this.#worker = null;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of pending)
        p.resolve(this.#here.run(p.key, p.plan, p.report, p.forecast, p.analysis, p.bands));
    };
    return worker;
  }

  /**
   * Runs a decision analysis in the analyses' own worker, reporting its progress (a simulation's samples) as it goes.
   * A simulation with enough samples is split over several workers (up to the threads given to the constructor; at
   * least MIN_SAMPLES_PER_THREAD samples each, src/analysis/batches.ts): each costs one batch, and the answer is
   * merged here, the same as in one worker to the last figure. One at a time: starting one cancels the one running.
   * Without a worker it runs here, at once, and cannot be stopped midway.
   */
  analyse(
    plan: Plan,
    analysis: AnalysisRequest,
    onProgress: (progress: AnalysisProgress) => void = () => {},
  ): RunningAnalysis {
    this.#stopAnalysis();
    const id = this.#nextId++;
    const worker = this.#ensureAnalysisWorker();
    if (!worker) {
      const control = { onProgress: (done: number, total: number) => onProgress({ done, total }) };
      const result = this.#here.run('analysis', plan, false, null, analysis, null, control);
      return { result: Promise.resolve(result), cancel: () => {} };
    }
    const answerHere = () => this.#here.run('analysis', plan, false, null, analysis);
    const split = this.#splitOf(analysis);
    const helpers = split === null ? null : this.#helpersFor(split.batches.length - 1);
    const result = new Promise<PlanEvaluation | null>((resolve) => {
      if (split !== null && helpers !== null) {
        this.#analysisRun = this.#runSplit(id, plan, split, worker, helpers, onProgress, resolve, answerHere);
        return;
      }
      this.#analysisRun = {
        id,
        helpers: [],
        resolve,
        answerHere,
        receive: (_slot, message) => {
          if (isProgress(message)) onProgress(message.progress);
          else if (!isBatch(message)) this.#endAnalysis(message.result, { forget: !message.result.ok });
        },
      };
      worker.postMessage({
        id,
        key: 'analysis',
        channel: 'analysis',
        plan: this.#analysisEncoder.encode('analysis', plan),
        report: false,
        forecast: null,
        analysis,
      } satisfies EvalRequest);
    });
    return {
      result,
      cancel: () => {
        if (this.#analysisRun?.id === id) this.#stopAnalysis();
      },
    };
  }

  /** The split of a simulation worth splitting; `null` for any other analysis (and for options out of range). */
  #splitOf(analysis: AnalysisRequest): Split | null {
    if (analysis.kind !== 'simulate' || this.#threads < 2) return null;
    const { kind: _kind, ...given } = analysis;
    let options: Required<SimulateOptions>;
    try {
      options = simulateOptions(given);
    } catch {
      return null; // the one worker answers with the problem, as it always has
    }
    const batches = splitSamples(options.samples, this.#threads);
    return batches.length > 1 ? { options, batches } : null;
  }

  /** `n` helpers for one run (those kept, and new ones for the rest), or `null` when a worker cannot be started. */
  #helpersFor(n: number): Helper[] | null {
    while (this.#helpers.length < n) {
      const worker = this.#factory();
      if (!worker) return null;
      this.#helpers.push({ worker, encoder: new PlanEncoder() });
    }
    return this.#helpers.slice(0, n);
  }

  /** Every helper terminated (busy with a run no one wants, or failed); the next split starts new ones. */
  #dropHelpers(): void {
    for (const h of this.#helpers.splice(0)) h.worker.terminate();
  }

  /**
   * A simulation split over the analyses' own worker (the first batch, and the bands) and `helpers` (one batch
   * each), each sent the plan in the usual plan message (whole to a new worker, what changed to one that has it).
   * Progress is the sum of the workers' samples done; the answer is summarizeSimulation of the batches, deep-equal
   * to `simulate` (each batch draws what it draws in one run).
   */
  #runSplit(
    id: number,
    plan: Plan,
    { options, batches }: Split,
    worker: WorkerLike,
    helpers: Helper[],
    onProgress: (progress: AnalysisProgress) => void,
    resolve: (e: PlanEvaluation | null) => void,
    answerHere: () => PlanEvaluation,
  ): AnalysisRun {
    const done = batches.map(() => 0);
    const costed = new Map<number, SampleBatch>();
    let bands: Bands | null = null;
    const run: AnalysisRun = {
      id,
      helpers,
      resolve,
      answerHere,
      receive: (slot, message) => {
        if (isProgress(message)) {
          done[slot] = message.progress.done;
          onProgress({ done: done.reduce((a, b) => a + b, 0), total: options.samples });
          return;
        }
        if (!isBatch(message)) {
          // A batch the engine could not cost: the run fails as it would in one worker. A helper's failure leaves
          // the analyses' own worker busy with its batch: it is stopped too.
          this.#endAnalysis(message.result, { forget: slot === 0, stopOwn: slot !== 0 });
          return;
        }
        costed.set(slot, message.batch);
        bands ??= message.bands;
        if (costed.size < batches.length || bands === null) return;
        const ordered = batches.map((_, i) => costed.get(i)!);
        let answer: PlanEvaluation;
        try {
          const simulation = summarizeSimulation(options, bands, ordered);
          answer = { ok: true, report: null, forecast: null, analysis: { kind: 'simulate', simulation } };
        } catch {
          answer = run.answerHere(); // batches that do not make up the simulation: never left unanswered
        }
        this.#endAnalysis(answer);
      },
    };
    helpers.forEach(({ worker: h }, i) => {
      h.onmessage = (event) => {
        if (this.#analysisRun === run && event.data.id === id) run.receive(i + 1, event.data);
      };
      h.onerror = () => {
        // A helper failed to load or crashed: the run is answered here, and later simulations use one worker.
        if (this.#analysisRun !== run) {
          this.#dropHelpers(); // a kept helper that failed between runs: the next split starts new ones
          return;
        }
        this.#threads = 1;
        this.#endAnalysis(run.answerHere(), { stopOwn: true });
      };
    });
    const encoders = [this.#analysisEncoder, ...helpers.map((h) => h.encoder)];
    [worker, ...helpers.map((h) => h.worker)].forEach((w, slot) => {
      w.postMessage({
        id,
        key: 'analysis',
        channel: 'analysis',
        plan: encoders[slot]!.encode('analysis', plan),
        report: false,
        forecast: null,
        analysis: { kind: 'simulate-batch', ...options, ...batches[slot]!, bands: slot === 0 },
      } satisfies BatchRequest);
    });
    return run;
  }

  /**
   * Answers the running analysis with `answer`; `forget`: the analyses' worker may hold no plan now (it failed on
   * it); `stopOwn`: that worker is busy with work no one wants, and is terminated. After a failure the helpers are
   * terminated too (they may be busy, or hold nothing); after an answer they are kept for the next simulation.
   */
  #endAnalysis(answer: PlanEvaluation, { forget = false, stopOwn = false } = {}): void {
    const run = this.#analysisRun;
    if (!run) return;
    this.#analysisRun = null;
    if (run.helpers.length > 0 && (stopOwn || !answer.ok)) this.#dropHelpers();
    if (stopOwn) this.#dropAnalysisWorker();
    else if (forget) this.#analysisEncoder.forget('analysis');
    run.resolve(answer);
  }

  /** Terminates the running analysis (a worker busy with a loop takes no message: ending it is what stops it). */
  #stopAnalysis(): void {
    const run = this.#analysisRun;
    if (!run) return;
    this.#analysisRun = null;
    if (run.helpers.length > 0) this.#dropHelpers();
    this.#dropAnalysisWorker();
    run.resolve(null);
  }

  /** The analyses' worker terminated; the next analysis starts a new one (which holds no plan yet). */
  #dropAnalysisWorker(): void {
    this.#analysisWorker?.terminate();
    this.#analysisWorker = undefined;
    this.#analysisEncoder.clear();
  }

  #ensureAnalysisWorker(): WorkerLike | null {
    if (this.#analysisWorker !== undefined) return this.#analysisWorker;
    const worker = this.#factory();
    this.#analysisWorker = worker;
    this.#analysisEncoder.clear();
    if (!worker) return null;
    worker.onmessage = (event) => {
      const run = this.#analysisRun;
      if (run && run.id === event.data.id) run.receive(0, event.data);
    };
    worker.onerror = () => {
      // The worker failed to load or crashed: answer the run here and stop using a worker for analyses.
      worker.terminate();
      this.#analysisWorker = null;
      this.#dropHelpers(); // no simulation is split again without the analyses' worker
      const run = this.#analysisRun;
      this.#analysisRun = null;
      if (!run) return;
      run.resolve(run.answerHere());
    };
    return worker;
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    for (const p of this.#pending.values()) p.resolve(null);
    this.#pending.clear();
    this.#stopAnalysis();
    this.#dropAnalysisWorker();
    this.#dropHelpers();
  }
}
