import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { DEFAULT_STRATEGIES } from './defaults.ts';
import { evaluate } from './engine.ts';
import { STRATEGIES, STRATEGY_IDS, STRATEGY_KEYS, strategyEntry, strategyOfKey } from './registry.ts';
import { flat, testPlan, testService } from './testing.ts';

/** A plan that makes every strategy report every figure it can: zones, a stateful service, Lambda's fallback. */
function everyFigurePlan() {
  return testPlan(
    awsUsEast1,
    [
      testService({ name: 'api', trafficRps: flat(80) }),
      testService({ name: 'db', trafficRps: flat(5), stateful: true }),
    ],
    { serverless: { fallback: 'vmPerService' } },
    730,
    { resilience: { zones: 2, surviveZoneLoss: false } },
  );
}

describe('the strategy registry', () => {
  it('has one entry per id and per settings key, each settings key a plan strategy with defaults', () => {
    expect(new Set(STRATEGY_IDS).size).toBe(STRATEGIES.length);
    expect(new Set(STRATEGY_KEYS).size).toBe(STRATEGIES.length);
    for (const e of STRATEGIES) {
      expect(DEFAULT_STRATEGIES[e.settingsKey]).toBeDefined();
      expect(strategyOfKey(e.settingsKey)).toBe(e.id);
      // Headline figures are declared figures.
      for (const k of e.headline) expect(e.figures.map((f) => f.key)).toContain(k);
    }
    expect(() => strategyEntry('nope' as never)).toThrow(/"nope" is not a strategy/);
  });

  it('declares every capacity figure each strategy reports (none is labelled from its key)', () => {
    for (const plan of [everyFigurePlan(), testPlan(awsUsEast1, [testService({ name: 'one' })])]) {
      for (const s of evaluate(plan).strategies) {
        const declared = strategyEntry(s.id).figures.map((f) => f.key);
        for (const key of Object.keys(s.capacity)) expect(declared, `${s.id}: ${key}`).toContain(key);
        if (plan.resilience.zones === 2 && s.id !== 'serverless') expect(s.capacity).toHaveProperty('zones');
        // The typed figures are the capacity map, in its order, with the declared labels and units.
        expect(s.figures.map((f) => [f.key, f.value])).toEqual(Object.entries(s.capacity));
        for (const f of s.figures) {
          const spec = strategyEntry(s.id).figures.find((x) => x.key === f.key)!;
          expect([f.label, f.unit]).toEqual([spec.label, spec.unit]);
        }
      }
    }
  });

  it('states in each report the resolved settings it was priced with', () => {
    const plan = everyFigurePlan();
    const report = evaluate(plan);
    for (const s of report.strategies) {
      expect(s.settings).toBe(plan.strategies[strategyEntry(s.id).settingsKey]);
      expect(s.name.startsWith(strategyEntry(s.id).name)).toBe(true);
    }
    expect(report.strategies.find((s) => s.id === 'container-cluster')!.settings).toMatchObject({
      nodeType: 'm6i.xlarge',
      targetUtilization: 0.7,
      scaling: 'hourly',
    });
  });
});
