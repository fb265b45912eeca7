// Money and quantity arithmetic. Binary floating point cannot hold most decimal prices exactly, so figures are
// cleaned to 12 significant digits before they are rounded or compared (2,999,999.9999999995 requests are
// 3,000,000 requests), and money is rounded once per line item, to cents, half away from zero (AWS's convention).

/** Removes binary floating-point noise: 12 significant digits is far below a cent and far above the noise. */
export function clean(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  // A whole number of at most 12 digits is its own 12-digit rounding (counts, hours, instances: the hot path).
  if (Number.isInteger(x) && Math.abs(x) < 1e12) return x;
  return Number(x.toPrecision(12));
}

/** Whole cents, rounded half away from zero. */
export function toCents(amount: number): number {
  const raw = Math.abs(amount) * 100;
  // Hot path (every line's cost is already whole cents): within 1e-6 of a whole number below 1e12, the 15-digit
  // rounding below moves the value by at most 0.0005, so it rounds to that same whole number; no string work.
  if (raw < 1e12) {
    const whole = Math.round(raw);
    if (Math.abs(raw - whole) < 1e-6) return whole === 0 ? 0 : Math.sign(amount) * whole;
  }
  const scaled = Number(raw.toPrecision(15));
  const cents = Math.round(scaled);
  return cents === 0 ? 0 : Math.sign(amount) * cents;
}

/** An amount rounded to cents, half away from zero (1.005 → 1.01, −2.345 → −2.35). */
export function roundCents(amount: number): number {
  return toCents(amount) / 100;
}

/** Sum of amounts that are already whole cents, without float drift. */
export function sumCents(amounts: readonly number[]): number {
  let cents = 0;
  for (const a of amounts) cents += toCents(a);
  return cents / 100;
}

/**
 * Relative tolerance for counting: a few thousand units in the last place, far above the noise of summing thousands
 * of hourly figures (n × 2.2e-16), far below any real fraction of an instance. Relative only: an absolute cut-off
 * turned a genuinely tiny positive demand into 0 instances (issue 10 §7.1).
 */
const COUNT_TOLERANCE = 1e-12;

/** Rounds up, ignoring float noise (2.0000000000004 instances are 2 instances); any positive x gives at least 1. */
export function ceilClean(x: number): number {
  return Math.ceil(x - COUNT_TOLERANCE * Math.abs(x));
}

/** Rounds down, ignoring float noise (2.9999999999997 pods fit as 3). */
export function floorClean(x: number): number {
  return Math.floor(x + COUNT_TOLERANCE * Math.abs(x));
}

/**
 * Rounds a user's figure up to a whole number, tolerating only a few units in the last place of arithmetic noise
 * (100 × 1.1 is 110, not 111), never trimming the figure itself (1.000000000001 rounds up to 2): AWS rounds every
 * invocation up to the next millisecond (issue 10 §7.2).
 */
export function ceilExact(x: number): number {
  return Math.ceil(x - 4 * Number.EPSILON * Math.abs(x));
}

/**
 * Splits `total` (a whole-cent amount) over weights so the shares are whole cents that add up to `total` exactly
 * (largest remainder). Equal shares when every weight is zero; an empty list when there are no weights.
 */
export function allocateCents(total: number, weights: readonly number[]): number[] {
  return allocateWholeCents(toCents(total), weights).map((c) => c / 100);
}

/** `allocateCents` in whole cents: integer shares of `totalCents` that add up to it exactly. */
export function allocateWholeCents(totalCents: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const positive = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  let sum = positive.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? positive : positive.map(() => 1);
  if (sum <= 0) sum = n;
  const exact = w.map((x) => (totalCents * x) / sum);
  const floors = exact.map((x) => Math.floor(x));
  let left = totalCents - floors.reduce((a, b) => a + b, 0);
  if (left <= 0) return floors;
  // The `left` largest remainders get a cent each (ties: the earlier share). Which shares those are needs no full
  // sort: a quickselect puts them first (hot path: every shared line of every strategy, over every service).
  const rest = exact.map((x) => x - Math.floor(x));
  const order = exact.map((_, i) => i);
  selectFirst(order, Math.min(left, n), (a, b) => rest[a]! > rest[b]! || (rest[a] === rest[b] && a < b));
  for (let k = 0; left > 0 && k < n; k++, left--) floors[order[k]!]! += 1;
  return floors;
}

/**
 * Reorders `items` so that its first `k` are the `k` first under `before` (a strict total order), in no particular
 * order among themselves: Hoare's quickselect, linear on average.
 */
function selectFirst<T>(items: T[], k: number, before: (a: T, b: T) => boolean): void {
  const swap = (i: number, j: number) => {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  };
  const target = k - 1;
  let lo = 0;
  let hi = items.length - 1;
  while (target >= 0 && lo < hi) {
    swap((lo + hi) >> 1, hi);
    const pivot = items[hi]!;
    let at = lo;
    for (let i = lo; i < hi; i++) {
      if (before(items[i]!, pivot)) {
        swap(i, at);
        at++;
      }
    }
    swap(at, hi);
    if (at === target) return;
    if (at < target) lo = at + 1;
    else hi = at - 1;
  }
}
