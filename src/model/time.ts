// Time: curves are one week of hourly values; a week's figures become a billing period here and nowhere else.

export const HOURS_PER_WEEK = 168;

/** A week of doubles, copied by `doubleWeek` (built by push so that its elements are doubles from the start). */
const DOUBLE_WEEK: number[] = [];
for (let h = 0; h < HOURS_PER_WEEK; h++) DOUBLE_WEEK.push(0.5);

/**
 * A new array of 168 numbers (each 0.5) for the caller to overwrite: a copy of an array of doubles is one of
 * doubles at once, where `new Array(168)` is made for small integers and made again (copied) at the first fraction
 * written to it. The hot weeks of an evaluation (every service's rps and CPU, in every simulation sample) are made so.
 */
export function doubleWeek(): number[] {
  return DOUBLE_WEEK.slice();
}

/**
 * A copy of `xs` made by push: an array without holes, of small integers or of doubles as its values are, whatever
 * `xs` was. Curves from a parse (a validator's `new Array(n)` filled in) or a structured clone (numbers boxed one by
 * one) are not, and the engine reads a curve every hour of every evaluation: from such an array V8 boxes each value
 * it reads (measured: a simulation's week of a parsed curve made twice its garbage). Plans are made with it where
 * they enter (src/plan/parse.ts, the worker's plan messages).
 */
export function packedCopy(xs: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) out.push(xs[i]!);
  return out;
}
export const HOURS_PER_DAY = 24;
export const SECONDS_PER_HOUR = 3600;

/** A 24-hour curve repeated to a 168-hour week (Monday 00:00 … Sunday 23:00); a 168-hour curve as is. */
export function weekCurve(curve: readonly number[]): number[] {
  if (curve.length === HOURS_PER_WEEK) return curve.slice();
  if (curve.length === HOURS_PER_DAY) {
    const week = new Array<number>(HOURS_PER_WEEK);
    for (let h = 0; h < HOURS_PER_WEEK; h++) week[h] = curve[h % HOURS_PER_DAY]!;
    return week;
  }
  throw new Error(`a curve has 24 or 168 hourly values, not ${curve.length}`);
}

/** Levels given as one number for every hour, or as a 24/168-hour curve, as a week. */
export function weekLevels(levels: number | readonly number[]): number[] {
  return typeof levels === 'number' ? new Array<number>(HOURS_PER_WEEK).fill(levels) : weekCurve(levels);
}

/** A quantity summed over one week, scaled to the billing period (hoursPerMonth ÷ 168 weeks). */
export function weekToPeriod(weekQuantity: number, hoursPerMonth: number): number {
  return (weekQuantity * hoursPerMonth) / HOURS_PER_WEEK;
}

/** Something paid every hour of the billing period (a fixed pool, a static fleet, a control plane). */
export function allPeriod(unitsPerHour: number, hoursPerMonth: number): number {
  return unitsPerHour * hoursPerMonth;
}

/** Requests in one billing period from a curve of mean requests per second per hour. */
export function monthlyRequests(curve: readonly number[], hoursPerMonth: number): number {
  const week = weekCurve(curve);
  let sum = 0;
  for (const rps of week) sum += rps;
  return weekToPeriod(sum * SECONDS_PER_HOUR, hoursPerMonth);
}
