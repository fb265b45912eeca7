// The uncertainty bands in the charts (issue 11 §3 "App"): shaded per strategy behind the forecast's lines, and the
// results' low–typical–high bars; without bands every chart is exactly what it was.
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/index.ts';
import { rangeBands } from '../../analysis/range-bands.ts';
import { forecast, STRATEGY_IDS, type Plan } from '../../model/index.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import { bandEdgeLabel, costRangeConfig, forecastConfig } from './configs.ts';
import { prepareConfig } from './prepare.ts';

const months = { months: 6, start: '2027-01' };
const plan: Plan = {
  ...testPlan(bundledCatalog('aws-us-east-1')!, [
    testService({ name: 'a', trafficRps: flat(20), growthPerMonth: 0.05 }),
    testService({ name: 'b', trafficRps: flat(3) }),
  ]),
  uncertainty: { trafficRps: { low: 0.6, high: 1.8 } },
};
const bands = rangeBands(plan, months)!;
const f = forecast(plan, months);
type Line = { label: string; data: (number | null)[]; fill: unknown };

describe('forecast bands', () => {
  it('without bands the forecast chart is what it was', () => {
    expect(forecastConfig(f, 'USD', STRATEGY_IDS, null)).toEqual(forecastConfig(f, 'USD'));
  });

  it('adds a low and a high edge per strategy after the lines, the high one filled down to the low one', () => {
    const shown = STRATEGY_IDS.filter((id) => id !== 'serverless');
    const config = forecastConfig(f, 'USD', shown, bands.months);
    const sets = config.data.datasets as unknown as Line[];
    expect(sets).toHaveLength(shown.length * 3);
    // The lines keep their places.
    expect(sets.slice(0, shown.length)).toEqual(forecastConfig(f, 'USD', shown).data.datasets);
    shown.forEach((id, i) => {
      const low = sets[shown.length + 2 * i]!;
      const high = sets[shown.length + 2 * i + 1]!;
      expect(low.label).toBe(bandEdgeLabel(id, 'low'));
      expect(low.fill).toBe(false);
      expect(low.data).toEqual(bands.months!.map((m) => m.low[id]));
      expect(high.fill).toBe('-1');
      expect(high.data).toEqual(bands.months!.map((m) => m.high[id]));
      // The band holds the line, month by month.
      f.months.forEach((m, k) => {
        expect(low.data[k]!).toBeLessThanOrEqual(m.costs[id] + 1e-9);
        expect(high.data[k]!).toBeGreaterThanOrEqual(m.costs[id] - 1e-9);
      });
    });
    expect(config.options?.plugins?.headroomFormat?.legendOmits).toEqual(
      shown.flatMap((id) => [bandEdgeLabel(id, 'low'), bandEdgeLabel(id, 'high')]),
    );
  });

  it('bands of other months (the last plan’s, for a moment) are not drawn', () => {
    const other = rangeBands(plan, { months: 6, start: '2027-02' })!;
    expect(forecastConfig(f, 'USD', STRATEGY_IDS, other.months)).toEqual(forecastConfig(f, 'USD'));
    const shorter = rangeBands(plan, { months: 3, start: '2027-01' })!;
    expect(forecastConfig(f, 'USD', STRATEGY_IDS, shorter.months)).toEqual(forecastConfig(f, 'USD'));
  });

  it('the legend leaves the edges out (the notes say what the shading is)', () => {
    const prepared = prepareConfig(forecastConfig(f, 'USD', STRATEGY_IDS, bands.months), {
      lookup: () => '#123456',
      reducedMotion: false,
    });
    const filter = (prepared.options?.plugins?.legend?.labels as { filter: (i: { text: string }) => boolean })
      .filter;
    expect(filter({ text: bandEdgeLabel('serverless', 'high') })).toBe(false);
    expect(filter({ text: 'Serverless (Lambda)' })).toBe(true);
  });
});

describe('cost range by strategy', () => {
  it('one bar per strategy: low to typical, then typical to high', () => {
    const config = costRangeConfig(bands.now, 'USD', STRATEGY_IDS);
    const [lower, upper] = config.data.datasets as unknown as { data: [number, number][] }[];
    const ids = STRATEGY_IDS.filter((id) => bands.now.low[id] !== null && bands.now.high[id] !== null);
    expect(config.data.labels).toHaveLength(ids.length);
    expect(lower!.data).toEqual(ids.map((id) => [bands.now.low[id], bands.now.typical[id]]));
    expect(upper!.data).toEqual(ids.map((id) => [bands.now.typical[id], bands.now.high[id]]));
  });

  it('leaves out a strategy not shown or not costed at one of the three', () => {
    const now = { ...bands.now, high: { ...bands.now.high, serverless: null } };
    const config = costRangeConfig(now, 'USD', ['shared-host', 'serverless']);
    expect(config.data.labels).toHaveLength(1);
  });
});
