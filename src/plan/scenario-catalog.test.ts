// A plan compared under AWS, GCP and Azure (issue 13 §4): a scenario per cloud is its base with `catalog` changed,
// and it must give a complete comparison: the catalog's own defaults for what named the base catalog's products,
// and located reasons for what the cloud cannot price.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gcpUsCentral1 } from '../catalog/gcp-us-central1.ts';
import { evaluate } from '../model/engine.ts';
import { parsePlan } from './parse.ts';
import { applyChanges } from './scenario.ts';
import { planToFile } from './to-file.ts';

/** A base plan on AWS that names AWS types and the EKS formula, as a plan made in the app may. */
const base = {
  format: 'headroom-plan',
  version: 2,
  name: 'three clouds',
  catalog: 'aws-us-east-1',
  services: [
    {
      name: 'api',
      trafficRps: new Array(24).fill(40),
      cpuMsPerRequest: 20,
      durationMs: 80,
      memoryMiB: 1024,
      serverless: { architecture: 'arm64' },
    },
    {
      name: 'worker',
      trafficRps: new Array(24).fill(5),
      cpuMsPerRequest: 50,
      durationMs: 200,
      memoryMiB: 512,
      vmInstanceType: 'm6i.large',
    },
    {
      name: 'db',
      trafficRps: new Array(24).fill(5),
      cpuMsPerRequest: 5,
      durationMs: 10,
      memoryMiB: 2048,
      stateful: true,
    },
  ],
  strategies: {
    sharedHost: { instanceType: 'm6i.2xlarge' },
    containerCluster: { nodeType: 'm6i.xlarge', reservation: 'eks' },
    serverless: { apiGateway: 'http', fallback: 'vmPerService' },
  },
  frontDoor: { kind: 'alb' },
  resilience: { zones: 2 },
  storage: { rootVolumeGiB: 20 },
};

function inCatalog(catalog: string) {
  const { doc } = applyChanges(base, [{ kind: 'setting', path: ['catalog'], value: catalog }], catalog);
  const parsed = parsePlan(doc);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return { doc, plan: parsed.plan, report: evaluate(parsed.plan) };
}

describe('a scenario per cloud', () => {
  it('GCP: the catalog’s defaults replace the AWS types and formula; every strategy is costed (serverless containers on Cloud Run)', () => {
    const { doc, plan, report } = inCatalog('gcp-us-central1');
    expect(doc.catalog).toBe('gcp-us-central1');
    expect(plan.strategies.sharedHost.instanceType).toBe('n2-standard-8');
    expect(plan.strategies.containerCluster.nodeType).toBe('n2-standard-4');
    expect(plan.strategies.containerCluster.reservation).toBe('gke');
    expect(plan.services[1]!.vmInstanceType).toBeNull();
    // Arm functions mean nothing on GCP (no Arm types here): VM per service's "auto" picks among x86_64 types.
    expect(plan.services[0]!.serverless.architecture).toBe('x86_64');
    for (const s of report.strategies) {
      expect(s.cannotCost, s.id).toBeUndefined();
    }
    expect(report.catalog.id).toBe('gcp-us-central1');
    // What GCP cannot price here is said, not zero: the ALB, root volumes and API Gateway.
    const host = report.strategies.find((s) => s.id === 'shared-host')!;
    expect(
      host.notIncluded.some((n) => n.startsWith('the load balancer in front (ALB): configured, but')),
    ).toBe(true);
    expect(host.notIncluded.some((n) => n.startsWith('root volumes (gp3): configured, but'))).toBe(true);
    const fn = report.strategies.find((s) => s.id === 'serverless')!;
    expect(fn.notIncluded.some((n) => n.startsWith('API Gateway (HTTP API): configured, but'))).toBe(true);
    expect(fn.warnings.some((w) => w.message.includes('cannot run on Cloud Run functions'))).toBe(true);
  });

  it('Azure: Dsv5 defaults and the AKS formula', () => {
    const { plan, report } = inCatalog('azure-eastus');
    expect(plan.strategies.sharedHost.instanceType).toBe('Standard_D8s_v5');
    expect(plan.strategies.containerCluster.reservation).toBe('aks');
    const cluster = report.strategies.find((s) => s.id === 'container-cluster')!;
    expect(cluster.lineItems.some((l) => l.component === 'AKS control plane hours')).toBe(true);
  });

  it('AWS (the base’s own catalog) keeps every setting the base names', () => {
    const { doc } = applyChanges(base, [], 'same');
    expect(doc.strategies).toEqual(base.strategies);
  });

  it('a type the new catalog has is kept', () => {
    const withGcpType = {
      ...base,
      strategies: { ...base.strategies, sharedHost: { instanceType: 'e2-standard-8' } },
    };
    const { doc } = applyChanges(withGcpType, [
      { kind: 'setting', path: ['catalog'], value: 'gcp-us-central1' },
    ]);
    expect((doc.strategies as { sharedHost: unknown }).sharedHost).toEqual({ instanceType: 'e2-standard-8' });
  });
});

describe('a plan file in another catalog', () => {
  it('naming no types: valid, with the catalog’s defaults', () => {
    const { strategies: _, ...rest } = base;
    const parsed = parsePlan({
      ...rest,
      catalog: 'gcp-us-central1',
      services: [base.services[0], base.services[2]],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.plan.catalog.provider).toBe('gcp');
    expect(parsed.plan.strategies.containerCluster.nodeType).toBe('n2-standard-4');
  });

  it('naming AWS types: each is a located problem (a file is never silently changed; a scenario is)', () => {
    const file = JSON.parse(readFileSync('examples/internal-tools.json', 'utf8')) as Record<string, unknown>;
    const parsed = parsePlan({ ...file, catalog: 'gcp-us-central1' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.path)).toContain('strategies.containerCluster.nodeType');
  });
});

describe('another cloud’s catalog inline', () => {
  it.each(['gcp-us-central1', 'azure-eastus'])(
    '%s carried whole in the file gives the bundled catalog’s figures, and saves back the same',
    (id) => {
      const { strategies: _, ...rest } = base;
      const doc = { ...rest, services: [base.services[0], base.services[2]] };
      const bundled = parsePlan({ ...doc, catalog: id });
      if (!bundled.ok) throw new Error(JSON.stringify(bundled.issues));
      // The same prices under another id: the file carries the whole catalog (every new field copied).
      const inline = { ...structuredClone(bundled.plan.catalog), id: `my-${id}` };
      const parsed = parsePlan({ ...doc, catalog: inline });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      expect(parsed.plan.catalog).toEqual(inline);
      const costs = (r: ReturnType<typeof evaluate>) => r.strategies.map((s) => [s.id, s.monthlyCost]);
      expect(costs(evaluate(parsed.plan))).toEqual(costs(evaluate(bundled.plan)));
      expect(planToFile(parsed.plan).catalog).toEqual(inline);
    },
  );
});

describe('checks of a catalog’s functions billing', () => {
  const withServerless = (patch: Record<string, unknown>) => {
    const { strategies: _, ...rest } = base;
    const catalog = structuredClone(gcpUsCentral1) as unknown as Record<string, unknown>;
    catalog.id = 'mine';
    catalog.serverless = { ...(catalog.serverless as object), ...patch };
    return parsePlan({ ...rest, services: [base.services[0]], catalog });
  };

  it('a vCPU-second price needs the memory → vCPU table, located', () => {
    const r = withServerless({ vcpuByMemory: undefined });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({
      path: 'catalog.serverless.vcpuByMemory',
      message: 'is needed with serverless.vcpuSecond (the vCPU a function gets at each memory size)',
    });
  });

  it('the table’s memory sizes must increase, located at the row', () => {
    const r = withServerless({
      vcpuByMemory: [
        { memoryMiB: 512, vcpu: 0.333 },
        { memoryMiB: 256, vcpu: 0.167 },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({
      path: 'catalog.serverless.vcpuByMemory[1].memoryMiB',
      message: 'must be greater than the previous row’s memoryMiB (512)',
    });
  });
});
