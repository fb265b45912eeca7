import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { addMonths, isCalendarMonth, monthAfter } from './calendar.ts';
import { evaluate, forecast, FORECAST_TOLERANCE, nextLeader } from './engine.ts';
import { flat, testPlan, testService } from './testing.ts';
import { STRATEGY_IDS } from './registry.ts';
import type { Catalog, StrategyId } from './types.ts';

const catalog: Catalog = structuredClone(awsUsEast1);
const costs = (c: Partial<Record<StrategyId, number>>): Record<StrategyId, number> => ({
  'shared-host': 100,
  'vm-per-service': 200,
  'container-cluster': 300,
  serverless: 400,
  'serverless-containers': 500,
  ...c,
});
const all = new Set<StrategyId>(STRATEGY_IDS);

describe('calendar months', () => {
  it('adds months across years and names the month after a date', () => {
    expect(addMonths('2026-11', 0)).toBe('2026-11');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2027-01', 35)).toBe('2029-12');
    expect(monthAfter(new Date(2026, 11, 31, 23, 59))).toBe('2027-01');
    expect(monthAfter(new Date(2027, 0, 1))).toBe('2027-02');
    for (const bad of ['2027-13', '2027-00', '2027-1', '27-01', '2027-01-01', '', '1969-12'])
      expect(isCalendarMonth(bad), bad).toBe(false);
    expect(() => addMonths('2027-13', 1)).toThrow(RangeError);
  });
});

describe('the leader of a forecast', () => {
  it('keeps the current leader while a rival is cheaper by no more than the tolerance', () => {
    // 3% cheaper: noise; 6% cheaper: a new leader.
    expect(nextLeader('shared-host', 'serverless', costs({ serverless: 97 }), all, 0.05)).toBe('shared-host');
    expect(nextLeader('shared-host', 'serverless', costs({ serverless: 95 }), all, 0.05)).toBe('shared-host');
    expect(nextLeader('shared-host', 'serverless', costs({ serverless: 94 }), all, 0.05)).toBe('serverless');
    // A leader that no longer runs every service gives way at once; no leader yet: the cheapest.
    const noShared = new Set<StrategyId>(['serverless', 'vm-per-service']);
    expect(nextLeader('shared-host', 'serverless', costs({ serverless: 99 }), noShared, 0.05)).toBe(
      'serverless',
    );
    expect(nextLeader(null, 'vm-per-service', costs({}), all, 0.05)).toBe('vm-per-service');
  });

  it('ignores lines 1–3% apart flipping back and forth, and reports the month a rival is clearly cheaper', () => {
    // Containers and VMs trade places month by month by 1–3%, then VMs pull 8% ahead in month 9.
    const vm = [101, 98, 102, 99, 97, 101, 98, 99, 92, 90];
    let leader: StrategyId | null = null;
    const changes: [number, StrategyId | null][] = [];
    vm.forEach((v, i) => {
      const c = costs({ 'shared-host': 500, 'vm-per-service': v, 'container-cluster': 100 });
      const cheapest = v < 100 ? 'vm-per-service' : 'container-cluster';
      const next = nextLeader(leader, cheapest, c, all, FORECAST_TOLERANCE);
      if (i > 0 && next !== leader) changes.push([i + 1, next]);
      leader = next;
    });
    expect(changes).toEqual([[9, 'vm-per-service']]);
  });

  it('holds for generated plans (property): the leader is within the tolerance of the cheapest, changes listed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            rps: fc.double({ min: 0.5, max: 400, noNaN: true }),
            growth: fc.double({ min: 0, max: 0.3, noNaN: true }),
            stateful: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.constantFrom(0, 0.02, 0.05, 0.1),
        (svcs, tolerance) => {
          const plan = testPlan(
            catalog,
            svcs.map((s, i) =>
              testService({
                name: `s${i}`,
                trafficRps: flat(s.rps),
                growthPerMonth: s.growth,
                stateful: s.stateful,
              }),
            ),
          );
          const f = forecast(plan, { months: 14, start: '2026-12', tolerance });
          expect(f.months[0]!.leader).toBe(f.months[0]!.cheapest);
          let changes = 0;
          f.months.forEach((m, i) => {
            if (m.leader === null || m.cheapest === null) return;
            // The leader is never more than the tolerance dearer than the cheapest.
            expect(m.costs[m.cheapest]).toBeGreaterThanOrEqual(m.costs[m.leader] * (1 - tolerance) - 1e-9);
            if (i > 0 && m.leader !== f.months[i - 1]!.leader) {
              const c = f.leadChanges[changes++]!;
              expect(c).toMatchObject({
                month: m.month,
                previous: f.months[i - 1]!.leader,
                leader: m.leader,
              });
            }
          });
          expect(f.leadChanges).toHaveLength(changes);
          if (tolerance === 0) {
            // With no tolerance the leader is the cheapest every month.
            for (const m of f.months) expect(m.leader).toBe(m.cheapest);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('forecast totals and calendar', () => {
  const plan = testPlan(catalog, [testService({ trafficRps: flat(80), growthPerMonth: 0.05 })]);
  const f = forecast(plan, { months: 30, start: '2026-11' });

  it('labels months from the start and sums 12-month blocks and the whole horizon in cents', () => {
    expect(f.start).toBe('2026-11');
    expect(f.months.map((m) => m.calendarMonth).slice(0, 3)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(f.months.at(-1)!.calendarMonth).toBe('2029-04');
    expect(f.years.map((y) => [y.year, y.from, y.to, y.months])).toEqual([
      [1, '2026-11', '2027-10', 12],
      [2, '2027-11', '2028-10', 12],
      [3, '2028-11', '2029-04', 6],
    ]);
    const cents = (x: number) => Math.round(x * 100);
    for (const id of STRATEGY_IDS) {
      const byMonth = f.months.map((m) => cents(m.costs[id]));
      expect(cents(f.years[0]!.costs[id])).toBe(byMonth.slice(0, 12).reduce((a, b) => a + b, 0));
      expect(cents(f.total[id])).toBe(byMonth.reduce((a, b) => a + b, 0));
      expect(f.months.at(-1)!.cumulative[id]).toBe(f.total[id]);
      expect(f.years.reduce((a, y) => a + cents(y.costs[id]), 0)).toBe(cents(f.total[id]));
    }
    expect(f.months[0]!.costs['shared-host']).toBe(evaluate(plan).strategies[0]!.monthlyCost);
  });

  it('lists the strategies that can lead and refuses a bad horizon or start', () => {
    expect(f.complete).toEqual(STRATEGY_IDS);
    const stateful = testPlan(catalog, [testService({ stateful: true })]);
    expect(forecast(stateful, { months: 1, start: '2027-01' }).complete).not.toContain('serverless');
    expect(() => forecast(plan, { months: 0, start: '2027-01' })).toThrow(RangeError);
    expect(() => forecast(plan, { months: 12, start: 'Jan 2027' })).toThrow(RangeError);
  });
});
