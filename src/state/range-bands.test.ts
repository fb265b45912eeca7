// The open plan's uncertainty bands (issue 11 §3 "App"): none without ranges (the app looks as it did), the bands of
// the plan over the forecast's months once it has ranges, gone again when the ranges go, and never another plan's.
import { describe, expect, it } from 'vitest';
import { rangeBands } from '../analysis/range-bands.ts';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { fakePlatform, memoryStorage, memoryStore } from './test-support.ts';

async function started() {
  const app = new AppState(memoryStore(), fakePlatform(), new EngineClient(() => null), {
    journal: memoryStorage(),
  });
  await app.init();
  await expect.poll(() => app.plan.forecast?.months.length).toBe(12);
  return app;
}

describe('the open plan’s bands', () => {
  it('follow the ranges: none, then those of the plan over the forecast months, then none again', async () => {
    const app = await started();
    expect(app.plan.bands).toBeNull();
    app.plan.edit(['uncertainty'], { trafficRps: { low: 0.5, high: 2 } });
    await expect.poll(() => app.plan.bands?.months?.length).toBe(12);
    const parsed = app.engine.parse(app.plan.doc);
    if (!parsed.ok) throw new Error('invalid');
    expect(app.plan.bands).toEqual(rangeBands(parsed.plan, app.plan.forecastOptions));
    await app.plan.setForecastOptions({ months: 24 });
    await expect.poll(() => app.plan.bands?.months?.length).toBe(24);
    app.plan.edit(['uncertainty'], undefined);
    await expect.poll(() => app.plan.bands).toBeNull();
  });

  it('are cleared when another plan opens', async () => {
    const app = await started();
    app.plan.edit(['uncertainty'], { trafficRps: { low: 0.5, high: 2 } });
    await expect.poll(() => app.plan.bands).not.toBeNull();
    await app.command('new-plan');
    expect(app.plan.bands).toBeNull();
  });
});

describe('a range cleared in the editor', () => {
  it('leaves no empty range behind: the service takes the plan-wide range again', async () => {
    const app = await started();
    app.plan.edit(['uncertainty'], { trafficRps: { low: 0.5, high: 2 } });
    await expect.poll(() => app.plan.bands).not.toBeNull();
    const wide = app.plan.bands;
    const low = ['services', 0, 'uncertainty', 'trafficRps', 'low'];
    app.plan.edit(low, 0.9);
    await expect.poll(() => app.plan.bands).not.toEqual(wide);
    // Cleared: an empty `trafficRps: {}` would read as "no range" (low 1, high 1), not as the plan-wide one.
    app.plan.edit(low, undefined);
    const service = (app.plan.doc as { services: Record<string, unknown>[] }).services[0]!;
    expect(service).not.toHaveProperty('uncertainty');
    await expect.poll(() => app.plan.bands).toEqual(wide);
  });
});
