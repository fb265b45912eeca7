// Erlang C (M/M/c) against the published examples of pricing-2.md §8 and the textbook identities, with properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASYMPTOTIC_LOAD,
  asymptoticErlangC,
  erlangB,
  erlangC,
  lossServersFor,
  meanWait,
  serversFor,
  waitAtPercentile,
  waitProbability,
} from './erlang.ts';

describe('Erlang C: the call-centre worked example (Call Centre Helper, "Erlang C formula made simple")', () => {
  // 100 calls per 30 minutes, 180 s each → A = 100 ÷ 1,800 s × 180 s = 10; target 80% answered within 20 s.
  const A = 10;
  const S = 180;
  const t = 20;
  it.each([
    [11, 0.6821, 0.39],
    [12, 0.4494, 0.64],
    [13, 0.2853, 0.796],
    [14, 0.1741, 0.888],
  ])('c = %i: C = %f, %f answered within 20 s', (c, C, answered) => {
    expect(erlangC(c, A)).toBeCloseTo(C, 4);
    expect(1 - waitProbability(c, A, t, S)).toBeCloseTo(answered, 3);
  });

  it('14 servers: mean wait 7.84 s, and 14 is the smallest count that answers 80% within 20 s', () => {
    expect(meanWait(14, A, S)).toBeCloseTo(7.84, 2);
    expect(serversFor(A, t, S, 0.8)).toBe(14);
  });
});

describe('textbook identities', () => {
  it('c = 1 is M/M/1: the probability of waiting is ρ, the mean wait ρ·S ÷ (1 − ρ)', () => {
    for (const rho of [0.1, 0.5, 0.9, 0.99]) {
      expect(erlangC(1, rho)).toBeCloseTo(rho, 12);
      expect(meanWait(1, rho, 2)).toBeCloseTo((rho * 2) / (1 - rho), 9);
    }
  });

  it('Erlang B: B(0, A) = 1, B(1, A) = A ÷ (1 + A), B(2, A) = (A²/2) ÷ (1 + A + A²/2)', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(1, 3)).toBeCloseTo(3 / 4, 14);
    expect(erlangB(2, 3)).toBeCloseTo(4.5 / 8.5, 14);
  });

  it('C(c, A) from B: c·B ÷ (c − A·(1 − B)), and with factorials for a small case', () => {
    // c = 2, A = 1: C = (A²/2!)·(c/(c−A)) ÷ (1 + A + (A²/2!)·(c/(c−A))) = 1 ÷ 3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
  });

  it('no load: nobody waits and no server is needed', () => {
    expect(erlangC(3, 0)).toBe(0);
    expect(serversFor(0, 0.05, 0.1, 0.95)).toBe(0);
    expect(lossServersFor(0, 0.05)).toBe(0);
  });

  it('at or above the load every request waits, forever on average', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(5, 10)).toBe(1);
    expect(meanWait(10, 10, 1)).toBe(Infinity);
    expect(waitAtPercentile(10, 10, 1, 0.95)).toBe(Infinity);
  });

  it('the wait a percentile stays within is where P(wait > t) is 1 − percentile', () => {
    const t = waitAtPercentile(14, 10, 180, 0.95);
    expect(waitProbability(14, 10, t, 180)).toBeCloseTo(0.05, 12);
    // C(14, 10) = 0.1741 ≤ 0.2: 80% start at once.
    expect(waitAtPercentile(14, 10, 180, 0.8)).toBe(0);
  });

  it('Erlang B servers for a loss system: the smallest n with B(n, A) ≤ ε (A = 10, 1% blocking: 18 lines)', () => {
    // Erlang B tables: 10 erlangs at 1% grade of service need 18 circuits (B(17) = 1.45%, B(18) = 0.71%).
    expect(lossServersFor(10, 0.01)).toBe(18);
  });
});

describe('properties', () => {
  const load = fc.double({ min: 0.01, max: 500, noNaN: true });
  const servers = fc.integer({ min: 1, max: 600 });

  it('C is a probability, falls as servers are added and rises with the load', () => {
    fc.assert(
      fc.property(load, servers, (a, c) => {
        const x = erlangC(c, a);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(erlangC(c + 1, a)).toBeLessThanOrEqual(x + 1e-12);
        expect(erlangC(c, a * 1.1)).toBeGreaterThanOrEqual(x - 1e-12);
      }),
    );
  });

  it('the servers a target needs: enough (P(wait > t) ≤ 1 − p), one fewer is not, and more load needs no fewer', () => {
    fc.assert(
      fc.property(
        load,
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (a, t, s, p) => {
          const c = serversFor(a, t, s, p);
          expect(c).toBeGreaterThan(a);
          expect(waitProbability(c, a, t, s)).toBeLessThanOrEqual(1 - p);
          if (c - 1 > a) expect(waitProbability(c - 1, a, t, s)).toBeGreaterThan(1 - p);
          expect(serversFor(a * 1.5, t, s, p)).toBeGreaterThanOrEqual(c);
          expect(serversFor(a, t, s, Math.min(0.9999, p + 0.0005))).toBeGreaterThanOrEqual(c);
        },
      ),
    );
  });
});

describe('big loads', () => {
  it('A = 5,000 stays finite and fast: about A + a few √A servers', () => {
    const start = performance.now();
    const c = serversFor(5000, 0.05, 0.1, 0.95);
    const ms = performance.now() - start;
    expect(Number.isFinite(erlangC(c, 5000))).toBe(true);
    expect(c).toBeGreaterThan(5000);
    expect(c).toBeLessThan(5000 + 3 * Math.sqrt(5000));
    expect(waitProbability(c, 5000, 0.05, 0.1)).toBeLessThanOrEqual(0.05);
    expect(waitProbability(c - 1, 5000, 0.05, 0.1)).toBeGreaterThan(0.05);
    expect(ms).toBeLessThan(50);
  });

  it('the shortcut for a big load (starting the recursion near A) gives the full recursion’s figures', () => {
    // The recursion from 0, written out: the reference for the shortcut erlangB takes for large A.
    const full = (c: number, a: number) => {
      let b = 1;
      for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
      return b;
    };
    for (const [c, a] of [
      [5000, 5000],
      [5100, 5000],
      [4900, 5000],
      [20_300, 20_000],
      [1200, 1000.5],
    ] as const) {
      expect(erlangB(c, a) / full(c, a)).toBeCloseTo(1, 10);
    }
  });

  it('A = 10⁹ (a billion requests in flight) is answered in well under a second', () => {
    const start = performance.now();
    const c = serversFor(1e9, 0.05, 0.1, 0.95);
    expect(c).toBeGreaterThan(1e9);
    expect(c).toBeLessThan(1e9 + 3 * Math.sqrt(1e9));
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('the largest load a plan can give (10⁹ rps × 10⁸ ms: A = 10¹⁴) is answered at once, by Halfin–Whitt', () => {
    const start = performance.now();
    const a = 1e14;
    const c = serversFor(a, 0.05, 100_000, 0.95);
    expect(c).toBeGreaterThan(a);
    expect(waitProbability(c, a, 0.05, 100_000)).toBeLessThanOrEqual(0.05);
    expect(waitProbability(c - 1, a, 0.05, 100_000)).toBeGreaterThan(0.05);
    expect(performance.now() - start).toBeLessThan(50);
  });

  it('Halfin–Whitt agrees with the recursion where it takes over (A = 10⁸): C within 2·10⁻⁵ (1.4·10⁻⁵ measured)', () => {
    const a = ASYMPTOTIC_LOAD;
    for (const beta of [0.1, 0.5, 1, 2, 3]) {
      const c = Math.ceil(a + beta * Math.sqrt(a));
      const exact = fromRecursion(c, a);
      expect(Math.abs(asymptoticErlangC(c, a) - exact)).toBeLessThan(2e-5);
    }
  });
});

/** C(c, A) by the recursion, whatever the load (the reference for the asymptotic form). */
function fromRecursion(c: number, a: number): number {
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

describe('far more servers than the load', () => {
  it('a static fleet sized for 10⁶ in an hour of 4·10⁴ costs no step per extra server: nobody waits, at once', () => {
    const start = performance.now();
    for (let h = 0; h < 168; h++) {
      expect(erlangC(1_000_000, 41_666 + h)).toBe(0);
      expect(waitAtPercentile(1_000_000, 41_666 + h, 1, 0.99)).toBe(0);
    }
    expect(performance.now() - start).toBeLessThan(500);
  });
});
