// Sensitivity (issue 11 §2, the tornado): each input moved down and up by a fraction, one at a time, and every
// strategy re-costed by the engine's own evaluation of the changed plan (one evaluator per run: a row that touches
// one service re-costs one service). Rows are sorted by how far they swing the cheapest strategy's cost, so the
// inputs that drive the answer come first. docs/analysis.md, "Sensitivity".
import { createEvaluator, STRATEGY_IDS, type Plan, type Report, type StrategyId } from '../model/index.ts';
import { applyKnob, SETTINGS_KEY, type Knob } from './knobs.ts';

/** The default move of every input: ±25%. */
export const DEFAULT_DELTA = 0.25;
/** How many services get a traffic row of their own (the ones that cost most in the cheapest strategy). */
export const SERVICE_ROWS = 10;
/** A discount moved up stays a discount: at most this. */
const MAX_DISCOUNT = 0.99;

export interface SensitivityOptions {
  /** The fraction each input moves down and up (0 < delta < 1); default 0.25. */
  delta?: number;
}

export type StrategyCosts = Record<StrategyId, number | null>;

export interface SensitivityRow {
  /** The knob moved: traffic, cpuMsPerRequest, durationMs, memoryMiB, growth, discount:<id>, traffic:<service>. */
  input: Knob;
  /** The knob's values at the low and high end (multipliers; a discount as the fraction it was set to). */
  lowValue: number;
  highValue: number;
  /** Every strategy's monthly cost (the report's `monthlyCost`; `null` when it cannot be costed) at each end. */
  low: StrategyCosts;
  high: StrategyCosts;
  /** |high − low| of the strategy the rows are sorted by (`swingOf`); 0 when it has no cost at an end. */
  swing: number;
  /** The report's cheapest complete strategy at each end. */
  cheapestLow: StrategyId | null;
  cheapestHigh: StrategyId | null;
}

export interface Sensitivity {
  delta: number;
  /** Every strategy's monthly cost for the plan as it is. */
  base: StrategyCosts;
  cheapest: StrategyId | null;
  /** The strategy whose swing orders the rows: the cheapest, or (none complete) the one that swings most. */
  swingOf: StrategyId | null;
  /** Largest swing first; equal swings keep the order inputs are listed in. */
  rows: SensitivityRow[];
  /** The inputs at whose low or high end the cheapest strategy differs from the plan's (empty: robust in range). */
  cheapestChanges: Knob[];
}

function costsOf(report: Report): StrategyCosts {
  const out = {} as StrategyCosts;
  for (const id of STRATEGY_IDS) {
    const s = report.strategies.find((x) => x.id === id);
    out[id] = !s || s.cannotCost ? null : s.monthlyCost;
  }
  return out;
}

/** Why a delta is not one, or `null`. */
export function deltaProblem(delta: number): string | null {
  return Number.isFinite(delta) && delta > 0 && delta < 1
    ? null
    : `delta must be a fraction above 0 and below 1 (0.25 is ±25%), not ${delta}`;
}

/** The services that matter most: highest cost in the cheapest strategy (by traffic when none is complete). */
function topServices(plan: Plan, report: Report): string[] {
  const cheapest = report.strategies.find((s) => s.id === report.cheapest);
  const weight = new Map<string, number>();
  if (cheapest) for (const s of cheapest.services) weight.set(s.service, s.cost);
  else
    for (const s of plan.services)
      weight.set(
        s.name,
        s.trafficRps.reduce((x, y) => x + y, 0),
      );
  return plan.services
    .map((s, i) => ({ name: s.name, w: weight.get(s.name) ?? 0, i }))
    .sort((x, y) => y.w - x.w || x.i - y.i)
    .slice(0, SERVICE_ROWS)
    .map((x) => x.name);
}

/** The tornado of `plan`: see Sensitivity. */
export function sensitivity(plan: Plan, options: SensitivityOptions = {}): Sensitivity {
  const delta = options.delta ?? DEFAULT_DELTA;
  const problem = deltaProblem(delta);
  if (problem !== null) throw new RangeError(problem);
  const evaluator = createEvaluator();
  const baseReport = evaluator.evaluate(plan);
  const base = costsOf(baseReport);

  const inputs: { knob: Knob; low: number; high: number }[] = [];
  for (const knob of ['traffic', 'cpuMsPerRequest', 'durationMs', 'memoryMiB', 'growth'] as const) {
    inputs.push({ knob, low: 1 - delta, high: 1 + delta });
  }
  for (const id of STRATEGY_IDS) {
    const d = plan.strategies[SETTINGS_KEY[id]].discount;
    inputs.push({
      knob: `discount:${id}`,
      low: d * (1 - delta),
      high: Math.min(MAX_DISCOUNT, d * (1 + delta)),
    });
  }
  for (const name of topServices(plan, baseReport)) {
    inputs.push({ knob: `traffic:${name}`, low: 1 - delta, high: 1 + delta });
  }

  const measured = inputs.map(({ knob, low, high }) => {
    const lo = evaluator.evaluate(applyKnob(plan, knob, low));
    const hi = evaluator.evaluate(applyKnob(plan, knob, high));
    return {
      input: knob,
      lowValue: low,
      highValue: high,
      low: costsOf(lo),
      high: costsOf(hi),
      cheapestLow: lo.cheapest,
      cheapestHigh: hi.cheapest,
    };
  });

  const swingFor = (id: StrategyId, r: { low: StrategyCosts; high: StrategyCosts }): number => {
    const l = r.low[id];
    const h = r.high[id];
    // To the cent, so equal swings sort as equal (and keep their listed order) whatever the float drift.
    return l === null || h === null ? 0 : Math.abs(Math.round(h * 100) - Math.round(l * 100)) / 100;
  };
  let swingOf: StrategyId | null = baseReport.cheapest;
  if (swingOf === null) {
    let most = -1;
    for (const id of STRATEGY_IDS) {
      const m = Math.max(0, ...measured.map((r) => swingFor(id, r)));
      if (base[id] !== null && m > most) {
        most = m;
        swingOf = id;
      }
    }
  }
  const rows: SensitivityRow[] = measured
    .map((r) => ({ ...r, swing: swingOf === null ? 0 : swingFor(swingOf, r) }))
    .sort((x, y) => y.swing - x.swing);
  const cheapestChanges = rows
    .filter((r) => r.cheapestLow !== baseReport.cheapest || r.cheapestHigh !== baseReport.cheapest)
    .map((r) => r.input);
  return { delta, base, cheapest: baseReport.cheapest, swingOf, rows, cheapestChanges };
}
