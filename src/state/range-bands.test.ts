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
