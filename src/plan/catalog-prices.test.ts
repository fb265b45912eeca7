// The prices around compute (issue 10 §2–§4) in a plan's inline catalog: validated, copied into the resolved plan,
// and written back by planToFile, each optional (a catalog without one cannot price that component).
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { formatIssue, parsePlan, planToFile } from './index.ts';

const day = (v: number) => new Array<number>(24).fill(v);

function fileWith(catalog: object): unknown {
  return {
    format: 'headroom-plan',
    version: 1,
    name: 'Catalog prices',
    catalog,
    services: [{ name: 'api', trafficRps: day(20), cpuMsPerRequest: 12, durationMs: 80, memoryMiB: 512 }],
  };
}

const INFRA = {
  loadBalancers: { alb: { hourly: 0.03, unitHourly: 0.01 }, nlb: { hourly: 0.025, unitHourly: 0.007 } },
  nat: { hourly: 0.05, perGB: 0.04 },
  blockStorage: { gp3: 0.09, gp2: 0.11 },
  logs: { ingestionPerGB: 0.6, freeGBPerMonth: 0 },
};

describe('catalog prices around compute', () => {
  it('the bundled catalog carries the pricing-2.md prices', () => {
    const c = bundledCatalog('aws-us-east-1')!;
    expect(c.loadBalancers).toEqual({
      alb: { hourly: 0.0225, unitHourly: 0.008 },
      nlb: { hourly: 0.0225, unitHourly: 0.006 },
    });
    expect(c.nat).toEqual({ hourly: 0.045, perGB: 0.045 });
    expect(c.blockStorage).toEqual({ gp3: 0.08, gp2: 0.1 });
    expect(c.logs).toEqual({ ingestionPerGB: 0.5, freeGBPerMonth: 5 });
    // Every figure's source, and which are third-party.
    expect(c.sources.filter((s) => /third-party/.test(s))).toHaveLength(5);
  });

  it('copies an inline catalog’s prices into the plan and writes them back', () => {
    const base = { ...bundledCatalog('aws-us-east-1')!, id: 'mine', ...INFRA };
    const r = parsePlan(fileWith(base));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.plan.catalog).toMatchObject(INFRA);
    const file = planToFile(r.plan);
    expect(file.catalog).toMatchObject(INFRA);
    const again = parsePlan(JSON.parse(JSON.stringify(file)));
    expect(again.ok && again.plan.catalog).toEqual(r.plan.catalog);
  });

  it('leaves out the prices an inline catalog does not have (no key at all)', () => {
    const base: Record<string, unknown> = { ...bundledCatalog('aws-us-east-1')!, id: 'bare' };
    for (const k of Object.keys(INFRA)) delete base[k];
    const r = parsePlan(fileWith(base));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    for (const k of Object.keys(INFRA)) {
      expect(k in r.plan.catalog).toBe(false);
      expect(k in (planToFile(r.plan).catalog as object)).toBe(false);
    }
  });

  it('rejects a negative price where it is', () => {
    const base = { ...bundledCatalog('aws-us-east-1')!, id: 'mine', ...INFRA, nat: { hourly: -1, perGB: 0 } };
    const r = parsePlan(fileWith(base));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(formatIssue)).toEqual([expect.stringMatching(/^catalog\.nat\.hourly: /)]);
  });
});
