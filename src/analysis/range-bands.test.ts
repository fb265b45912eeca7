// The app's bands (issue 11 §3 "App"): now, they are `uncertaintyBands`; in each forecast month, the bands of that
// month's grown plan; none without ranges; and a second run of an edited plan re-costs only what the edit changed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { growthFactor, STRATEGY_IDS, type Plan, type UncertaintyRange } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { mapServices, withTraffic } from './knobs.ts';
import { rangeBands, RangeBandsOf } from './range-bands.ts';
import { uncertaintyBands } from './uncertainty.ts';

const catalog = bundledCatalog('aws-us-east-1')!;

const range: fc.Arbitrary<UncertaintyRange> = fc.record({
  low: fc.double({ min: 0.2, max: 1, noNaN: true }),
  high: fc.double({ min: 1, max: 3, noNaN: true }),
});

const plans: fc.Arbitrary<Plan> = fc
  .record({
    services: fc.array(
      fc.record({
        rps: fc.double({ min: 0.5, max: 200, noNaN: true }),
        cpu: fc.double({ min: 1, max: 60, noNaN: true }),
        growth: fc.constantFrom(0, 0.02, 0.1),
        own: fc.option(range, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    wide: range,
  })
  .map(({ services, wide }) => ({
    ...testPlan(
      catalog,
      services.map((s, i) => ({
        ...testService({
          name: `s${i}`,
          trafficRps: flat(s.rps),
          cpuMsPerRequest: s.cpu,
          growthPerMonth: s.growth,
        }),
        ...(s.own === undefined ? {} : { uncertainty: { trafficRps: s.own } }),
      })),
    ),
    uncertainty: { cpuMsPerRequest: wide },
  }));

const FORECAST = { months: 6, start: '2027-01' };

describe('rangeBands', () => {
  it('now: the same figures as uncertaintyBands', () => {
    fc.assert(
      fc.property(plans, (plan) => {
        expect(rangeBands(plan, null)?.now).toEqual(uncertaintyBands(plan));
      }),
      { numRuns: 15 },
    );
  });

  it("each forecast month: the low and high of that month's grown plan (to the cent)", () => {
    fc.assert(
      fc.property(plans, (plan) => {
        const months = rangeBands(plan, FORECAST)!.months!;
        expect(months.map((m) => m.calendarMonth)).toEqual([
          '2027-01',
          '2027-02',
          '2027-03',
          '2027-04',
          '2027-05',
          '2027-06',
        ]);
        for (const m of months) {
          const grown = mapServices(plan, (s) => withTraffic(s, growthFactor(s, m.month)));
          const direct = uncertaintyBands(grown);
          for (const id of STRATEGY_IDS) {
            if (direct.low[id] !== null) expect(m.low[id]).toBeCloseTo(direct.low[id], 2);
            if (direct.high[id] !== null) expect(m.high[id]).toBeCloseTo(direct.high[id], 2);
          }
        }
      }),
      { numRuns: 10 },
    );
  });

  it('is null for a plan without ranges (the app then looks as it did)', () => {
    const plan = testPlan(catalog, [testService()]);
    expect(rangeBands(plan, FORECAST)).toBeNull();
    expect(rangeBands({ ...plan, uncertainty: { trafficRps: { low: 1, high: 1 } } }, null)).toBeNull();
  });

  it('keeps the low and high version of a service the edit did not touch (the memo re-costs one service)', () => {
    const plan = testPlan(catalog, [testService({ name: 'a' }), testService({ name: 'b' })]);
    const ranged = { ...plan, uncertainty: { trafficRps: { low: 0.5, high: 2 } } };
    const bands = new RangeBandsOf();
    const before = bands.planAt(ranged, 'high');
    const edited = {
      ...ranged,
      services: [ranged.services[0]!, testService({ name: 'b', cpuMsPerRequest: 20 })],
    };
    const after = bands.planAt(edited, 'high');
    expect(after.services[0]).toBe(before.services[0]);
    expect(after.services[1]).not.toBe(before.services[1]);
    // A changed range is a changed service.
    const wider = bands.planAt({ ...edited, uncertainty: { trafficRps: { low: 0.5, high: 3 } } }, 'high');
    expect(wider.services[0]).not.toBe(after.services[0]);
    expect(wider.services[0]!.trafficRps[0]).toBeCloseTo(plan.services[0]!.trafficRps[0]! * 3, 9);
  });
});
