// Evaluation of plans, on the calling thread for small plans and in the engine worker for large ones; pure (no DOM,
// no worker globals), so it is tested directly.
//
// The edit path (issue 9, "Performance"): a document is parsed once, on the calling thread, by a parse cache that
// re-validates only the services an edit changed (src/plan/parse-cache.ts); the parsed plan is evaluated by an
// incremental evaluator kept per plan (src/model `createEvaluator`), here or in the worker. The worker is handed the
// parsed plan, never the document: services it already holds for that plan are sent as their index in the last
// plan sent (`PlanMessage`), so a one-service edit sends one service, and the worker's plan keeps the same Service
// objects, which is what its evaluator's memo is keyed by.
import {
  createEvaluator,
  evaluate,
  forecast,
  packedCopy,
  type Evaluator,
  type Forecast,
  type ForecastOptions,
  type Plan,
  type PlanIssue,
  type Report,
  type Service,
} from '../model/index.ts';
import { parsePlan } from '../plan/index.ts';
import {
  breakEven,
  breakEvenCurve,
  type BreakEven,
  type BreakEvenCurve,
  type BreakEvenCurveOptions,
  type BreakEvenQuery,
} from '../analysis/breakeven.ts';
import { sensitivity, type Sensitivity } from '../analysis/sensitivity.ts';
import { bestMix, type MixResult } from '../analysis/mix.ts';
import {
  simulate,
  simulateBatch,
  uncertaintyBands,
  type Bands,
  type SampleBatch,
  type SimulateOptions,
  type Simulation,
} from '../analysis/uncertainty.ts';
import { RangeBandsOf, type RangeBands } from '../analysis/range-bands.ts';

/** The horizons the app offers (months); the first is the default. */
export const FORECAST_HORIZONS = [12, 24, 36] as const;
export type ForecastHorizon = (typeof FORECAST_HORIZONS)[number];
export const FORECAST_MONTHS: ForecastHorizon = 12;

/** What the app asks the forecast for: a horizon and a start month (`YYYY-MM`, chosen by the front door). */
export type ForecastRequest = Pick<ForecastOptions, 'months' | 'start'>;

export type Evaluation =
  { ok: true; report: Report; forecast: Forecast | null } | { ok: false; issues: PlanIssue[] };

/**
 * A decision analysis of the plan (issue 11 §1–§4), run where the plan is evaluated (the worker for a large plan or
 * with `inWorker`), so the page stays responsive: a break-even (with the curve for its chart when `curve` is given),
 * the tornado, the best mix, or the simulation of the plan's uncertainty ranges.
 */
export type AnalysisRequest =
  | ({ kind: 'breakeven'; curve?: BreakEvenCurveOptions | null } & BreakEvenQuery)
  | { kind: 'sensitivity'; delta?: number }
  | { kind: 'mix' }
  | ({ kind: 'simulate' } & SimulateOptions);

export type AnalysisResult =
  | { kind: 'breakeven'; breakEven: BreakEven; curve: BreakEvenCurve | null }
  | { kind: 'sensitivity'; sensitivity: Sensitivity }
  // `mix` is null with the reason when the plan has no mix (bestMix's RangeError: e.g. no strategy runs a service).
  | { kind: 'mix'; mix: MixResult | null; reason: string | null }
  | { kind: 'simulate'; simulation: Simulation };

/**
 * One worker's share of a simulation split over several (EngineClient.analyse): samples `from` … `to` − 1 of
 * `simulate(plan, options)` (simulateBatch), and the plan's bands too when `bands` (one worker of the run computes
 * them). Not an analysis the app asks for: the client asks for it and merges the batches (summarizeSimulation).
 */
export type SimulateBatchRequest = {
  kind: 'simulate-batch';
  from: number;
  to: number;
  bands: boolean;
} & SimulateOptions;

/** How far a running analysis has got: `done` of `total` steps (a simulation's samples). */
export interface AnalysisProgress {
  done: number;
  total: number;
}

/** What a running analysis reports to, while it runs. */
export interface AnalysisControl {
  onProgress(done: number, total: number): void;
}

/**
 * The simulation with its progress passed on to the caller (`onProgress(done, total)` of SimulateOptions, called
 * about every 1% and at the end). Cancelling needs nothing from `simulate`: the analysis worker running it is
 * terminated (see EngineClient.analyse), since a synchronous loop cannot read a cancel message.
 */
function simulateWith(plan: Plan, options: SimulateOptions, control: AnalysisControl | null): Simulation {
  if (control === null) return simulate(plan, options);
  return simulate(plan, { ...options, onProgress: (done, total) => control.onProgress(done, total) });
}

/** One analysis of `plan` (pure: each analysis keeps its own evaluator, so it never disturbs the edit path's). */
export function runAnalysis(
  plan: Plan,
  request: AnalysisRequest,
  control: AnalysisControl | null = null,
): AnalysisResult {
  if (request.kind === 'mix') {
    try {
      return { kind: 'mix', mix: bestMix(plan), reason: null };
    } catch (error) {
      // Only bestMix's own "no mix" answer is an answer; anything else is the engine failing (shown as such).
      if (error instanceof RangeError) return { kind: 'mix', mix: null, reason: error.message };
      throw error;
    }
  }
  if (request.kind === 'simulate') {
    const { kind: _kind, ...options } = request;
    return { kind: 'simulate', simulation: simulateWith(plan, options, control) };
  }
  if (request.kind === 'sensitivity') {
    return {
      kind: 'sensitivity',
      sensitivity: sensitivity(plan, request.delta === undefined ? {} : { delta: request.delta }),
    };
  }
  const query: BreakEvenQuery =
    request.knob === undefined
      ? { a: request.a, b: request.b }
      : { a: request.a, b: request.b, knob: request.knob };
  return {
    kind: 'breakeven',
    breakEven: breakEven(plan, query),
    curve: request.curve ? breakEvenCurve(plan, query, request.curve) : null,
  };
}

/** What a request for a parsed plan gives: the parts asked for, or why the engine could not evaluate it. */
export type PlanEvaluation =
  | {
      ok: true;
      report: Report | null;
      forecast: Forecast | null;
      analysis?: AnalysisResult | null;
      /** The uncertainty bands when asked for (`null`: the plan has no ranges). */
      bands?: RangeBands | null;
    }
  | { ok: false; issues: PlanIssue[] };

/** A valid plan the engine cannot price is a bug; it is shown as a problem rather than a blank screen. */
function engineFailure(error: unknown): { ok: false; issues: PlanIssue[] } {
  return { ok: false, issues: [{ path: '(plan)', message: `could not be evaluated: ${String(error)}` }] };
}

/**
 * Validates and evaluates a plan document with the reference functions (parsePlan, evaluate, forecast); `forecastOf`
 * null skips the forecast (it costs one evaluation per month). The edit path gives the same results faster.
 */
export function evaluateDoc(doc: unknown, forecastOf: ForecastRequest | null): Evaluation {
  const parsed = parsePlan(doc);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  try {
    return {
      ok: true,
      report: evaluate(parsed.plan),
      forecast: forecastOf === null ? null : forecast(parsed.plan, forecastOf),
    };
  } catch (error) {
    return engineFailure(error);
  }
}

/** A plan without its services: what `PlanMessage.rest` carries. */
export type PlanRest = Omit<Plan, 'services'>;

/**
 * A parsed plan as sent to the worker for one plan key: `rest` is null when it is the same as in the last message
 * for that key; a service is a number when it is the service at that index of the last message's list.
 */
export interface PlanMessage {
  rest: PlanRest | null;
  services: (Service | number)[];
}

export interface EvalRequest {
  id: number;
  /** The plan whose incremental state the worker keeps (and the key `plan` refers back to). */
  key: string;
  /** Requests of one channel supersede each other: the worker drops one when a newer one of its channel waits. */
  channel: string;
  plan: PlanMessage;
  report: boolean;
  forecast: ForecastRequest | null;
  /** A decision analysis to run as well (absent: none). */
  analysis?: AnalysisRequest | null;
  /** The uncertainty bands to compute as well, now and over this forecast's months (absent: none). */
  bands?: ForecastRequest | null;
}

/** A request for one batch of a split simulation (answered with a BatchResponse, or its failure). */
export type BatchRequest = Omit<EvalRequest, 'analysis'> & { analysis: SimulateBatchRequest };

/** Everything the engine worker is sent. */
export type WorkerRequest = EvalRequest | BatchRequest;

export const isBatchRequest = (r: WorkerRequest): r is BatchRequest => r.analysis?.kind === 'simulate-batch';

export interface EvalResponse {
  id: number;
  result: PlanEvaluation;
}

/**
 * The answer to a `simulate-batch` request that could be costed (one that could not is an EvalResponse with its
 * failure): plain arrays and numbers, cloned as they are.
 */
export interface BatchResponse {
  id: number;
  batch: SampleBatch;
  /** The plan's bands, when the request asked for them; else `null`. */
  bands: Bands | null;
}

/** Sent by the worker while it runs the analysis of request `id` (before that request's EvalResponse). */
export interface ProgressMessage {
  id: number;
  progress: AnalysisProgress;
}

/** Everything the worker sends. */
export type WorkerMessage = EvalResponse | BatchResponse | ProgressMessage;

export const isProgress = (m: WorkerMessage): m is ProgressMessage => 'progress' in m;
export const isBatch = (m: WorkerMessage): m is BatchResponse => 'batch' in m;

/** Plans with more services than this are evaluated in the worker, so typing never waits for the engine. */
export const WORKER_THRESHOLD_SERVICES = 200;

/** How many plans keep incremental state at once (the open plan, its last valid version, a comparison…). */
const KEPT_PLANS = 6;

function sameRest(a: PlanRest, b: PlanRest): boolean {
  // Every plan-level field, whatever it is (a field added to Plan later, such as `uncertainty`, is compared too).
  const keys = Object.keys(a) as (keyof PlanRest)[];
  return (
    keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && Object.is(a[k], b[k]))
  );
}

/** The plan without its services: every other field as it is (none listed here, so none can be left behind). */
function restOf(plan: Plan): PlanRest {
  const { services: _services, ...rest } = plan;
  return rest;
}

/** A map that forgets its least recently used key beyond `limit`. */
class Recent<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly limit: number) {}
  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.#map.delete(key);
    this.#map.set(key, v);
    for (const old of this.#map.keys()) {
      if (this.#map.size <= this.limit) break;
      this.#map.delete(old);
    }
  }
  delete(key: string): void {
    this.#map.delete(key);
  }
  clear(): void {
    this.#map.clear();
  }
}

/** The sending side of `PlanMessage`: remembers, per key, what the worker holds. */
export class PlanEncoder {
  readonly #sent = new Recent<{ rest: PlanRest; index: Map<Service, number> }>(KEPT_PLANS);

  encode(key: string, plan: Plan): PlanMessage {
    const last = this.#sent.get(key);
    const rest = restOf(plan);
    const message: PlanMessage = {
      rest: last && sameRest(last.rest, rest) ? null : rest,
      services: plan.services.map((s) => last?.index.get(s) ?? s),
    };
    this.#sent.set(key, { rest, index: new Map(plan.services.map((s, i) => [s, i])) });
    return message;
  }

  /** The worker may hold nothing for `key` (it failed on it): the next message sends the whole plan. */
  forget(key: string): void {
    this.#sent.delete(key);
  }

  /** The worker was replaced or lost: it holds nothing. */
  clear(): void {
    this.#sent.clear();
  }
}

/** An evaluator per plan key, as the worker (or the calling thread) keeps them. */
export class Evaluators {
  readonly #kept = new Recent<Evaluator>(KEPT_PLANS);
  /** The bands of each plan key, with their own evaluator (its low and high plans never evict the key's memo). */
  readonly #bands = new Recent<RangeBandsOf>(KEPT_PLANS);

  #bandsOf(key: string): RangeBandsOf {
    let b = this.#bands.get(key);
    if (!b) {
      b = new RangeBandsOf();
      this.#bands.set(key, b);
    }
    return b;
  }

  for(key: string): Evaluator {
    let e = this.#kept.get(key);
    if (!e) {
      e = createEvaluator();
      this.#kept.set(key, e);
    }
    return e;
  }

  /** The parts asked for, from the key's evaluator (the forecast reuses the report of the same plan). */
  run(
    key: string,
    plan: Plan,
    report: boolean,
    forecastOf: ForecastRequest | null,
    analysis: AnalysisRequest | null = null,
    bandsOf: ForecastRequest | null = null,
    control: AnalysisControl | null = null,
  ): PlanEvaluation {
    const e = this.for(key);
    try {
      const parts = {
        report: report ? e.evaluate(plan) : null,
        forecast: forecastOf === null ? null : e.forecast(plan, forecastOf),
      };
      // Only what was asked for: a request without bands or analysis answers as it always did.
      const bands = bandsOf === null ? {} : { bands: this.#bandsOf(key).run(plan, bandsOf) };
      return analysis === null
        ? { ok: true, ...parts, ...bands }
        : { ok: true, ...parts, ...bands, analysis: runAnalysis(plan, analysis, control) };
    } catch (error) {
      return engineFailure(error);
    }
  }
}

/**
 * The worker's side: decodes each request against the plan last received for its key (in arrival order, so it
 * always matches the encoder's state) and evaluates it with that key's evaluator.
 */
export class WorkerEngine {
  readonly #plans = new Recent<Plan>(KEPT_PLANS);
  readonly #evaluators = new Evaluators();

  /** The request's plan, rebuilt from what this side holds; it must be called for every request, in order. */
  receive(request: WorkerRequest): Plan {
    const { key, plan: message } = request;
    const last = this.#plans.get(key);
    const rest = message.rest ?? (last ? restOf(last) : null);
    if (!rest) throw new Error(`no plan is known for "${key}"`);
    const services = message.services.map((s) => {
      // A service sent whole arrives structured-cloned: its curve's numbers boxed one by one, which the engine would
      // read every hour of every evaluation; a packed copy of it (model/time.ts `packedCopy`), the same numbers.
      if (typeof s !== 'number') return { ...s, trafficRps: packedCopy(s.trafficRps) };
      const known = last?.services[s];
      if (!known) throw new Error(`no service ${s} is known for "${key}"`);
      return known;
    });
    // The same rest objects as before when unchanged, so the evaluator sees the same catalog and settings.
    const plan: Plan = { ...(message.rest === null && last ? restOf(last) : rest), services };
    this.#plans.set(key, plan);
    return plan;
  }

  /** The answer to `request`; `control` hears the progress of its analysis. */
  answer(request: EvalRequest, plan: Plan, control?: AnalysisControl | null): EvalResponse;
  answer(request: WorkerRequest, plan: Plan, control?: AnalysisControl | null): EvalResponse | BatchResponse;
  answer(
    request: WorkerRequest,
    plan: Plan,
    control: AnalysisControl | null = null,
  ): EvalResponse | BatchResponse {
    if (isBatchRequest(request)) return answerBatch(request.id, plan, request.analysis, control);
    return {
      id: request.id,
      result: this.#evaluators.run(
        request.key,
        plan,
        request.report,
        request.forecast,
        request.analysis ?? null,
        request.bands ?? null,
        control,
      ),
    };
  }

  /** `receive` and `answer` in one step (for callers that answer every request at once). */
  handle(request: EvalRequest): EvalResponse;
  handle(request: WorkerRequest): EvalResponse | BatchResponse;
  handle(request: WorkerRequest): EvalResponse | BatchResponse {
    try {
      return this.answer(request, this.receive(request));
    } catch (error) {
      this.#plans.delete(request.key);
      return { id: request.id, result: engineFailure(error) };
    }
  }
}

/** One batch of a split simulation (and the bands when asked), or the engine's failure as any analysis gives it. */
function answerBatch(
  id: number,
  plan: Plan,
  request: SimulateBatchRequest,
  control: AnalysisControl | null,
): BatchResponse | EvalResponse {
  const { kind: _kind, from, to, bands, ...options } = request;
  try {
    const hooks =
      control === null
        ? {}
        : { onProgress: (done: number, total: number) => control.onProgress(done, total) };
    return {
      id,
      batch: simulateBatch(plan, options, from, to, hooks),
      bands: bands ? uncertaintyBands(plan) : null,
    };
  } catch (error) {
    return { id, result: engineFailure(error) };
  }
}
