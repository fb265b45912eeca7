// Break-even (issue 11 §1): for two strategies and one knob, the value at which the order of their monthly costs
// flips. Every point is the engine's own evaluation of the plan with the knob turned (one evaluator per run, so a
// knob that touches one service re-costs one service). Costs are step functions (instances are whole), so there is
// no exact crossing to solve for: the search walks a coarse grid outward, brackets the first flip it finds nearest the plan's own value and
// narrows the bracket until its two ends are within 0.5% (a fraction: 0.005; a month: adjacent months).
// docs/analysis.md, "Break-even".
import { createEvaluator, STRATEGY_IDS, type Plan, type Report, type StrategyId } from '../model/index.ts';
import { applyKnob, knobProblem, SETTINGS_KEY, type Knob } from './knobs.ts';

/** How a knob's values are searched: multipliers on a log scale, a discount as a fraction, a month as a whole. */
type Scale = 'multiplier' | 'fraction' | 'month';

/** The searched ranges: multipliers ×0.01…×100, a discount 0…0.99, months 1…120 (the forecast's longest). */
export const BREAKEVEN_RANGE: Record<Scale, { from: number; to: number }> = {
  multiplier: { from: 0.01, to: 100 },
  fraction: { from: 0, to: 0.99 },
  month: { from: 1, to: 120 },
};

/** How close the two ends of the final bracket are: 0.5% for a multiplier, 0.005 for a fraction, 1 month. */
export const BREAKEVEN_TOLERANCE = { multiplier: 0.005, fraction: 0.005, month: 1 } as const;

export interface BreakEvenQuery {
  a: StrategyId;
  b: StrategyId;
  /** Default `traffic`. `growth` is refused: at the plan's month it changes no cost (use `month`). */
  knob?: Knob;
}

export interface BreakEvenPoint {
  value: number;
  /** Monthly cost of `a` and `b` at `value`, keyed by strategy id; `null` where one cannot be costed. */
  costs: Record<string, number | null>;
  /** The cheaper of the two (to the cent) when both run every service; `null` on a tie or when not comparable. */
  cheaper: StrategyId | null;
}

export interface BreakEven {
  knob: Knob;
  a: StrategyId;
  b: StrategyId;
  /** The range searched, in the knob's own unit. */
  range: { from: number; to: number };
  /** The plan as it is: the knob's value in the plan (1 for a multiplier, the strategy's discount, month 1). */
  base: BreakEvenPoint;
  /**
   * The first value (from the plan's own, in the direction of the nearest flip) where the order of the two costs
   * differs from the base order; `null` with `reason` when there is none in the range.
   */
  value: number | null;
  /** Costs of `a` and `b` at `value` (`null` when `value` is). */
  costs: Record<string, number> | null;
  /** The last value searched on the base side of the flip: within the tolerance of `value`, same order as base. */
  before: number | null;
  /** The cheaper of the two at `value` (`null`: a tie there). */
  cheaperAfter: StrategyId | null;
  /** Why `value` is `null` (never crosses in the range, or the two cannot be compared); `null` when found. */
  reason: string | null;
  /** How many plans were evaluated (for the benchmark). */
  evaluations: number;
}

function scaleOf(knob: Knob): Scale {
  if (knob === 'month') return 'month';
  if (knob.startsWith('discount:')) return 'fraction';
  return 'multiplier';
}

/** The knob's value in the plan as it is. */
function baseValue(plan: Plan, knob: Knob): number {
  if (knob.startsWith('discount:')) {
    const id = knob.slice('discount:'.length) as StrategyId;
    return plan.strategies[SETTINGS_KEY[id]].discount;
  }
  return 1;
}

/** Why a break-even query cannot be run at all (a usage problem), or `null`. */
export function breakEvenProblem(
  plan: Plan,
  query: { a: string; b: string; knob?: string | undefined },
): string | null {
  const parsed = breakEvenQuery(plan, query);
  return typeof parsed === 'string' ? parsed : null;
}

function isKnob(plan: Plan, knob: string): knob is Knob {
  return knobProblem(plan, knob) === null;
}

function strategyId(id: string): StrategyId | undefined {
  return STRATEGY_IDS.find((s) => s === id);
}

/** A query from names as typed (the CLI's options): the typed query, or what is wrong with it. */
export function breakEvenQuery(
  plan: Plan,
  query: { a: string; b: string; knob?: string | undefined },
): BreakEvenQuery | string {
  const a = strategyId(query.a);
  const b = strategyId(query.b);
  const notOne = (name: string) => `"${name}" is not a strategy (${STRATEGY_IDS.join(', ')})`;
  if (a === undefined) return notOne(query.a);
  if (b === undefined) return notOne(query.b);
  if (a === b) return 'the two strategies must differ';
  const knob = query.knob ?? 'traffic';
  if (knob === 'growth')
    return 'growth changes no cost at the plan’s month: use the month knob (the forecast month where the order flips)';
  if (!isKnob(plan, knob)) return knobProblem(plan, knob) ?? `unknown knob "${knob}"`;
  return { a, b, knob };
}

/** A cost comparable with another: `null` when the strategy cannot be costed or leaves services out. */
function comparableCost(report: Report, id: StrategyId): number | null {
  const s = report.strategies.find((x) => x.id === id);
  if (!s || s.cannotCost || s.services.some((x) => !x.included)) return null;
  return s.monthlyCost;
}

function whyNotComparable(report: Report, id: StrategyId): string {
  const s = report.strategies.find((x) => x.id === id);
  if (!s || s.cannotCost) return `${id} cannot be costed for this plan`;
  const out = s.services.filter((x) => !x.included).map((x) => x.service);
  return `${id} does not run every service (${out.join(', ')}), so its total is not comparable`;
}

/** −1: a cheaper, 1: b cheaper, 0: equal to the cent, null: not comparable. */
function orderOf(ca: number | null, cb: number | null): -1 | 0 | 1 | null {
  if (ca === null || cb === null) return null;
  const d = Math.round(ca * 100) - Math.round(cb * 100);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

interface Probe {
  value: number;
  ca: number | null;
  cb: number | null;
  order: -1 | 0 | 1 | null;
}

/** The grid walked outward from the base, nearest first, alternating up and down (ends of the range included). */
function grid(scale: Scale, base: number): number[] {
  const { from, to } = BREAKEVEN_RANGE[scale];
  const up: number[] = [];
  const down: number[] = [];
  if (scale === 'multiplier') {
    // Decades: ×10, ×100 (and ×0.1, ×0.01); few points, since each re-costs every service (a flip that flips back
    // within one decade is missed: costs grow near-linearly with these knobs, so their difference crosses once).
    for (let k = 1; k <= 2; k++) {
      up.push(Math.min(to, base * Math.pow(10, k)));
      down.push(Math.max(from, base / Math.pow(10, k)));
    }
  } else if (scale === 'fraction') {
    for (let v = base + 0.1; v < to; v += 0.1) up.push(v);
    up.push(to);
    for (let v = base - 0.1; v > from; v -= 0.1) down.push(v);
    down.push(from);
  } else {
    for (let m = 2; m < to; m *= 2) up.push(m);
    up.push(to);
  }
  const out: number[] = [];
  for (let i = 0; i < Math.max(up.length, down.length); i++) {
    if (i < up.length && up[i]! > base) out.push(up[i]!);
    if (i < down.length && down[i]! < base) out.push(down[i]!);
  }
  return out;
}

/** Distance between two values on the knob's scale (log for a multiplier), and whether it is within tolerance. */
function narrowEnough(scale: Scale, x: number, y: number): boolean {
  if (scale === 'multiplier') return Math.max(x, y) / Math.min(x, y) <= 1 + BREAKEVEN_TOLERANCE.multiplier;
  if (scale === 'fraction') return Math.abs(x - y) <= BREAKEVEN_TOLERANCE.fraction + 1e-12;
  return Math.abs(x - y) <= 1;
}

/**
 * A point strictly between `near` and `far`: where the cost difference (`dn` at near, `df` at far) reaches zero if
 * it is linear in the knob's value (costs are near-linear in a multiplier, not in its logarithm), kept 5% inside
 * the bracket on the search scale so every probe narrows it; the middle when `diffs` is null.
 */
function between(scale: Scale, near: Probe, far: Probe, diffs: { dn: number; df: number } | null): number {
  const t = (v: number) => (scale === 'multiplier' ? Math.log(v) : v);
  const back = (u: number) => (scale === 'multiplier' ? Math.exp(u) : u);
  const tn = t(near.value);
  const tf = t(far.value);
  let f = 0.5;
  if (diffs !== null && diffs.dn !== diffs.df) {
    const x = near.value + ((far.value - near.value) * diffs.dn) / (diffs.dn - diffs.df);
    const g = x > 0 ? (t(x) - tn) / (tf - tn) : 0.05;
    f = Math.min(0.95, Math.max(0.05, Number.isFinite(g) ? g : 0.5));
  }
  const u = back(tn + (tf - tn) * f);
  if (scale !== 'month') return u;
  const lo = Math.min(near.value, far.value);
  const hi = Math.max(near.value, far.value);
  return Math.min(hi - 1, Math.max(lo + 1, Math.round(u)));
}

/** Where the order of `a` and `b` flips as `knob` turns (see BreakEven). Throws on a problem of breakEvenProblem. */
export function breakEven(plan: Plan, query: BreakEvenQuery): BreakEven {
  const problem = breakEvenProblem(plan, query);
  if (problem !== null) throw new RangeError(problem);
  const { a, b } = query;
  const knob = query.knob ?? 'traffic';
  const scale = scaleOf(knob);
  const range = BREAKEVEN_RANGE[scale];
  const evaluator = createEvaluator();
  let evaluations = 0;
  const reportAt = (value: number): Report => {
    evaluations++;
    return evaluator.evaluate(applyKnob(plan, knob, value));
  };
  const probe = (value: number): Probe => {
    const r = reportAt(value);
    const ca = comparableCost(r, a);
    const cb = comparableCost(r, b);
    return { value, ca, cb, order: orderOf(ca, cb) };
  };
  const costsOf = (p: Probe): Record<string, number | null> => ({ [a]: p.ca, [b]: p.cb });
  const cheaperOf = (o: Probe['order']): StrategyId | null => (o === -1 ? a : o === 1 ? b : null);

  const start = baseValue(plan, knob);
  const baseReport = reportAt(start);
  const ca0 = comparableCost(baseReport, a);
  const cb0 = comparableCost(baseReport, b);
  const base: Probe = { value: start, ca: ca0, cb: cb0, order: orderOf(ca0, cb0) };
  const result = (found: { before: Probe; after: Probe } | null, reason: string | null): BreakEven => ({
    knob,
    a,
    b,
    range: { ...range },
    base: { value: start, costs: costsOf(base), cheaper: cheaperOf(base.order) },
    value: found ? found.after.value : null,
    costs: found ? { [a]: found.after.ca ?? 0, [b]: found.after.cb ?? 0 } : null,
    before: found ? found.before.value : null,
    cheaperAfter: found ? cheaperOf(found.after.order) : null,
    reason,
    evaluations,
  });

  if (base.order === null) {
    const why = ca0 === null ? whyNotComparable(baseReport, a) : whyNotComparable(baseReport, b);
    return result(null, why);
  }
  if (base.order === 0) {
    // Equal to the cent as the plan stands: that is the break-even point itself.
    return result({ before: base, after: base }, null);
  }

  // Walk the grid outward; stop a direction at a point where the two are no longer comparable.
  let upBlocked = false;
  let downBlocked = false;
  let nearUp = base;
  let nearDown = base;
  let bracket: { near: Probe; far: Probe } | null = null;
  for (const v of grid(scale, start)) {
    const up = v > start;
    if (up ? upBlocked : downBlocked) continue;
    const p = probe(v);
    if (p.order === null) {
      if (up) upBlocked = true;
      else downBlocked = true;
      continue;
    }
    if (p.order !== base.order) {
      bracket = { near: up ? nearUp : nearDown, far: p };
      break;
    }
    if (up) nearUp = p;
    else nearDown = p;
  }
  if (bracket === null) {
    const cheaper = cheaperOf(base.order)!;
    const other = cheaper === a ? b : a;
    const unit = scale === 'multiplier' ? '×' : scale === 'month' ? 'month ' : '';
    const blocked = upBlocked || downBlocked ? ' (where both run every service)' : '';
    return result(
      null,
      `${cheaper} stays cheaper than ${other} for ${knob} from ${unit}${range.from} to ${unit}${range.to}${blocked}`,
    );
  }

  // Narrow the bracket by false position (Illinois: an end kept twice in a row has its difference halved, so the
  // guesses close in from both sides), each guess followed by a probe just across it, so a near-linear cost closes
  // in a few evaluations; bisect after a round that did not halve the bracket (step costs can fool interpolation).
  let { near, far } = bracket;
  const diff = (p: Probe): number | null => (p.ca === null || p.cb === null ? null : p.ca - p.cb);
  let dn = diff(near);
  let df = diff(far);
  let kept: 'near' | 'far' | null = null;
  let bisect = false;
  const take = (p: Probe, illinois: boolean) => {
    if (p.order === base.order) {
      near = p;
      dn = diff(p);
      if (illinois && kept === 'far' && df !== null) df /= 2;
      kept = 'far';
    } else {
      // A point where the two are not comparable counts as the far side: the flip is where comparability ends.
      far = p;
      df = diff(p);
      if (illinois && kept === 'near' && dn !== null) dn /= 2;
      kept = 'near';
    }
  };
  while (!narrowEnough(scale, near.value, far.value)) {
    const width = Math.abs(near.value - far.value);
    const interpolated = !bisect && dn !== null && df !== null;
    const g = probe(between(scale, near, far, interpolated ? { dn: dn!, df: df! } : null));
    take(g, true);
    if (interpolated && !narrowEnough(scale, near.value, far.value)) {
      // The partner probe: just under one tolerance step from the guess, across to the other end's side.
      const dir = (far.value > near.value ? 1 : -1) * (g === near ? 1 : -1);
      const partnerValue =
        scale === 'multiplier'
          ? g.value * Math.pow(1 + BREAKEVEN_TOLERANCE.multiplier * 0.98, dir)
          : g.value + dir * BREAKEVEN_TOLERANCE[scale];
      const lo = Math.min(near.value, far.value);
      const hi = Math.max(near.value, far.value);
      if (partnerValue > lo && partnerValue < hi) take(probe(partnerValue), false);
    }
    bisect = !bisect && Math.abs(near.value - far.value) > width / 2;
  }
  if (far.order === null) {
    return result(
      null,
      `the two stop being comparable before their order flips (${
        far.ca === null ? whyNotComparable(reportAt(far.value), a) : whyNotComparable(reportAt(far.value), b)
      })`,
    );
  }
  return result({ before: near, after: far }, null);
}

export interface BreakEvenCurveOptions {
  /** The part of the knob's range to draw (default: the whole searched range). */
  from?: number;
  to?: number;
  /** How many values (default 21): log-spaced for a multiplier, even for a fraction, whole months (no repeats). */
  points?: number;
}

export interface BreakEvenCurve {
  knob: Knob;
  a: StrategyId;
  b: StrategyId;
  /** Each value with the monthly cost of `a` and `b` there (`null`: cannot be costed or leaves services out). */
  points: { value: number; costs: Record<string, number | null> }[];
}

/**
 * Both strategies' costs across a knob's range, for the chart of a break-even (the crossing is `breakEven`'s value,
 * marked on it). Every point is an evaluation of the plan with the knob turned, by one evaluator.
 */
export function breakEvenCurve(
  plan: Plan,
  query: BreakEvenQuery,
  options: BreakEvenCurveOptions = {},
): BreakEvenCurve {
  const problem = breakEvenProblem(plan, query);
  if (problem !== null) throw new RangeError(problem);
  const { a, b } = query;
  const knob = query.knob ?? 'traffic';
  const scale = scaleOf(knob);
  const range = BREAKEVEN_RANGE[scale];
  const from = Math.max(range.from, options.from ?? range.from);
  const to = Math.min(range.to, options.to ?? range.to);
  const n = Math.max(2, Math.floor(options.points ?? 21));
  if (!(from < to)) throw new RangeError(`the curve needs from < to within ${range.from} … ${range.to}`);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    let v =
      scale === 'multiplier'
        ? from * Math.pow(to / from, f)
        : scale === 'fraction'
          ? from + (to - from) * f
          : 0;
    if (scale === 'month') v = Math.round(from + (to - from) * f);
    if (values[values.length - 1] !== v) values.push(v);
  }
  const evaluator = createEvaluator();
  return {
    knob,
    a,
    b,
    points: values.map((value) => {
      const r = evaluator.evaluate(applyKnob(plan, knob, value));
      return { value, costs: { [a]: comparableCost(r, a), [b]: comparableCost(r, b) } };
    }),
  };
}
