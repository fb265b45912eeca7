// The cost engine: a resolved plan in, a report out. Pure and deterministic.
import {
  fallbackName,
  fallbackProblems,
  fallbackStrategy,
  lambdaIneligible,
  withFallback,
} from './fallback.ts';
import type { KeptShares, Prepared } from './prepare.ts';
import { costsOnly, prepare, strategyReport } from './prepare.ts';
import { costingProblems } from './problems.ts';
import { addMonths, isCalendarMonth } from './calendar.ts';
import type { Memo, MemoLane } from './memo.ts';
import { NO_LANE, NO_MEMO, serviceMemo } from './memo.ts';
import { sumCents } from './money.ts';
import { keptPackings, type KeptPackings } from './packing.ts';
import { HOURS_PER_WEEK } from './time.ts';
import type {
  CostingProblem,
  Forecast,
  ForecastMonth,
  ForecastYear,
  LeadChange,
  Plan,
  Report,
  Service,
  StrategyId,
  StrategyReport,
} from './types.ts';
import { perStrategy, STRATEGIES, STRATEGY_IDS, strategyEntry } from './registry.ts';
import { cachedWeekSums, plainWeekSums, type WeekSums } from './week-sum.ts';

/** The report of a strategy that cannot be costed: no cost, no lines, no service run, and the reasons. */
function notCosted(p: Prepared, id: StrategyId, problems: CostingProblem[]): StrategyReport {
  const zeros = new Array<number>(HOURS_PER_WEEK).fill(0);
  return {
    ...strategyReport(p.plan, id, {
      lineItems: [],
      services: p.services.map((s) => ({ service: s.service.name, cost: 0, included: false })),
      warnings: [],
      utilization: { cpuAverage: null, cpuPeak: null },
      capacity: {},
      week: {
        demand: zeros,
        capacity: zeros,
        units: zeros,
        unit: strategyEntry(id).weekUnit,
      },
    }),
    cannotCost: problems,
  };
}

/**
 * Every strategy, in order; one with costing problems is reported as such instead of being sized. Lambda's report
 * includes the services it cannot run, priced by the plan's fallback strategy (fallback.ts); when that strategy
 * cannot be costed for them, neither can Lambda's total.
 */
function strategies(
  p: Prepared,
  blocked: Map<StrategyId, CostingProblem[]>,
  only: StrategyId | null = null,
): StrategyReport[] {
  return STRATEGIES.filter(({ id }) => only === null || id === only).map(({ id, evaluate: run }) => {
    const problems = blocked.get(id);
    if (problems) return notCosted(p, id, problems);
    if (id !== 'serverless') return run(p);
    const fallback = fallbackProblems(p.plan, blocked);
    if (fallback) {
      const via = fallbackStrategy(p.plan.strategies.serverless.fallback)!;
      return {
        ...notCosted(p, id, fallback),
        name: fallbackName(via, lambdaIneligible(p.plan).length, p.plan),
      };
    }
    return withFallback(p, run(p));
  });
}

function cheapestOf(reports: readonly StrategyReport[]): StrategyId | null {
  let best: StrategyReport | null = null;
  for (const r of reports) {
    if (r.cannotCost || !r.services.every((s) => s.included)) continue;
    if (best === null || r.monthlyCost < best.monthlyCost) best = r;
  }
  return best?.id ?? null;
}

/** Costs, utilization, capacity and warnings of the plan under every strategy of the registry. */
export function evaluate(plan: Plan): Report {
  return evaluateWith(plan, NO_MEMO);
}

function evaluateWith(
  plan: Plan,
  memo: Memo,
  packs: KeptPackings | null = null,
  sums: WeekSums = plainWeekSums,
  shares: KeptShares | null = null,
  trafficFactor?: (s: Service) => number,
): Report {
  const reports = strategies(prepare(plan, trafficFactor, memo, packs, sums, shares), costingProblems(plan));
  return {
    plan: plan.name,
    currency: plan.catalog.currency,
    hoursPerMonth: plan.hoursPerMonth,
    catalog: { id: plan.catalog.id, asOf: plan.catalog.asOf },
    strategies: reports,
    cheapest: cheapestOf(reports),
  };
}

/** Month m multiplies each service's traffic by (1 + growthPerMonth)^(m − 1) and re-sizes every strategy. */
export function growthFactor(service: Service, month: number): number {
  return Math.pow(1 + service.growthPerMonth, month - 1);
}

/**
 * How much cheaper (as a fraction) a strategy must be than the current leader to take the lead in a forecast.
 * Lead changes under it are noise for a plan built on estimated traffic: see "Forecast" in docs/cost-model.md.
 */
export const FORECAST_TOLERANCE = 0.05;

export interface ForecastOptions {
  /** Number of months (1 = the plan as entered). */
  months: number;
  /** The calendar month of month 1, `YYYY-MM`. */
  start: string;
  /** Defaults to FORECAST_TOLERANCE. */
  tolerance?: number;
}

/** The new leader of a month (exported for tests): the current one stays unless the month's cheapest beats it by more than `tolerance`. */
export function nextLeader(
  current: StrategyId | null,
  cheapest: StrategyId | null,
  costs: Record<StrategyId, number>,
  complete: ReadonlySet<StrategyId>,
  tolerance: number,
): StrategyId | null {
  if (current === null || !complete.has(current)) return cheapest;
  if (cheapest === null || cheapest === current) return current;
  return costs[cheapest] < costs[current] * (1 - tolerance) ? cheapest : current;
}

/**
 * Months 1…`months` from the calendar month `start`: every strategy re-run on grown traffic (capacity too, so step
 * changes show), with cumulative and yearly totals and the months where the cheapest complete strategy changes by
 * more than the tolerance.
 */
export function forecast(plan: Plan, options: ForecastOptions): Forecast {
  return forecastWith(plan, options, null, NO_LANE);
}

/** The figures the forecast reads from one month's strategy reports. */
function monthCosts(reports: readonly StrategyReport[]): MonthCosts {
  const costs = {} as Record<StrategyId, number>;
  const capacity = {} as Record<StrategyId, Record<string, number>>;
  const complete = new Set<StrategyId>();
  for (const r of reports) {
    costs[r.id] = r.monthlyCost;
    capacity[r.id] = r.capacity;
    if (r.services.every((s) => s.included)) complete.add(r.id);
  }
  return { costs, capacity, cheapest: cheapestOf(reports), complete };
}

/**
 * The forecast; `month1` is the plan's own report when the caller has it (month 1 is the plan as entered, so it is
 * that report's figures: not computed twice). `lane` serves services that do not grow, whose every month is month 1.
 */
function forecastWith(plan: Plan, options: ForecastOptions, month1: Report | null, lane: MemoLane): Forecast {
  const { months, start } = options;
  const tolerance = options.tolerance ?? FORECAST_TOLERANCE;
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`forecast months must be ≥ 1, not ${months}`);
  if (!isCalendarMonth(start)) throw new RangeError(`forecast start must be YYYY-MM, not ${start}`);
  const blocked = costingProblems(plan);
  const steady: Memo = (service, slot, deps, compute) =>
    service.growthPerMonth === 0 ? lane.memo(service, slot, deps, compute) : compute();
  const costed: MonthCosts[] = [];
  for (let m = 1; m <= months; m++) {
    lane.begin();
    const reports =
      m === 1 && month1 !== null
        ? month1.strategies
        : strategies(
            prepare(plan, (s) => growthFactor(s, m), steady),
            blocked,
          );
    costed.push(monthCosts(reports));
  }
  return forecastFromCosts(start, costed, tolerance);
}

/**
 * An evaluator that keeps each service's own results between evaluations (by the Service object's identity, see
 * memo.ts), so evaluating a plan after a one-service edit recomputes that service and the shared parts only. Its
 * reports and forecasts are identical to `evaluate` and `forecast` (a property test checks it, properties.test.ts);
 * it pays off when successive plans share Service objects, as those of the parse cache (src/plan/parse-cache.ts) do.
 */
export interface Evaluator {
  evaluate(plan: Plan): Report;
  /** `forecast(plan, options)`, reusing the report of `plan` when it was the last one evaluated. */
  forecast(plan: Plan, options: ForecastOptions): Forecast;
  /**
   * The report of one strategy, identical to its report in `evaluate(plan)`, without sizing the other three (the
   * best mix prices each strategy on sub-plans of its own services: src/analysis/mix.ts).
   */
  strategy(plan: Plan, id: StrategyId): StrategyReport;
  /**
   * The figures of `evaluate(plan)` a simulation reads, and only those: each strategy's monthly cost and whether it
   * runs every service, and the cheapest complete one (PlanCosts). Every strategy is sized and priced by the same
   * code as in `evaluate`, to the cent; what no cost depends on (per-service shares, weeks, capacity, utilization)
   * is not assembled. Only the services for which `keep` holds are kept for later calls (default: every one): a
   * simulation's drawn services are never seen again, and keeping them would only cost memory and time.
   * `trafficFactor` multiplies a service's traffic curve as it is prepared (default 1), the figures those of the plan
   * with that service's curve × the factor, to the bit (a simulation's drawn traffic, without a scaled copy of every
   * curve); a service with a factor other than 1 must not be kept.
   */
  costs(
    plan: Plan,
    keep?: (service: Service) => boolean,
    trafficFactor?: (service: Service) => number,
  ): PlanCosts;
}

/** One strategy's figures in PlanCosts. */
export interface StrategyCosts {
  id: StrategyId;
  /** StrategyReport.monthlyCost, or `null` when the strategy cannot be costed for the plan (its cannotCost). */
  monthlyCost: number | null;
  /** Whether it runs every service (every ServiceCost.included): only a complete strategy can be the cheapest. */
  complete: boolean;
}

/** Evaluator.costs: a report's monthly costs, completeness and cheapest (Report.cheapest), strategies in order. */
export interface PlanCosts {
  strategies: StrategyCosts[];
  cheapest: StrategyId | null;
}

/** The same plan: the same object, or one made of the same parts (a plan rebuilt from a message, say). */
function samePlan(a: Plan, b: Plan): boolean {
  if (a === b) return true;
  if (
    a.name !== b.name ||
    a.hoursPerMonth !== b.hoursPerMonth ||
    a.catalog !== b.catalog ||
    a.strategies !== b.strategies ||
    a.frontDoor !== b.frontDoor ||
    a.resilience !== b.resilience ||
    a.storage !== b.storage ||
    a.network !== b.network ||
    a.logs !== b.logs ||
    a.operations !== b.operations ||
    a.services.length !== b.services.length
  ) {
    return false;
  }
  return a.services.every((s, i) => s === b.services[i]);
}

export function createEvaluator(): Evaluator {
  // Each service's results, kept for both kinds of pass (a forecast month asks for fewer services than an
  // evaluation: each has its own lane, so each keeps the order of its own passes).
  const kept = serviceMemo();
  const lane = kept.lane();
  const forecastLane = kept.lane();
  // One strategy on sub-plans (the best mix): other service sets again, so a lane of its own.
  const strategyLane = kept.lane();
  const packs = keptPackings();
  const sums = cachedWeekSums();
  const shares: KeptShares = new Map();
  let last: { plan: Plan; report: Report } | null = null;
  // Costs only (a simulation's samples): results of their own, so nothing computed for costs only is ever handed
  // to an evaluation, and the evaluations' positions are not disturbed by samples, nor the samples' by evaluations.
  const costsLane = serviceMemo().lane();
  return {
    evaluate(plan) {
      if (last && samePlan(last.plan, plan)) return last.report;
      lane.begin();
      const report = evaluateWith(plan, lane.memo, packs, sums, shares);
      last = { plan, report };
      return report;
    },
    forecast(plan, options) {
      return forecastWith(
        plan,
        options,
        last && samePlan(last.plan, plan) ? last.report : null,
        forecastLane,
      );
    },
    strategy(plan, id) {
      if (last && samePlan(last.plan, plan)) return last.report.strategies.find((r) => r.id === id)!;
      strategyLane.begin();
      const p = prepare(plan, undefined, strategyLane.memo, packs, sums, shares);
      return strategies(p, costingProblems(plan), id)[0]!;
    },
    costs(plan, keep = () => true, trafficFactor) {
      // The last evaluation's report only for the same plan as it is (a traffic factor makes it another plan).
      const report =
        trafficFactor === undefined && last && samePlan(last.plan, plan)
          ? last.report
          : costsOnly(() => {
              costsLane.begin();
              const memo: Memo = (service, slot, deps, compute) =>
                keep(service) ? costsLane.memo(service, slot, deps, compute) : compute();
              // Sums and packings in full: a sample changes most services (kept sum trees would be rebuilt in full
              // and kept, and a packing is rarely seen twice); per-service figures of the kept services are reused.
              return evaluateWith(plan, memo, null, plainWeekSums, null, trafficFactor);
            });
      return {
        strategies: report.strategies.map((r) => ({
          id: r.id,
          monthlyCost: r.cannotCost === undefined ? r.monthlyCost : null,
          complete: r.services.every((c) => c.included),
        })),
        cheapest: report.cheapest,
      };
    },
  };
}

/** One month's figures as the forecast reads them: each strategy's cost, its capacity, and which run every service. */
export interface MonthCosts {
  costs: Record<StrategyId, number>;
  capacity: Record<StrategyId, Record<string, number>>;
  cheapest: StrategyId | null;
  complete: ReadonlySet<StrategyId>;
}

/**
 * A forecast from its months' figures (month 1 is the calendar month `start`): the leader of each month under the
 * tolerance rule, the lead changes, cumulative, yearly and overall totals (in cents), and the strategies complete in
 * every month. `forecast` feeds it the engine's monthly runs; test data goes through it too, so it has one rule.
 */
export function forecastFromCosts(start: string, costed: readonly MonthCosts[], tolerance: number): Forecast {
  const out: ForecastMonth[] = [];
  const leadChanges: LeadChange[] = [];
  const completeAlways = new Set<StrategyId>(STRATEGY_IDS);
  let leader: StrategyId | null = null;
  let running = perStrategy(() => 0);
  costed.forEach(({ costs, capacity, cheapest, complete }, i) => {
    const m = i + 1;
    for (const id of STRATEGY_IDS) if (!complete.has(id)) completeAlways.delete(id);
    const previous: StrategyId | null = leader;
    leader = nextLeader(previous, cheapest, costs, complete, tolerance);
    const calendarMonth = addMonths(start, m - 1);
    if (m > 1 && leader !== previous) {
      const margin =
        previous !== null && leader !== null && costs[previous] > 0
          ? (costs[previous] - costs[leader]) / costs[previous]
          : null;
      leadChanges.push({ month: m, calendarMonth, previous, leader, margin });
    }
    const before = running;
    running = perStrategy((id) => sumCents([before[id], costs[id]]));
    out.push({ month: m, calendarMonth, costs, cheapest, leader, cumulative: running, capacity });
  });
  const years: ForecastYear[] = [];
  for (let i = 0; i < out.length; i += 12) {
    const block = out.slice(i, i + 12);
    years.push({
      year: i / 12 + 1,
      from: block[0]!.calendarMonth,
      to: block.at(-1)!.calendarMonth,
      months: block.length,
      costs: perStrategy((id) => sumCents(block.map((f) => f.costs[id]))),
    });
  }
  return {
    start,
    months: out,
    tolerance,
    leadChanges,
    years,
    total: running,
    complete: STRATEGY_IDS.filter((id) => completeAlways.has(id)),
  };
}
