// Money and quantity arithmetic. Binary floating point cannot hold most decimal prices exactly, so figures are
// cleaned to 12 significant digits before they are rounded or compared (2,999,999.9999999995 requests are
// 3,000,000 requests), and money is rounded once per line item, to cents, half away from zero (AWS's convention).

/** 10⁰ … 10²²: every one exact as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Removes binary floating-point noise: 12 significant digits is far below a cent and far above the noise. */
export function clean(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  // A whole number of at most 12 digits is its own 12-digit rounding (counts, hours, instances: the hot path).
  if (Number.isInteger(x) && Math.abs(x) < 1e12) return x;
  // Without text (every line's quantity, every sample of a simulation): the 12 digits are n = round(|x| × 10^k), a
  // whole number from 10¹¹ to 10¹² − 1, and the result the double nearest n × 10^−k. With 10^k exact (|k| ≤ 22),
  // n ÷ 10^k (or n × 10^−k) is that nearest double, as Number(x.toPrecision(12)) is. |x| × 10^k is off the exact
  // product by at most 10⁻⁴ (half a unit in its last place below 10¹²), so n is toPrecision's own digits unless the
  // product is within 10⁻³ of a half (a tie, or too close to tell) or of the ends of the range (a wrong power of
  // ten): then the text, as defined. money.test.ts checks the two on generated numbers.
  const a = Math.abs(x);
  const k = 11 - Math.floor(Math.log10(a));
  if (k >= -22 && k <= 22) {
    const scaled = k >= 0 ? a * POW10[k]! : a / POW10[-k]!;
    if (scaled >= 1e11 + 1 && scaled < 1e12 - 1 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-3) {
      const n = Math.round(scaled);
      const r = k >= 0 ? n / POW10[k]! : n * POW10[-k]!;
      return x < 0 ? -r : r;
    }
  }
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
    // Anywhere else not near a half cent: the 15-digit rounding moves raw by at most half a unit of its 15th digit
    // (at most raw × 0.5 × 10⁻¹⁴), which cannot carry it across the half that Math.round turns at; only the half's
    // neighbourhood needs the text (a simulation prices thousands of lines a sample, few of them whole cents).
    if (Math.abs(raw - Math.floor(raw) - 0.5) > raw * 1e-14 + 1e-9) {
      return whole === 0 ? 0 : Math.sign(amount) * whole;
    }
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
  // Hot path (every shared line of every strategy, over every service): one pass for the sum, one for the floors,
  // no intermediate arrays but one scratch of remainders. The operations are those of the definition (weights
  // summed left to right, totalCents × w ÷ sum, floor, remainder), so the shares are the same to the cent.
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = weights[i]!;
    if (Number.isFinite(x) && x > 0) sum += x;
  }
  const equal = !(sum > 0);
  if (equal) sum = n;
  const floors = new Array<number>(n);
  const rest = remainders(n);
  let floorSum = 0;
  for (let i = 0; i < n; i++) {
    const x = weights[i]!;
    const w = equal ? 1 : Number.isFinite(x) && x > 0 ? x : 0;
    const exact = (totalCents * w) / sum;
    const f = Math.floor(exact);
    floors[i] = f;
    rest[i] = exact - f;
    floorSum += f;
  }
  let left = Math.min(totalCents - floorSum, n);
  if (!(left > 0)) return floors;
  // The `left` largest remainders get a cent each (ties: the earlier share): every share whose remainder is above
  // the `left`-th largest, then those equal to it, earliest first. That value needs no sort: a quickselect on a
  // copy of the remainders finds it in linear time on average.
  const cut = kthLargest(scratchCopy(rest, n), n, left);
  for (let i = 0; i < n; i++) {
    if (rest[i]! > cut) {
      floors[i]! += 1;
      left--;
    }
  }
  for (let i = 0; left > 0 && i < n; i++) {
    if (rest[i] === cut) {
      floors[i]! += 1;
      left--;
    }
  }
  return floors;
}

// Scratch buffers for allocateWholeCents, grown as needed and reused (the engine is single-threaded and the
// function does not re-enter): thousands of services per shared line would otherwise be two arrays of garbage each.
let restBuffer = new Float64Array(256);
let selectBuffer = new Float64Array(256);

function remainders(n: number): Float64Array {
  if (restBuffer.length < n) restBuffer = new Float64Array(Math.max(n, 2 * restBuffer.length));
  return restBuffer;
}

function scratchCopy(values: Float64Array, n: number): Float64Array {
  if (selectBuffer.length < n) selectBuffer = new Float64Array(Math.max(n, 2 * selectBuffer.length));
  selectBuffer.set(values.subarray(0, n));
  return selectBuffer;
}

/**
 * The `k`-th largest of `values[0..n)` (1 ≤ k ≤ n), reordering them: Hoare's quickselect, linear on average.
 * Remainders are never NaN (finite shares), so `>` is a total order on them.
 */
function kthLargest(values: Float64Array, n: number, k: number): number {
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const pivot = values[mid]!;
    values[mid] = values[hi]!;
    values[hi] = pivot;
    let at = lo;
    for (let i = lo; i < hi; i++) {
      const v = values[i]!;
      if (v > pivot) {
        values[i] = values[at]!;
        values[at] = v;
        at++;
      }
    }
    values[hi] = values[at]!;
    values[at] = pivot;
    if (at === target) return pivot;
    if (at < target) lo = at + 1;
    else hi = at - 1;
  }
  return values[target]!;
}
