// The hot-path arithmetic (toCents, allocateWholeCents) against their plain definitions, on generated amounts: the
// shortcuts taken for speed must never change a cent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateWholeCents, clean, toCents } from './money.ts';

/** toCents as defined: 15 significant digits, then half away from zero. */
function toCentsReference(amount: number): number {
  const scaled = Number((Math.abs(amount) * 100).toPrecision(15));
  const cents = Math.round(scaled);
  return cents === 0 ? 0 : Math.sign(amount) * cents;
}

/** allocateWholeCents as defined: floors, then a cent each to the largest remainders (ties: the earlier). */
function allocateReference(totalCents: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const positive = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  let sum = positive.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? positive : positive.map(() => 1);
  if (sum <= 0) sum = n;
  const exact = w.map((x) => (totalCents * x) / sum);
  const floors = exact.map((x) => Math.floor(x));
  let left = totalCents - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) floors[order[k]!.i]! += 1;
  return floors;
}

const amount = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  // Whole cents and values a hair away from them, where the shortcut applies.
  fc
    .tuple(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.constantFrom(0, 1e-9, -1e-9, 5e-7, -5e-7, 0.5, 0.4999999),
    )
    .map(([c, d]) => (c + d) / 100),
  fc.integer({ min: -1e14, max: 1e14 }).map((c) => c / 100),
);

/** clean as defined: 12 significant digits. */
function cleanReference(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  return Number(x.toPrecision(12));
}

describe('money arithmetic on the hot path', () => {
  it('clean equals its definition for every number', () => {
    // Every magnitude (its text-free path covers 10⁻¹¹ to 10³³), the quantities lines carry (hours × 730 ÷ 168,
    // requests, GB-seconds), and numbers at a half of their 12th digit, where it must fall back on the text.
    const magnitude = fc
      .tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -30, max: 40 }), fc.boolean())
      .map(([m, e, neg]) => (neg ? -1 : 1) * m * 10 ** e);
    const quantity = fc
      .tuple(fc.integer({ min: 1, max: 1e7 }), fc.constantFrom(730, 720, 744, 730.5))
      .map(([n, hpm]) => (n * hpm) / 168);
    const halfway = fc
      .tuple(fc.integer({ min: 1e11, max: 1e12 - 1 }), fc.integer({ min: -14, max: 10 }))
      .map(([n, e]) => (n + 0.5) * 10 ** e);
    // Just either side of a power of ten (where log10 may round to the next whole number).
    const nearPower = fc
      .tuple(
        fc.integer({ min: -20, max: 30 }),
        fc.constantFrom(1 - 2 ** -52, 1 - 1e-13, 1 + 1e-13, 1 + 2 ** -52),
      )
      .map(([e, f]) => 10 ** e * f);
    fc.assert(
      fc.property(
        fc.oneof(amount, fc.integer({ min: -1e15, max: 1e15 }), magnitude, quantity, halfway, nearPower),
        (x) => {
          expect(clean(x)).toBe(cleanReference(x));
        },
      ),
      { numRuns: 100_000 },
    );
  });

  it('toCents equals its definition for every amount', () => {
    // Also half cents and amounts a hair from them, where it must fall back on the text.
    const halfCent = fc
      .tuple(fc.integer({ min: -1e11, max: 1e11 }), fc.constantFrom(0, 1e-12, -1e-12, 1e-8, -1e-8, 3e-4))
      .map(([c, d]) => (c + 0.5 + d) / 100);
    fc.assert(
      fc.property(fc.oneof(amount, halfCent), (a) => {
        expect(toCents(a)).toBe(toCentsReference(a));
      }),
      { numRuns: 100_000 },
    );
  });

  it('allocateWholeCents equals its definition for every total and weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 40 }),
        (total, weights) => {
          expect(allocateWholeCents(total, weights)).toEqual(allocateReference(total, weights));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('allocateWholeCents equals its definition with ties, negative totals and weights that do not count', () => {
    // Ties among remainders (equal or small whole weights) decide who gets the last cents; zero, negative, NaN and
    // infinite weights count as zero; a long list exercises the selection of the largest remainders.
    const weight = fc.oneof(
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e12),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(weight, { maxLength: 600 }),
        (total, weights) => {
          expect(allocateWholeCents(total, weights)).toEqual(allocateReference(total, weights));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
