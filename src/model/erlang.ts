// Queueing for a latency target (issue 12 §3): Erlang B and Erlang C (M/M/c), computed through the Erlang B
// recursion, which needs no factorials or powers and so neither overflows nor loses precision at large loads.
// docs/cost-model.md "Latency targets (Erlang C)"; pricing-2.md §8.
//
// `a` is the offered load A = λ·S (arrivals per second × mean service time in seconds: the mean number of requests in
// service), `c` a whole number of servers (requests served at once), `s` the mean service time and `t` a wait, both
// in the same unit.

/**
 * Below this many servers under A − c the recursion starts from 0; above it, from there (see `erlangB`). The error of
 * the starting value shrinks by k ÷ A at each step k < A, so 12·√A steps below A leave e^−72 of it.
 */
const SQRT_STEPS = 12;

/** The recursion's first step and value: k₀ and B(k₀, A) (exact at k₀ = 0, a contracted guess above). */
function start(c: number, a: number): { k: number; b: number } {
  const k = Math.floor(Math.min(c, a) - SQRT_STEPS * Math.sqrt(a));
  // Far below A, B(k, A) ≈ 1 − k ÷ A (the fixed point of the recursion); any positive guess would do.
  return k > 0 ? { k, b: (a - k) / a } : { k: 0, b: 1 };
}

/** Below this, B counts as 0. */
const TINY = 1e-300;

/** One step of the recursion: B(k, A) from B(k − 1, A). */
const step = (k: number, a: number, b: number): number => (a * b) / (k + a * b);

/**
 * Erlang B: the probability that a request finds all `c` servers busy in a loss system (M/M/c/c). B₀ = 1,
 * Bₖ = A·Bₖ₋₁ ÷ (k + A·Bₖ₋₁). For a large load the recursion starts 12·√A below min(c, A) from B ≈ 1 − k ÷ A: the
 * guess's error is gone (× e^−72) long before c, and the cost is O(√A + c − A) instead of O(c).
 */
export function erlangB(c: number, a: number): number {
  if (a <= 0) return c === 0 ? 1 : 0;
  let { k, b } = start(c, a);
  // Past A, B falls by about A ÷ k a step and is below 10⁻³⁰⁰ some 40·√A servers above A: it is 0 from there (to
  // double precision; and subnormal numbers are slow), so far more servers than the load (a static fleet in its
  // quiet hours) costs no more steps.
  while (k < c) {
    if (b < TINY) return 0;
    b = step(++k, a, b);
  }
  return b;
}

/** Erlang C from Erlang B: C = c·B ÷ (c − A·(1 − B)); 1 when c ≤ A (the queue grows without end). */
function fromB(c: number, a: number, b: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  return (c * b) / (c - a * (1 - b));
}

/**
 * Above this load the recursion's O(√A) steps (10⁵ and more per hour of traffic) give way to Halfin–Whitt's
 * asymptotic form, whose error is of order 1 ÷ √A (1.4·10⁻⁵ in C here, less above; erlang.test.ts compares them).
 */
export const ASYMPTOTIC_LOAD = 1e8;

/** erfc(x), Numerical Recipes' Chebyshev fit (fractional error below 1.2·10⁻⁷ everywhere). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/**
 * Halfin–Whitt (1981): with c = A + β·√A servers, C(c, A) → 1 ÷ (1 + β·Φ(β) ÷ φ(β)) as A grows (Φ, φ: the standard
 * normal distribution and density). For very large loads only (ASYMPTOTIC_LOAD).
 */
export function asymptoticErlangC(c: number, a: number): number {
  if (c <= a) return 1;
  const beta = (c - a) / Math.sqrt(a);
  const half = (beta * beta) / 2;
  // φ(β) underflows long before C stops being 0 to double precision.
  if (half > 700) return 0;
  const cdf = 0.5 * erfc(-beta / Math.SQRT2);
  return 1 / (1 + beta * cdf * Math.sqrt(2 * Math.PI) * Math.exp(half));
}

/** Erlang C: the probability that a request waits (all `c` servers busy), M/M/c; 1 when c ≤ A. */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  if (a > ASYMPTOTIC_LOAD) return asymptoticErlangC(c, a);
  return fromB(c, a, erlangB(c, a));
}

/** P(wait > t) = C(c, A)·e^(−(c − A)·t ÷ S). */
export function waitProbability(c: number, a: number, t: number, s: number): number {
  const C = erlangC(c, a);
  if (C === 0 || C === 1) return C;
  return C * Math.exp((-(c - a) * t) / s);
}

/** Mean wait before service starts, W_q = C·S ÷ (c − A); Infinity when c ≤ A. */
export function meanWait(c: number, a: number, s: number): number {
  if (a <= 0) return 0;
  if (c <= a) return Infinity;
  return (erlangC(c, a) * s) / (c - a);
}

/**
 * The wait that the share `percentile` of requests stays within: t with P(wait > t) = 1 − percentile, so
 * t = S ÷ (c − A) · ln(C ÷ (1 − percentile)); 0 when at least that share never waits; Infinity when c ≤ A.
 */
export function waitAtPercentile(c: number, a: number, s: number, percentile: number): number {
  if (a <= 0) return 0;
  if (c <= a) return Infinity;
  const C = erlangC(c, a);
  const tail = 1 - percentile;
  return C <= tail ? 0 : (s / (c - a)) * Math.log(C / tail);
}

/**
 * The smallest number of servers with P(wait > t) ≤ 1 − percentile (0 with no load): from ⌊A⌋ + 1, one server at a
 * time, each step one step of the Erlang B recursion. `percentile` must be below 1 (C is never 0 under load).
 */
export function serversFor(a: number, t: number, s: number, percentile: number): number {
  if (!(a > 0)) return 0;
  if (!(percentile < 1)) throw new Error(`a percentile must be below 1, not ${percentile}`);
  const tail = 1 - percentile;
  if (a > ASYMPTOTIC_LOAD) return asymptoticServersFor(a, t, s, tail);
  let c = Math.floor(a) + 1;
  let b = erlangB(c, a);
  for (;;) {
    const C = fromB(c, a, b);
    if (C * Math.exp((-(c - a) * t) / s) <= tail) return c;
    b = step(++c, a, b);
  }
}

/**
 * `serversFor` above ASYMPTOTIC_LOAD: P(wait > t) falls as c grows, so the smallest c is found by doubling steps
 * from ⌊A⌋ + 1 (of √A, then 2√A …) and then halving the bracket, O(log √A) evaluations instead of one per server.
 */
function asymptoticServersFor(a: number, t: number, s: number, tail: number): number {
  const waits = (c: number) => asymptoticErlangC(c, a) * Math.exp((-(c - a) * t) / s) > tail;
  let lo = Math.floor(a) + 1;
  if (!waits(lo)) return lo;
  let stride = Math.ceil(Math.sqrt(a));
  let hi = lo + stride;
  while (waits(hi)) {
    lo = hi;
    stride *= 2;
    hi = lo + stride;
  }
  // waits(lo) and not waits(hi): the answer is in (lo, hi].
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (waits(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The smallest number of servers of a loss system (no queue: a request that finds them all busy is refused, as
 * Lambda throttles beyond its concurrency) with B(n, A) ≤ `blocked`. 0 with no load. Erlang B holds for any
 * service-time distribution, and the superposition of Poisson arrivals is Poisson: the loads of several functions
 * sharing one limit add up. The search stops at `most` (a limit it is compared with): the cost is O(min(n, most)).
 */
export function lossServersFor(a: number, blocked: number, most = Infinity): number {
  if (!(a > 0)) return 0;
  if (!(blocked > 0)) throw new Error(`the share refused must be above 0, not ${blocked}`);
  let n = 0;
  let b = 1;
  while (b > blocked && n < most) b = step(++n, a, b);
  return n;
}
