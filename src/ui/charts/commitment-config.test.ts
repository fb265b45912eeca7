// The savings-plan chart's config (issue 13 §5): the engine's curve as is, the best level marked.
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../../catalog/aws-us-east-1.ts';
import { evaluate } from '../../model/index.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import { commitmentCurveConfig } from './configs.ts';

describe('commitmentCurveConfig', () => {
  it('draws the engine’s cost curve, one point per level, the best level as the large point', () => {
    const plan = testPlan(awsUsEast1, [testService({ trafficRps: flat(40) })], {
      sharedHost: { commitment: { hourlyCommitment: 0, discount: 0.28 } },
    });
    const s = evaluate(plan).strategies.find((x) => x.id === 'shared-host')!;
    const cfg = commitmentCurveConfig(s, 'USD');
    const data = cfg.data.datasets[0]!;
    expect(data.data).toEqual(s.commitment!.curve.map((p) => p.monthlyCost));
    expect(cfg.data.labels).toHaveLength(s.commitment!.curve.length);
    const radius: unknown = 'pointRadius' in data ? data.pointRadius : undefined;
    if (!Array.isArray(radius)) throw new Error('pointRadius is one value per point');
    const at = s.commitment!.curve.findIndex(
      (p) => p.hourlyCommitment === s.commitment!.best.hourlyCommitment,
    );
    expect(at).toBeGreaterThan(0);
    expect(radius[at]).toBe(7);
    expect(radius.filter((r) => r === 7)).toHaveLength(1);
  });
});
