// The pricing blocks of issue 10 (front doors, zones, scaling ahead, Lambda CPU) against published and hand-computed
// figures (pricing-2.md), and the properties that define them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { albLcus, nlbNlcus, weekUnits, type TrafficShape } from './front-door.ts';
import { autoLambdaMemory, lambdaDurationMs, LAMBDA_MB_PER_VCPU } from './lambda-cpu.ts';
import { roundCents } from './money.ts';
import { aheadMax } from './scale-ahead.ts';
import { HOURS_PER_WEEK } from './time.ts';
import { fleetSize, fleetWithFloor, fullestZone } from './zones.ts';
import type { Resilience } from './types.ts';

const ALB = { hourly: 0.0225, unitHourly: 0.008 };

describe('ALB LCUs', () => {
  it('reproduces the ELB pricing page example: 1.08 LCU billed, $22.42 for 720 hours', () => {
    // 1 new connection/s lasting 2 minutes; 5 requests/s; 300 KB/s processed; 60 rules.
    const shape: TrafficShape = {
      requestsPerConnection: 5,
      connectionSeconds: 120,
      bytesPerRequest: 60_000,
      rules: 60,
    };
    const lcu = albLcus(5, shape);
    expect(lcu.newConnections).toBeCloseTo(0.04, 12);
    expect(lcu.activeConnections).toBeCloseTo(0.04, 12);
    expect(lcu.processedBytes).toBeCloseTo(1.08, 12);
    expect(lcu.ruleEvaluations).toBeCloseTo(0.25, 12);
    expect(lcu.billed).toBeCloseTo(1.08, 12);
    const lcuCost = roundCents(lcu.billed * ALB.unitHourly * 720);
    const hourCost = roundCents(ALB.hourly * 720);
    expect(lcuCost).toBe(6.22);
    expect(hourCost).toBe(16.2);
    expect(roundCents(lcuCost + hourCost)).toBe(22.42);
  });

  it('divides processed bytes by 0.4 GB for Lambda targets', () => {
    const shape: TrafficShape = {
      requestsPerConnection: 10,
      connectionSeconds: 60,
      bytesPerRequest: 2048,
      rules: 10,
    };
    const ec2 = albLcus(100, shape).processedBytes;
    expect(albLcus(100, shape, true).processedBytes).toBeCloseTo(ec2 / 0.4, 12);
  });

  it('bills only rules beyond the first 10', () => {
    const shape: TrafficShape = {
      requestsPerConnection: 1,
      connectionSeconds: 1,
      bytesPerRequest: 0,
      rules: 10,
    };
    expect(albLcus(1000, shape).ruleEvaluations).toBe(0);
    expect(albLcus(1000, { ...shape, rules: 11 }).ruleEvaluations).toBe(1);
  });

  it('prices a shared load balancer on summed traffic: never more than one per service', () => {
    const shape: TrafficShape = {
      requestsPerConnection: 10,
      connectionSeconds: 60,
      bytesPerRequest: 2048,
      rules: 10,
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 168, maxLength: 168 }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (weeks) => {
          const summed = new Array<number>(HOURS_PER_WEEK).fill(0);
          for (const w of weeks) w.forEach((v, h) => (summed[h]! += v));
          const shared = weekUnits('alb', summed, shape);
          const each = weeks.reduce((a, w) => a + weekUnits('alb', w, shape), 0);
          expect(shared).toBeLessThanOrEqual(each * (1 + 1e-12) + 1e-12);
        },
      ),
    );
  });
});

describe('NLB NLCUs', () => {
  it('takes the largest of 800 new connections/s, 100,000 active connections and 1 GB/h', () => {
    // 1,000 rps, 10 requests per connection: 100 new/s = 0.125; active 100 × 60 = 6,000 = 0.06; 2 KB × 1,000 × 3600 = 7.3728 GB.
    const shape: TrafficShape = {
      requestsPerConnection: 10,
      connectionSeconds: 60,
      bytesPerRequest: 2048,
      rules: 0,
    };
    expect(nlbNlcus(1000, shape)).toBeCloseTo(7.3728, 12);
    expect(nlbNlcus(1000, { ...shape, bytesPerRequest: 1 })).toBeCloseTo(0.125, 12);
  });
});

describe('zones', () => {
  it('gives the issue example: need 4 over 3 zones surviving the loss of one → 6', () => {
    expect(fleetSize(4, { zones: 3, surviveZoneLoss: true })).toBe(6);
  });

  it('puts at least one member in every zone, and nothing in an hour the fleet does not run', () => {
    expect(fleetSize(1, { zones: 2, surviveZoneLoss: false })).toBe(2);
    expect(fleetSize(5, { zones: 2, surviveZoneLoss: false })).toBe(5);
    expect(fleetSize(0, { zones: 3, surviveZoneLoss: true })).toBe(0);
    expect(fleetSize(1, { zones: 2, surviveZoneLoss: true })).toBe(2);
  });

  it('refuses to survive a zone loss with one zone', () => {
    expect(() => fleetSize(2, { zones: 1, surviveZoneLoss: true })).toThrow(/at least 2 zones/);
  });

  it('is the smallest count that still meets demand after losing the fullest zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 2, max: 6 }), (need, zones) => {
        const c = fleetSize(need, { zones, surviveZoneLoss: true });
        expect(c - fullestZone(c, zones)).toBeGreaterThanOrEqual(need);
        expect(c).toBeGreaterThanOrEqual(zones);
        // One fewer does not survive (or breaks one member per zone).
        const d = c - 1;
        expect(d < zones || d - fullestZone(d, zones) < need).toBe(true);
      }),
    );
  });
});

describe('fleetWithFloor', () => {
  // Its fast path (no zone loss to survive) skips fleetSize's checks: the same count as the definition,
  // max(fleetSize(need), floor spread over the zones), and the same refusals, for any input.
  const definition = (need: number, floor: number, r: Resilience): number =>
    Math.max(fleetSize(need, r), floor > 0 ? Math.max(floor, r.zones) : 0);
  const outcome = (f: () => number): number | string => {
    try {
      return f();
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('counts as the definition does, whole or not, in one zone or many', () => {
    const odd = fc.constantFrom(-1, 0.5, 2.0000001, NaN, Infinity, -Infinity, 1e300);
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 5000 }), odd),
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20 })),
        fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(0, 1.5, NaN)),
        fc.boolean(),
        (need, floor, zones, surviveZoneLoss) => {
          const r = { zones, surviveZoneLoss };
          expect(outcome(() => fleetWithFloor(need, floor, r))).toEqual(
            outcome(() => definition(need, floor, r)),
          );
        },
      ),
      {
        numRuns: 1000,
        examples: [
          [0, 0, 2, false],
          [0, 3, 2, false],
          [3, 0, 1, true],
          [2.5, 1, 1, false],
        ],
      },
    );
  });
});

describe('scaling ahead', () => {
  it('sizes each hour for the largest demand in it and the next k hours, wrapping around the week', () => {
    const week = new Array<number>(HOURS_PER_WEEK).fill(1);
    week[0] = 9;
    week[10] = 5;
    const ahead = aheadMax(week, 2);
    expect(ahead[8]).toBe(5);
    expect(ahead[7]).toBe(1);
    expect(ahead[10]).toBe(5);
    expect(ahead[166]).toBe(9); // Sunday 22:00 sees Monday 00:00
    expect(aheadMax(week, 0)).toEqual(week);
    expect(() => aheadMax(week, 4)).toThrow(/0 to 3/);
  });
});

describe('Lambda CPU scales with memory', () => {
  it('stretches a 100 CPU-ms request at 128 MB far beyond its 120 ms', () => {
    expect(lambdaDurationMs(120, 100, 128)).toBeCloseTo((100 * LAMBDA_MB_PER_VCPU) / 128, 9);
    expect(lambdaDurationMs(120, 100, 1769)).toBe(120);
    expect(lambdaDurationMs(120, 100, 10240)).toBe(120);
  });

  it('auto memory is the smallest whole MB at which the function is not stretched', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 900_000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.integer({ min: 128, max: 10240 }),
        (duration, cpu, mem) => {
          const limits = { min: 128, max: 10240 };
          const { memoryMiB, stretched } = autoLambdaMemory(duration, cpu, mem, limits);
          expect(memoryMiB).toBeGreaterThanOrEqual(mem);
          expect(stretched).toBe(cpu > duration);
          if (!stretched && memoryMiB > mem)
            expect(lambdaDurationMs(duration, cpu, memoryMiB - 1)).toBeGreaterThan(duration);
        },
      ),
    );
  });
});
