// Uncertainty (issue 11 §3, "Done when"): the simulation is deterministic by seed, P10 ≤ P50 ≤ P90, the chances of
// being cheapest sum to 1, and a plan without ranges gives the report's figures everywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import {
  evaluate,
  STRATEGY_IDS,
  type Plan,
  type Uncertainty,
  type UncertaintyRange,
} from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import {
  mulberry32,
  percentile,
  rangesOf,
  simulate,
  simulateBatch,
  SimulationAborted,
  summarizeSimulation,
  triangular,
  uncertaintyBands,
} from './uncertainty.ts';

const catalog = bundledCatalog('aws-us-east-1')!;

const range: fc.Arbitrary<UncertaintyRange> = fc.record({
  low: fc.double({ min: 0.1, max: 1, noNaN: true }),
  high: fc.double({ min: 1, max: 4, noNaN: true }),
});
const uncertainty: fc.Arbitrary<Uncertainty> = fc.record(
  { trafficRps: range, cpuMsPerRequest: range, durationMs: range },
  { requiredKeys: [] },
);

/** Small plans (1–4 services, some stateful, some with ranges of their own) with or without plan-wide ranges. */
const plans: fc.Arbitrary<Plan> = fc
  .record({
    services: fc.array(
      fc.record({
        rps: fc.double({ min: 0.1, max: 400, noNaN: true }),
        cpu: fc.double({ min: 1, max: 80, noNaN: true }),
        duration: fc.double({ min: 10, max: 2000, noNaN: true }),
        memory: fc.constantFrom(256, 512, 1024),
        stateful: fc.boolean(),
        own: fc.option(uncertainty, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    wide: fc.option(uncertainty, { nil: undefined }),
  })
  .map(({ services, wide }) => {
    const p = testPlan(
      catalog,
      services.map((s, i) => ({
        ...testService({
          name: `s${i}`,
          trafficRps: flat(s.rps),
          cpuMsPerRequest: s.cpu,
          durationMs: s.duration,
          memoryMiB: s.memory,
          stateful: s.stateful,
        }),
        ...(s.own === undefined ? {} : { uncertainty: s.own }),
      })),
    );
    return wide === undefined ? p : { ...p, uncertainty: wide };
  });

const RUNS = { numRuns: 15 };

describe('simulate (issue 11 §3)', () => {
  it('is deterministic by seed', () => {
    fc.assert(
      fc.property(plans, fc.integer({ min: 0, max: 0xffffffff }), (plan, seed) => {
        expect(simulate(plan, { samples: 20, seed })).toEqual(simulate(plan, { samples: 20, seed }));
      }),
      RUNS,
    );
  });

  it('P10 ≤ P50 ≤ P90 for every strategy, and the chances of being cheapest sum to 1', () => {
    fc.assert(
      fc.property(plans, fc.integer({ min: 0, max: 1000 }), (plan, seed) => {
        const sim = simulate(plan, { samples: 30, seed });
        for (const id of STRATEGY_IDS) {
          const { p10, p50, p90 } = sim.strategies[id];
          if (p10 === null || p50 === null || p90 === null) continue;
          expect(p10).toBeLessThanOrEqual(p50);
          expect(p50).toBeLessThanOrEqual(p90);
        }
        const ps = Object.values(sim.cheapestProbability);
        for (const p of ps) expect(p).toBeGreaterThanOrEqual(0);
        expect(ps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }),
      RUNS,
    );
  });

  it('with no range, every percentile and band is the report’s figure and the report’s cheapest has chance 1', () => {
    fc.assert(
      fc.property(plans, (ranged) => {
        const plan: Plan = {
          ...ranged,
          services: ranged.services.map(({ uncertainty: _drop, ...s }) => s),
        };
        delete plan.uncertainty;
        const report = evaluate(plan);
        const sim = simulate(plan, { samples: 10, seed: 7 });
        for (const r of report.strategies) {
          const cost = r.cannotCost === undefined ? r.monthlyCost : null;
          expect(sim.strategies[r.id]).toMatchObject({ p10: cost, p50: cost, p90: cost });
          expect([sim.bands.low[r.id], sim.bands.typical[r.id], sim.bands.high[r.id]]).toEqual([
            cost,
            cost,
            cost,
          ]);
        }
        expect(sim.cheapestProbability[report.cheapest ?? 'none']).toBe(1);
      }),
      RUNS,
    );
  });

  it('bands are the plan evaluated with every input at its low and high end', () => {
    const plan = testPlan(catalog, [
      {
        ...testService({ name: 'a', trafficRps: flat(50) }),
        uncertainty: { trafficRps: { low: 0.5, high: 2 } },
      },
      testService({ name: 'b', trafficRps: flat(10), cpuMsPerRequest: 20 }),
    ]);
    const wide: Plan = { ...plan, uncertainty: { cpuMsPerRequest: { low: 0.8, high: 1.5 } } };
    const bands = uncertaintyBands(wide);
    const high = testPlan(catalog, [
      testService({ name: 'a', trafficRps: flat(100), cpuMsPerRequest: 10 * 1.5 }),
      testService({ name: 'b', trafficRps: flat(10), cpuMsPerRequest: 20 * 1.5 }),
    ]);
    for (const r of evaluate(high).strategies) expect(bands.high[r.id]).toBe(r.monthlyCost);
    expect(bands.typical['container-cluster']).toBe(
      evaluate(plan).strategies.find((r) => r.id === 'container-cluster')!.monthlyCost,
    );
  });

  it('a service’s own range replaces the plan-wide one input by input', () => {
    const s = { ...testService({ name: 'a' }), uncertainty: { trafficRps: { low: 0.5, high: 2 } } };
    const plan: Plan = {
      ...testPlan(catalog, [s]),
      uncertainty: { trafficRps: { low: 0.9, high: 1.1 }, durationMs: { low: 0.7, high: 1.2 } },
    };
    expect(rangesOf(plan, plan.services[0]!)).toEqual({
      trafficRps: { low: 0.5, high: 2 },
      cpuMsPerRequest: { low: 1, high: 1 },
      durationMs: { low: 0.7, high: 1.2 },
    });
  });

  it('plan-wide draws move every service together: a wider spread than independent draws, which average out', () => {
    const services = Array.from({ length: 8 }, (_, i) =>
      testService({ name: `s${i}`, trafficRps: flat(20), durationMs: 100 }),
    );
    const plan: Plan = {
      ...testPlan(catalog, services, { serverless: { freeTier: false } }),
      uncertainty: { trafficRps: { low: 0.5, high: 2 } },
    };
    const spread = (correlation: 'independent' | 'plan-wide') => {
      const s = simulate(plan, { samples: 200, seed: 3, correlation }).strategies.serverless;
      return s.p90! - s.p10!;
    };
    expect(spread('plan-wide')).toBeGreaterThan(2 * spread('independent'));
    expect(simulate(plan, { samples: 5 }).correlation).toBe('independent');
  });

  it('refuses a number of samples or a seed out of range', () => {
    const plan = testPlan(catalog, [testService({ name: 'a' })]);
    expect(() => simulate(plan, { samples: 0 })).toThrow(/samples/);
    expect(() => simulate(plan, { samples: 1.5 })).toThrow(/samples/);
    expect(() => simulate(plan, { seed: -1 })).toThrow(/seed/);
  });
});

describe('simulate in batches, with progress and cancel (issue 11 "Performance")', () => {
  it('any split of the samples into batches, summed in any order, gives the one run’s figures', () => {
    fc.assert(
      fc.property(
        plans,
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom('independent' as const, 'plan-wide' as const),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
        (plan, seed, correlation, cuts) => {
          const options = { samples: 12, seed, correlation };
          const bounds = [...new Set([0, ...cuts, 12])].sort((a, b) => a - b);
          const batches = bounds.slice(1).map((to, i) => simulateBatch(plan, options, bounds[i]!, to));
          const split = summarizeSimulation(options, uncertaintyBands(plan), batches.reverse());
          expect(split).toEqual(simulate(plan, options));
        },
      ),
      RUNS,
    );
  });

  it('mulberry32 skipping k numbers starts where drawing k numbers leaves off', () => {
    for (const [seed, k] of [
      [1, 0],
      [1, 1],
      [7, 600],
      [0xffffffff, 12_345],
    ] as const) {
      const drawn = mulberry32(seed);
      for (let i = 0; i < k; i += 1) drawn();
      const skipped = mulberry32(seed, k);
      expect(Array.from({ length: 5 }, () => skipped())).toEqual(Array.from({ length: 5 }, () => drawn()));
    }
  });

  it('reports progress up to the total, and stops with SimulationAborted once its signal is aborted', () => {
    const plan: Plan = {
      ...testPlan(catalog, [testService({ name: 'a' }), testService({ name: 'b', trafficRps: flat(40) })]),
      uncertainty: { trafficRps: { low: 0.5, high: 2 } },
    };
    const seen: [number, number][] = [];
    simulate(plan, { samples: 250, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([250, 250]);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);

    const signal = { aborted: false };
    let calls = 0;
    expect(() =>
      simulate(plan, {
        samples: 1000,
        signal,
        onProgress: (done) => {
          calls += 1;
          if (done >= 30) signal.aborted = true;
        },
      }),
    ).toThrow(SimulationAborted);
    expect(calls).toBe(3);
  });
});

describe('the simulation’s parts', () => {
  it('percentile: nearest rank, the ⌈q·n⌉-th smallest', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect([percentile(xs, 0.1), percentile(xs, 0.5), percentile(xs, 0.9)]).toEqual([100, 500, 900]);
    expect([percentile([7], 0.1), percentile([7], 0.9)]).toEqual([7, 7]);
    expect([percentile([1, 2, 3], 0.1), percentile([1, 2, 3], 0.5), percentile([1, 2, 3], 0.9)]).toEqual([
      1, 2, 3,
    ]);
  });

  it('triangular: low at 0, the typical value at the mode, towards high at 1, mean (low + 1 + high) ÷ 3', () => {
    const r = { low: 0.5, high: 2 };
    expect(triangular(r, 0)).toBe(0.5);
    expect(triangular(r, (1 - 0.5) / (2 - 0.5))).toBeCloseTo(1, 12);
    expect(triangular(r, 1 - 1e-12)).toBeCloseTo(2, 5);
    expect(triangular({ low: 1, high: 1 }, 0.3)).toBe(1);
    const random = mulberry32(42);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += triangular(r, random());
    expect(sum / n).toBeCloseTo((0.5 + 1 + 2) / 3, 2);
  });

  it('mulberry32: uniform in [0, 1), the same sequence for the same seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(450);
    expect(xs.filter((x) => x < 0.5).length).toBeLessThan(550);
  });
});
