import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/index.ts';
import { breakEven, breakEvenCurve } from '../../analysis/breakeven.ts';
import { sensitivity } from '../../analysis/sensitivity.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import { breakEvenConfig, tornadoConfig } from './configs.ts';

const catalog = bundledCatalog('aws-us-east-1')!;
const plan = testPlan(catalog, [
  testService({ name: 'api', trafficRps: flat(2), cpuMsPerRequest: 20, durationMs: 100 }),
  testService({ name: 'jobs', trafficRps: flat(1), cpuMsPerRequest: 20, durationMs: 100 }),
]);

describe('decision analysis charts (issue 11)', () => {
  it('the tornado has one bar pair per input, from the plan’s cost to each end, in the rows’ order', () => {
    const s = sensitivity(plan);
    const c = tornadoConfig(s, 'serverless', 'USD');
    expect(c.type).toBe('bar');
    expect(c.options?.indexAxis).toBe('y');
    expect(c.data.labels).toEqual(s.rows.map((r) => r.input));
    const [down, up] = c.data.datasets;
    expect(down!.label).toBe('Input −25%');
    expect(down!.data).toEqual(s.rows.map((r) => [s.base.serverless, r.low.serverless]));
    expect(up!.data).toEqual(s.rows.map((r) => [s.base.serverless, r.high.serverless]));
  });

  it('the break-even chart draws both costs and marks the crossing, inserted in order', () => {
    const query = { a: 'serverless', b: 'container-cluster' } as const;
    const r = breakEven(plan, query);
    const curve = breakEvenCurve(plan, query, { from: 0.1, to: 100, points: 7 });
    const c = breakEvenConfig(
      {
        a: r.a,
        b: r.b,
        points: curve.points,
        crossing: r.value === null ? null : { value: r.value, costs: r.costs! },
      },
      'USD',
      (v) => `×${v.toPrecision(3)}`,
    );
    expect(r.value).not.toBeNull();
    expect(c.data.labels).toHaveLength(8);
    const at = curve.points.findIndex((p) => p.value > r.value!);
    expect(c.data.labels![at]).toBe(`×${r.value!.toPrecision(3)}`);
    const serverless = c.data.datasets[0]!;
    expect(serverless.data[at]).toBe(r.costs!.serverless);
    expect('pointRadius' in serverless && serverless.pointRadius).toEqual(
      c.data.labels!.map((_, i) => (i === at ? 8 : 2)),
    );
    expect(c.data.datasets[1]!.data[at]).toBe(r.costs!['container-cluster']);
  });
});
