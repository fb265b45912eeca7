// How a simulation's samples are split over threads (issue 11 "Performance"): `headroom simulate` over worker
// threads (src/cli/simulate-threads.ts) and the app over web workers (src/worker/client.ts `analyse`) both read this,
// so the two front doors split alike. Any split gives the same figures (simulateBatch draws, in a batch, exactly the
// numbers it draws in one run); these numbers only decide how much a split is worth.

/** Threads a simulation uses by default at most: more gain little on a thousand samples. */
export const DEFAULT_MAX_THREADS = 4;

/**
 * Fewest samples per thread worth a thread: starting one (and loading the engine in it) costs about as much as
 * costing a few dozen samples of a large plan.
 */
export const MIN_SAMPLES_PER_THREAD = 50;

/** The threads to use by default on a machine with `cores` cores (1 when unknown), at most DEFAULT_MAX_THREADS. */
export function defaultThreads(cores: number | undefined): number {
  const n = Number.isFinite(cores) ? Math.floor(cores!) : 1;
  return Math.max(1, Math.min(DEFAULT_MAX_THREADS, n));
}

/** Samples `from` … `to` − 1. */
export interface SampleRange {
  from: number;
  to: number;
}

/**
 * `samples` split into contiguous batches, in order, one per thread: at most `threads` of them and no more than one
 * per MIN_SAMPLES_PER_THREAD samples (so none is under the minimum unless there is only one), sizes differing by at
 * most one. Together they cover every sample once.
 */
export function splitSamples(samples: number, threads: number): SampleRange[] {
  const most = Number.isFinite(threads) ? Math.floor(threads) : 1;
  const n = Math.max(1, Math.min(most, Math.floor(samples / MIN_SAMPLES_PER_THREAD)));
  return Array.from({ length: n }, (_, i) => ({
    from: Math.round((i * samples) / n),
    to: Math.round(((i + 1) * samples) / n),
  }));
}
