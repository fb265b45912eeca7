// The one split of a simulation's samples that the CLI's threads and the app's workers both use (issue 11
// "Performance").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultThreads, DEFAULT_MAX_THREADS, MIN_SAMPLES_PER_THREAD, splitSamples } from './batches.ts';
import { MAX_SAMPLES } from './uncertainty.ts';

describe('splitSamples', () => {
  it('covers every sample once, in contiguous batches, at most `threads` of them, none under the minimum unless alone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_SAMPLES }),
        fc.integer({ min: 1, max: 32 }),
        (samples, threads) => {
          const batches = splitSamples(samples, threads);
          expect(batches.length).toBeGreaterThanOrEqual(1);
          expect(batches.length).toBeLessThanOrEqual(threads);
          expect(batches[0]!.from).toBe(0);
          expect(batches.at(-1)!.to).toBe(samples);
          batches.forEach((b, i) => {
            expect(Number.isInteger(b.from) && Number.isInteger(b.to)).toBe(true);
            expect(b.to).toBeGreaterThan(b.from);
            if (i > 0) expect(b.from).toBe(batches[i - 1]!.to);
            if (batches.length > 1) expect(b.to - b.from).toBeGreaterThanOrEqual(MIN_SAMPLES_PER_THREAD);
          });
          // As many batches as are worth it: one more would put one under the minimum (or exceed `threads`).
          expect(batches.length).toBe(
            Math.min(threads, Math.max(1, Math.floor(samples / MIN_SAMPLES_PER_THREAD))),
          );
          const sizes = batches.map((b) => b.to - b.from);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('splits a thousand samples evenly; too few samples for two threads stay in one batch', () => {
    expect(splitSamples(1000, 4)).toEqual([
      { from: 0, to: 250 },
      { from: 250, to: 500 },
      { from: 500, to: 750 },
      { from: 750, to: 1000 },
    ]);
    expect(splitSamples(1000, 1)).toEqual([{ from: 0, to: 1000 }]);
    expect(splitSamples(99, 4)).toEqual([{ from: 0, to: 99 }]);
    expect(splitSamples(100, 4)).toEqual([
      { from: 0, to: 50 },
      { from: 50, to: 100 },
    ]);
    expect(splitSamples(1, 4)).toEqual([{ from: 0, to: 1 }]);
  });

  it('takes a nonsense thread count as one', () => {
    expect(splitSamples(1000, 0)).toEqual([{ from: 0, to: 1000 }]);
    expect(splitSamples(1000, Number.NaN)).toEqual([{ from: 0, to: 1000 }]);
    expect(splitSamples(1000, 2.9)).toHaveLength(2);
  });
});

describe('defaultThreads', () => {
  it('is the cores, at least one and at most DEFAULT_MAX_THREADS', () => {
    expect(defaultThreads(2)).toBe(2);
    expect(defaultThreads(64)).toBe(DEFAULT_MAX_THREADS);
    expect(defaultThreads(0)).toBe(1);
    expect(defaultThreads(undefined)).toBe(1);
    expect(defaultThreads(Number.NaN)).toBe(1);
  });
});
