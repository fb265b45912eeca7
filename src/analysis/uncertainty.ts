// Uncertainty (issue 11 §3): what each strategy costs when the plan's inputs are anywhere in their ranges
// (plan format `uncertainty`, multipliers of the typical value). Bands: every input at its low, typical or high
// value. Simulation: inputs drawn at random within their ranges, each sample costed by the engine's own evaluation
// (one evaluator per run), reported as percentiles and as the chance each strategy is the cheapest complete one.
// A pure function of the plan and the seed. docs/analysis.md#uncertainty.
import {
  createEvaluator,
  STRATEGY_IDS,
  UNCERTAIN_INPUTS,
  type Evaluator,
  type Plan,
  type PlanCosts,
  type Service,
  type StrategyId,
  type UncertainInput,
  type UncertaintyRange,
} from '../model/index.ts';
import { mapServices, scaled, withTraffic } from './knobs.ts';

/** A service's range of every input: its own, else the plan-wide one, else none (`{ low: 1, high: 1 }`). */
export type Ranges = Record<UncertainInput, UncertaintyRange>;

const NO_RANGE: UncertaintyRange = { low: 1, high: 1 };

export function rangesOf(plan: Plan, s: Service): Ranges {
  const pick = (input: UncertainInput) => s.uncertainty?.[input] ?? plan.uncertainty?.[input] ?? NO_RANGE;
  return {
    trafficRps: pick('trafficRps'),
    cpuMsPerRequest: pick('cpuMsPerRequest'),
    durationMs: pick('durationMs'),
  };
}

/** Multipliers of a service's inputs (1: the typical value). */
export type Factors = Record<UncertainInput, number>;

/** The service with its inputs × factors; the object itself when every factor is 1 (so the evaluator reuses it). */
export function withFactors(s: Service, f: Factors): Service {
  if (f.cpuMsPerRequest === 1 && f.durationMs === 1) return withTraffic(s, f.trafficRps);
  // One copy of the service (a simulation draws every service of every sample): withTraffic's fields, and these.
  return {
    ...s,
    trafficRps: f.trafficRps === 1 ? s.trafficRps : scaled(s.trafficRps, f.trafficRps),
    cpuMsPerRequest: s.cpuMsPerRequest * f.cpuMsPerRequest,
    durationMs: s.durationMs * f.durationMs,
  };
}

/** Whether any service of the plan has a range on any input. */
export function hasRanges(plan: Plan): boolean {
  return plan.services.some((s) => {
    const r = rangesOf(plan, s);
    return UNCERTAIN_INPUTS.some((i) => r[i].low !== 1 || r[i].high !== 1);
  });
}

/** A strategy's monthly cost, or `null` when it cannot be costed for that plan (StrategyReport.cannotCost). */
export type Costs = Record<StrategyId, number | null>;

function costsOf(figures: PlanCosts): Costs {
  const out = {} as Costs;
  for (const r of figures.strategies) out[r.id] = r.monthlyCost;
  return out;
}

export interface Bands {
  /** Every input of every service at the low end of its range. */
  low: Costs;
  /** The report's figures (every input typical). */
  typical: Costs;
  /** Every input of every service at the high end of its range. */
  high: Costs;
  /** The cheapest complete strategy at each (Report.cheapest). */
  cheapest: { low: StrategyId | null; typical: StrategyId | null; high: StrategyId | null };
}

/**
 * Every strategy's cost with all inputs at low, typical and high: Evaluator.costs (the figures of `evaluate` these
 * read, by the same code, to the cent), the plan's own services kept between the three.
 */
export function uncertaintyBands(plan: Plan, evaluator: Evaluator = createEvaluator()): Bands {
  const typicalServices = new Set(plan.services);
  const keep = (s: Service) => typicalServices.has(s);
  const at = (side: 'low' | 'high') =>
    evaluator.costs(
      mapServices(plan, (s) => {
        const r = rangesOf(plan, s);
        return withFactors(s, {
          trafficRps: r.trafficRps[side],
          cpuMsPerRequest: r.cpuMsPerRequest[side],
          durationMs: r.durationMs[side],
        });
      }),
      keep,
    );
  const typical = evaluator.costs(plan, keep);
  const low = at('low');
  const high = at('high');
  return {
    low: costsOf(low),
    typical: costsOf(typical),
    high: costsOf(high),
    cheapest: { low: low.cheapest, typical: typical.cheapest, high: high.cheapest },
  };
}

/**
 * mulberry32 (Tommy Ettinger, public domain; https://gist.github.com/tommyettinger/46a874533244883189143505d203312c):
 * a 32-bit state advanced by 0x6D2B79F5 and mixed, giving uniform numbers in [0, 1) with a 2³² period — far more than
 * a simulation draws, tiny, and the same on every JavaScript engine (integer arithmetic only).
 */
export function mulberry32(seed: number, skip = 0): () => number {
  // The state only ever advances by 0x6D2B79F5, so the state after `skip` numbers is seed + skip × 0x6D2B79F5
  // (mod 2³²): a batch of samples starts where the draws before it would have left off, without drawing them.
  let a = (seed + Math.imul((skip % 4294967296) | 0, 0x6d2b79f5)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The triangular distribution on [low, high] with its mode at 1 (the typical value), by its inverse CDF at `u` in
 * [0, 1). No range (low = high = 1) gives 1 whatever `u`.
 */
export function triangular(r: UncertaintyRange, u: number): number {
  const { low: a, high: b } = r;
  if (a === b) return a;
  const c = 1;
  const atMode = (c - a) / (b - a);
  return u < atMode ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

/**
 * The value at percentile `q` (0 < q ≤ 1) of ascending `sorted` by the nearest-rank rule: the ⌈q·n⌉-th smallest (so
 * P50 of 1,000 samples is the 500th, always one of the samples' own costs).
 */
export function percentile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length - 1e-9));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface StrategySpread {
  /** Nearest-rank percentiles of the strategy's monthly cost over the samples it could be costed in; `null`: none. */
  p10: number | null;
  p50: number | null;
  p90: number | null;
  /** Fraction of the samples in which the strategy ran every service (it can only be cheapest in those). */
  complete: number;
}

export interface Simulation {
  samples: number;
  seed: number;
  correlation: Correlation;
  /** How the inputs were drawn, in words (also in docs/analysis.md). */
  distribution: string;
  strategies: Record<StrategyId, StrategySpread>;
  /**
   * The fraction of samples in which each strategy was the cheapest complete one (Report.cheapest); `none` is there
   * when some samples had no complete strategy. The fractions sum to 1.
   */
  cheapestProbability: Partial<Record<StrategyId | 'none', number>>;
  bands: Bands;
}

/**
 * How the draws of different services relate: `independent` (each service's inputs drawn on their own) or
 * `plan-wide` (one draw per input per sample shared by every service: all traffic high together, all CPU low
 * together — each service still within its own range, at the same quantile of it).
 */
export type Correlation = 'independent' | 'plan-wide';
export const CORRELATIONS: readonly Correlation[] = ['independent', 'plan-wide'];

export interface SimulateOptions {
  /** Samples to draw (1 to 100,000; default 1,000). */
  samples?: number;
  /** Seed of the random numbers (a 32-bit unsigned integer; default 1). */
  seed?: number;
  /** Default `independent`. */
  correlation?: Correlation;
}

/** What a caller may follow and stop of a long simulation (the app's progress bar and Cancel button). */
export interface SimulationHooks {
  /**
   * Called after every batch of samples (about every 1% of them) and after the last, with the samples costed so
   * far and the total.
   */
  onProgress?: (done: number, total: number) => void;
  /** Checked before every sample: once `aborted`, the simulation throws SimulationAborted. An AbortSignal fits. */
  signal?: { readonly aborted: boolean };
}

/** Thrown by `simulate` and `simulateBatch` when their `signal` was aborted. */
export class SimulationAborted extends Error {
  constructor() {
    super('the simulation was cancelled');
    this.name = 'SimulationAborted';
  }
}

export const MAX_SAMPLES = 100_000;
const DISTRIBUTION: Record<Correlation, string> = {
  independent:
    'triangular on [low, high] with its mode at the typical value, independently per service and per input ' +
    '(trafficRps scales the whole curve); mulberry32 random numbers from the seed',
  'plan-wide':
    'triangular on [low, high] with its mode at the typical value, one draw per input shared by every service ' +
    '(each at the same quantile of its own range; trafficRps scales the whole curve); mulberry32 random numbers ' +
    'from the seed',
};

/** The options with their defaults, checked (RangeError on a value out of range). */
export function simulateOptions(options: SimulateOptions): Required<SimulateOptions> {
  const samples = options.samples ?? 1000;
  const seed = options.seed ?? 1;
  const correlation = options.correlation ?? 'independent';
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES)
    throw new RangeError(`samples must be a whole number from 1 to ${MAX_SAMPLES}, not ${samples}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be a whole number from 0 to 4294967295, not ${seed}`);
  if (!CORRELATIONS.includes(correlation))
    throw new RangeError(`correlation must be ${CORRELATIONS.join(' or ')}, not ${String(correlation)}`);
  return { samples, seed, correlation };
}

/**
 * The figures of samples `from` … `to` − 1 of a simulation, sample by sample, strategy by strategy (STRATEGY_IDS
 * order): plain arrays of numbers, so a batch costed in a worker thread is posted back as is.
 */
export interface SampleBatch {
  from: number;
  to: number;
  /** Monthly cost of sample i's strategy k at [(i − from) × 4 + k]; NaN: the strategy cannot be costed. */
  costs: number[];
  /** 1 when that strategy runs every service in that sample, else 0 (same positions as `costs`). */
  complete: number[];
  /** Index in STRATEGY_IDS of sample i's cheapest complete strategy at [i − from]; −1: none. */
  cheapest: number[];
}

/** Random numbers one sample draws: three per service (`independent`) or three in all (`plan-wide`). */
function drawsPerSample(plan: Plan, correlation: Correlation): number {
  return correlation === 'plan-wide' ? 3 : 3 * plan.services.length;
}

/**
 * Samples `from` … `to` − 1 of `simulate(plan, options)`: each draws exactly the numbers it draws there (the random
 * numbers of sample i start after the i × drawsPerSample before it), so a simulation split into batches, in any
 * order, over any number of threads, gives the same figures as one run. One evaluator per batch.
 */
export function simulateBatch(
  plan: Plan,
  options: SimulateOptions,
  from: number,
  to: number,
  hooks: SimulationHooks = {},
): SampleBatch {
  const { samples, seed, correlation } = simulateOptions(options);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > samples || from > to)
    throw new RangeError(`a batch is a range of the ${samples} samples, not ${from} to ${to}`);
  const evaluator = createEvaluator();
  const random = mulberry32(seed, from * drawsPerSample(plan, correlation));
  const ranges = plan.services.map((s) => rangesOf(plan, s));
  // A service without a range is the plan's own object in every sample (withFactors): keep its figures between
  // samples; every drawn one is new each time and never seen again.
  const typical = new Set(plan.services);
  // Each drawn traffic factor goes to the engine with its service (Evaluator.costs `trafficFactor`): the figures of
  // the service with its curve × the factor, without a scaled copy of every curve in every sample. A service so drawn
  // may be the plan's own object (its other inputs typical), and is then not kept either.
  const factors = new Map<Service, number>();
  const keep = (s: Service) => typical.has(s) && !factors.has(s);
  const trafficFactor = (s: Service) => factors.get(s) ?? 1;
  const n = to - from;
  const batch: SampleBatch = {
    from,
    to,
    costs: new Array<number>(n * STRATEGY_IDS.length),
    complete: new Array<number>(n * STRATEGY_IDS.length),
    cheapest: new Array<number>(n),
  };
  const every = Math.max(1, Math.floor(samples / 100));
  for (let i = from; i < to; i += 1) {
    if (hooks.signal?.aborted) throw new SimulationAborted();
    const shared =
      correlation === 'plan-wide'
        ? { trafficRps: random(), cpuMsPerRequest: random(), durationMs: random() }
        : null;
    factors.clear();
    const services = plan.services.map((s, k) => {
      const r = ranges[k]!;
      const traffic = triangular(r.trafficRps, shared?.trafficRps ?? random());
      const drawn = withFactors(s, {
        trafficRps: 1,
        cpuMsPerRequest: triangular(r.cpuMsPerRequest, shared?.cpuMsPerRequest ?? random()),
        durationMs: triangular(r.durationMs, shared?.durationMs ?? random()),
      });
      if (traffic !== 1) factors.set(drawn, traffic);
      return drawn;
    });
    const figures = evaluator.costs({ ...plan, services }, keep, trafficFactor);
    const at = (i - from) * STRATEGY_IDS.length;
    STRATEGY_IDS.forEach((id, k) => {
      const r = figures.strategies.find((x) => x.id === id);
      batch.costs[at + k] = r?.monthlyCost ?? NaN;
      batch.complete[at + k] = r?.complete ? 1 : 0;
    });
    batch.cheapest[i - from] = figures.cheapest === null ? -1 : STRATEGY_IDS.indexOf(figures.cheapest);
    const done = i + 1 - from;
    if (hooks.onProgress && (done % every === 0 || i + 1 === to)) hooks.onProgress(done, n);
  }
  return batch;
}

/**
 * The simulation from the batches of all its samples (in any order; each sample once) and the plan's bands: the
 * percentiles, the completeness and the chances of being cheapest do not depend on the order of the samples.
 */
export function summarizeSimulation(
  options: SimulateOptions,
  bands: Bands,
  batches: readonly SampleBatch[],
): Simulation {
  const { samples, seed, correlation } = simulateOptions(options);
  const covered = batches.reduce((a, b) => a + (b.to - b.from), 0);
  if (covered !== samples) throw new RangeError(`the batches hold ${covered} samples, not ${samples}`);
  const costs = new Map<StrategyId, number[]>(STRATEGY_IDS.map((id) => [id, []]));
  const complete = new Map<StrategyId, number>(STRATEGY_IDS.map((id) => [id, 0]));
  const cheapest = new Map<StrategyId | 'none', number>();
  for (const b of batches) {
    for (let j = 0; j < b.to - b.from; j += 1) {
      STRATEGY_IDS.forEach((id, k) => {
        const cost = b.costs[j * STRATEGY_IDS.length + k]!;
        if (Number.isNaN(cost)) return;
        costs.get(id)!.push(cost);
        if (b.complete[j * STRATEGY_IDS.length + k] === 1) complete.set(id, complete.get(id)! + 1);
      });
      const c = b.cheapest[j]!;
      const key = c < 0 ? 'none' : STRATEGY_IDS[c]!;
      cheapest.set(key, (cheapest.get(key) ?? 0) + 1);
    }
  }

  const strategies = {} as Record<StrategyId, StrategySpread>;
  for (const id of STRATEGY_IDS) {
    const sorted = costs.get(id)!.sort((a, b) => a - b);
    const p = (q: number) => (sorted.length === 0 ? null : percentile(sorted, q));
    strategies[id] = { p10: p(0.1), p50: p(0.5), p90: p(0.9), complete: complete.get(id)! / samples };
  }
  const cheapestProbability: Partial<Record<StrategyId | 'none', number>> = {};
  for (const id of STRATEGY_IDS) cheapestProbability[id] = (cheapest.get(id) ?? 0) / samples;
  const none = cheapest.get('none');
  if (none !== undefined) cheapestProbability.none = none / samples;
  return {
    samples,
    seed,
    correlation,
    distribution: DISTRIBUTION[correlation],
    strategies,
    cheapestProbability,
    bands,
  };
}

/**
 * Draws `samples` plans (every service's traffic, CPU per request and duration × a triangular draw within its range)
 * and costs each with the engine (Evaluator.costs: each strategy's monthly cost and completeness, by the same code
 * as a report). Draw order is fixed: sample by sample, service by service in plan order, and for each service one
 * number per input (trafficRps, cpuMsPerRequest, durationMs) whether or not it has a range, so adding a range to
 * one service leaves the draws of the others as they were. `plan-wide`: three numbers per sample (trafficRps,
 * cpuMsPerRequest, durationMs), each used by every service. `hooks`: progress and cancel (SimulationHooks).
 */
export function simulate(plan: Plan, options: SimulateOptions & SimulationHooks = {}): Simulation {
  const settledOptions = simulateOptions(options);
  const bands = uncertaintyBands(plan);
  const batch = simulateBatch(plan, settledOptions, 0, settledOptions.samples, options);
  return summarizeSimulation(settledOptions, bands, [batch]);
}
