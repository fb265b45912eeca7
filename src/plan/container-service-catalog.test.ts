// A plan's inline catalog with serverless container prices beyond Fargate (issue 13 §1: Cloud Run, Container Apps):
// validated with located errors, copied into the resolved plan, written back by planToFile, priced by the strategy.
import { describe, expect, it } from 'vitest';
import { azureContainerApps } from '../catalog/azure-container-apps.ts';
import { gcpCloudRun } from '../catalog/gcp-cloud-run.ts';
import { bundledCatalog } from '../catalog/index.ts';
import { evaluate } from '../model/engine.ts';
import { formatIssue, parsePlan, planToFile } from './index.ts';

const day = (v: number) => new Array<number>(24).fill(v);

function fileWith(catalog: object | string, strategies?: object): unknown {
  return {
    format: 'headroom-plan',
    version: 2,
    name: 'Serverless containers beyond Fargate',
    catalog,
    services: [{ name: 'api', trafficRps: day(20), cpuMsPerRequest: 12, durationMs: 80, memoryMiB: 512 }],
    ...(strategies ? { strategies } : {}),
  };
}

/** The bundled AWS catalog without Fargate, with `containerService` (A1's GCP and Azure catalogs, in miniature). */
function catalogWith(id: string, containerService: object): Record<string, unknown> {
  const c: Record<string, unknown> = { ...bundledCatalog('aws-us-east-1')!, id };
  delete c.fargate;
  return { ...c, containerService };
}

describe('an inline catalog’s containerService', () => {
  for (const [id, prices] of [
    ['gcp-us-central1', gcpCloudRun.containerService],
    ['azure-eastus', azureContainerApps.containerService],
  ] as const) {
    it(`${prices.product}: copied into the plan, written back, priced by the strategy`, () => {
      const r = parsePlan(fileWith(catalogWith(id, prices)));
      if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
      expect(r.plan.catalog.containerService).toEqual(prices);
      const again = parsePlan(JSON.parse(JSON.stringify(planToFile(r.plan))));
      expect(again.ok && again.plan.catalog).toEqual(r.plan.catalog);
      const s = evaluate(r.plan).strategies.find((x) => x.id === 'serverless-containers')!;
      expect(s.cannotCost).toBeUndefined();
      expect(s.lineItems[0]!.component).toContain(prices.product);
    });
  }

  it('rejects a negative rate, a size list without memory, and an unknown model, each located', () => {
    const bad = structuredClone(gcpCloudRun.containerService) as unknown as Record<string, unknown>;
    (bad.rates as { request: { vcpuSecond: number } }).request.vcpuSecond = -1;
    (bad.sizes as { memoryGiB: number[] }[])[0]!.memoryGiB = [];
    bad.model = 'lambda';
    const r = parsePlan(fileWith(catalogWith('mine', bad)));
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'catalog.containerService.rates.request.vcpuSecond',
        'catalog.containerService.sizes[0].memoryGiB',
        'catalog.containerService.model',
      ]),
    );
  });

  it('prices by the inline catalog’s own billing mode and concurrency (a planner edits them there)', () => {
    const prices = {
      ...structuredClone(gcpCloudRun.containerService),
      defaultBilling: 'instance',
      concurrency: { default: 1, max: 1000 },
    };
    const r = parsePlan(fileWith(catalogWith('gcp-us-central1', prices)));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const s = evaluate(r.plan).strategies.find((x) => x.id === 'serverless-containers')!;
    expect(s.lineItems[0]!.component).toContain('Cloud Run, instance-based');
    // 20 requests/s of 80 ms at 1 request per instance: ⌈1.6⌉ = 2 instances.
    expect(s.capacity.peakTasks).toBe(2);
  });
});

describe('a plan chooses Cloud Run’s billing, concurrency and free grant (strategies.serverlessContainers)', () => {
  const totalOf = (strategies?: object): number => {
    const r = parsePlan(fileWith('gcp-us-central1', strategies));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    return evaluate(r.plan).strategies.find((s) => s.id === 'serverless-containers')!.monthlyCost;
  };

  it('reads them from the plan file, written back as given, and they change the figures', () => {
    const given = { serverlessContainers: { billing: 'instance', concurrency: 10, freeGrant: false } };
    const r = parsePlan(fileWith('gcp-us-central1', given));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.plan.strategies.serverlessContainers).toMatchObject(given.serverlessContainers);
    const file = planToFile(r.plan) as { strategies: { serverlessContainers: object } };
    expect(file.strategies.serverlessContainers).toMatchObject(given.serverlessContainers);
    const lines = evaluate(r.plan).strategies.find((s) => s.id === 'serverless-containers')!.lineItems;
    expect(lines.some((l) => l.component.includes('instance-based'))).toBe(true);
    expect(lines.some((l) => l.component.includes('free grant'))).toBe(false);
    expect(totalOf({ serverlessContainers: { freeGrant: false } })).toBeGreaterThan(totalOf());
  });

  it('refuses a concurrency below 1 or a billing mode it does not know, located', () => {
    const r = parsePlan(
      fileWith('gcp-us-central1', { serverlessContainers: { billing: 'per-vibe', concurrency: 0 } }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path).sort()).toEqual([
        'strategies.serverlessContainers.billing',
        'strategies.serverlessContainers.concurrency',
      ]);
  });
});
