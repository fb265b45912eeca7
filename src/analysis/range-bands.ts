// The uncertainty bands the app shades (issue 11 §3 "App"): every strategy's cost with every input at the low and at
// the high end of its range, now and in each month of the forecast. A month's band is the band of that month's grown
// plan: growth and a range both multiply a service's traffic, so the forecast of the plan at its low ends is, month by
// month, the low end of each month's grown plan (a unit test checks it against `uncertaintyBands` of the grown plan).
// Kept per plan with one evaluator whose memo sees the same low and high service objects from one edit to the next,
// so a one-service edit re-costs one service here too. docs/analysis.md#uncertainty.
import {
  createEvaluator,
  STRATEGY_IDS,
  UNCERTAIN_INPUTS,
  type Evaluator,
  type ForecastOptions,
  type Plan,
  type Report,
  type Service,
  type StrategyId,
} from '../model/index.ts';
import { hasRanges, rangesOf, withFactors, type Bands, type Costs, type Ranges } from './uncertainty.ts';

/**
 * One forecast month's band: each strategy's cost with every input low, and with every input high; `null` where the
 * strategy cannot be costed at that end (a forecast month's cost of such a strategy is 0, which is no cost to draw).
 */
export interface MonthBand {
  month: number;
  calendarMonth: string;
  low: Costs;
  high: Costs;
}

export interface RangeBands {
  /** The plan as entered: low, typical and high per strategy (as `uncertaintyBands`). */
  now: Bands;
  /** Each forecast month's band, when a forecast was asked for. */
  months: MonthBand[] | null;
}

type Side = 'low' | 'high';

function costsOf(report: Report): Costs {
  const out = {} as Costs;
  for (const id of STRATEGY_IDS) out[id] = null;
  for (const r of report.strategies) out[r.id] = r.cannotCost === undefined ? r.monthlyCost : null;
  return out;
}

const sameRanges = (a: Ranges, b: Ranges) =>
  UNCERTAIN_INPUTS.every((i) => a[i].low === b[i].low && a[i].high === b[i].high);

/** The bands of one plan as it is edited (one per plan key). */
export class RangeBandsOf {
  readonly #evaluator: Evaluator;
  /** A service's low or high version, reused while the service and its ranges are the same (the memo's key). */
  readonly #kept: Record<Side, WeakMap<Service, { ranges: Ranges; at: Service }>> = {
    low: new WeakMap(),
    high: new WeakMap(),
  };

  constructor(evaluator: Evaluator = createEvaluator()) {
    this.#evaluator = evaluator;
  }

  /** The plan with every input of every service at the `side` end of its range. */
  planAt(plan: Plan, side: Side): Plan {
    const kept = this.#kept[side];
    return {
      ...plan,
      services: plan.services.map((s) => {
        const ranges = rangesOf(plan, s);
        const known = kept.get(s);
        if (known && sameRanges(known.ranges, ranges)) return known.at;
        const at = withFactors(s, {
          trafficRps: ranges.trafficRps[side],
          cpuMsPerRequest: ranges.cpuMsPerRequest[side],
          durationMs: ranges.durationMs[side],
        });
        kept.set(s, { ranges, at });
        return at;
      }),
    };
  }

  /** The bands of `plan`, now and over the forecast `forecastOf` asks for; `null` when the plan has no ranges. */
  run(plan: Plan, forecastOf: ForecastOptions | null): RangeBands | null {
    if (!hasRanges(plan)) return null;
    const e = this.#evaluator;
    const typical = e.evaluate(plan);
    const side = (s: Side) => {
      const at = this.planAt(plan, s);
      // The forecast right after the report of the same plan reuses it as month 1.
      return { report: e.evaluate(at), forecast: forecastOf === null ? null : e.forecast(at, forecastOf) };
    };
    const low = side('low');
    const high = side('high');
    const now: Bands = {
      low: costsOf(low.report),
      typical: costsOf(typical),
      high: costsOf(high.report),
      cheapest: { low: low.report.cheapest, typical: typical.cheapest, high: high.report.cheapest },
    };
    const lowMonths = low.forecast?.months;
    const highMonths = high.forecast?.months;
    const costed = (costs: Record<StrategyId, number>, at: Costs): Costs => {
      const out = {} as Costs;
      for (const id of STRATEGY_IDS) out[id] = at[id] === null ? null : costs[id];
      return out;
    };
    const months =
      lowMonths && highMonths
        ? lowMonths.map((m, i) => ({
            month: m.month,
            calendarMonth: m.calendarMonth,
            low: costed(m.costs, now.low),
            high: costed(highMonths[i]!.costs, now.high),
          }))
        : null;
    return { now, months };
  }
}

/** The bands of `plan` with a fresh evaluator (see RangeBandsOf). */
export function rangeBands(plan: Plan, forecastOf: ForecastOptions | null): RangeBands | null {
  return new RangeBandsOf().run(plan, forecastOf);
}
