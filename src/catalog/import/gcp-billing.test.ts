import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../index.ts';
import { catalogFromGcpBilling } from './cloud-catalog.ts';
import { gcpPage } from './gcp-fixture.ts';
import {
  gcpBillingReader,
  gcpMachineTypes,
  gcpMoney,
  readGcpBilling,
  type GcpBillingImport,
} from './gcp-billing.ts';

const page1 = readFileSync(new URL('./fixtures/gcp-compute-page1.json', import.meta.url), 'utf8');
const page2 = readFileSync(new URL('./fixtures/gcp-compute-page2.json', import.meta.url), 'utf8');

function readChunked(pages: string[], size: number): GcpBillingImport {
  const r = gcpBillingReader('us-central1');
  for (const p of pages) {
    for (let i = 0; i < p.length; i += size) r.push(p.slice(i, i + size));
    r.endPage();
  }
  return r.end();
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('no error');
}

const byName = (r: GcpBillingImport) => new Map(r.instanceTypes.map((t) => [t.name, t]));

describe('GCP Cloud Billing Catalog SKUs', () => {
  it('reproduces the machine prices of pricing-2.md §6 from the E2 and N2 core and RAM rates', () => {
    const r = readGcpBilling([page1, page2], 'us-central1');
    expect(r.rates).toEqual({
      e2: { core: 0.021811, ram: 0.002923 },
      n2: { core: 0.031611, ram: 0.004237 },
      n2d: { core: 0.027502 },
    });
    const t = byName(r);
    expect(t.get('e2-medium')).toEqual({
      name: 'e2-medium',
      vcpu: 1,
      memoryGiB: 4,
      hourly: 0.033503,
      architecture: 'x86_64',
    });
    expect(t.get('e2-standard-2')?.hourly).toBe(0.067006);
    expect(t.get('e2-standard-4')?.hourly).toBe(0.134012);
    expect(t.get('n2-standard-2')?.hourly).toBe(0.097118);
    expect(t.get('n2-standard-4')?.hourly).toBe(0.194236);
    expect(t.get('n2-standard-8')?.hourly).toBe(0.388472);
    expect(t.get('n2-highmem-4')).toEqual({
      name: 'n2-highmem-4',
      vcpu: 4,
      memoryGiB: 32,
      hourly: 0.262028, // 4 × 0.031611 + 32 × 0.004237
      architecture: 'x86_64',
    });
    expect(r.kept).toBe(17 + 28); // e2: 3 shared-core + 14; n2: 28
  });

  it('leaves out a family with a core price and no RAM price, and says so', () => {
    const r = readGcpBilling([page1, page2], 'us-central1');
    expect(r.incomplete).toEqual(['n2d']);
    expect(r.instanceTypes.some((t) => t.name.startsWith('n2d-'))).toBe(false);
  });

  it('counts every SKU skipped under the first filter it fails, and lists a second price as a conflict', () => {
    const r = readGcpBilling([page1, page2], 'us-central1');
    expect(r.skus).toBe(17);
    expect(r.pages).toBe(2);
    expect(r.pagesWithNextToken).toBe(1);
    expect(r.skipped).toEqual({
      'other service': 1,
      'other region': 1,
      'not on-demand': 2,
      'not a machine core or RAM price': 1,
      'custom or sole-tenant': 1,
      'family not in the table': 1,
      'not per hour': 0,
      'not USD': 0,
      'same price again': 1,
      'Cloud Run SKU not read': 0,
    });
    expect(r.conflicts).toEqual([
      { name: 'e2 core', kept: 0.021811, other: 0.022, path: 'skus[11]', page: 1 },
    ]);
    expect(r.metadata).toEqual({ 'newest price': '2025-10-01' });
  });

  it('reads Cloud Run: per vCPU-second, GiB-second, idle vCPU-second, per million requests and the free grants', () => {
    expect(readGcpBilling([page1, page2], 'us-central1').cloudRun).toEqual({
      vcpuSecond: 0.000024,
      freeVcpuSeconds: 180_000,
      gibSecond: 0.0000025,
      freeGibSeconds: 360_000,
      idleVcpuSecond: 0.0000025,
      requestsPerMillion: 0.4,
      freeRequests: 2_000_000,
    });
  });

  it('gives the same result whatever the chunk size', () => {
    const whole = readGcpBilling([page1, page2], 'us-central1');
    for (const size of [1, 13, 4096]) expect(readChunked([page1, page2], size)).toEqual(whole);
  });

  it('reads money exactly: units + nanos / 1e9', () => {
    expect(gcpMoney('0', 21811000)).toBe(0.021811);
    expect(gcpMoney('1', 500000000)).toBe(1.5);
    expect(gcpMoney(2, undefined)).toBe(2);
    expect(gcpMoney(undefined, 400)).toBe(0.0000004);
    expect(gcpMoney('0.5', 0)).toBeUndefined();
    expect(gcpMoney('0', 1e9)).toBeUndefined();
    expect(gcpMoney('-1', 0)).toBeUndefined();
  });

  it('names the JSON path of an amount that is not one', () => {
    const bad = gcpPage(
      [{ description: 'E2 Instance Core running in Americas', tiers: [[0, 21811000, 'x']] }],
      '',
    );
    expect(thrown(() => readGcpBilling([bad], 'us-central1')).message).toBe(
      'skus[0].pricingInfo[0].pricingExpression.tieredRates[0].unitPrice: {"units":"x","nanos":21811000} is not an amount of money',
    );
  });

  it('refuses a file that is not a SKU list, and names the line of a syntax error', () => {
    expect(thrown(() => readGcpBilling(['{"services": []}'], 'us-central1')).message).toBe(
      '(top): no SKU in "skus": not a Cloud Billing Catalog SKU list (or an empty page)',
    );
    expect(thrown(() => readGcpBilling([page1.slice(0, 300)], 'us-central1')).message).toMatch(
      /^skus\[0\].*: the text ends .* \(line \d+\)$/,
    );
  });

  it('prices every shape of the table as vCPU × core + GiB × RAM', () => {
    const types = gcpMachineTypes('n2d', 0.027502, 0.003686);
    expect(types.find((t) => t.name === 'n2d-highcpu-224')).toEqual({
      name: 'n2d-highcpu-224',
      vcpu: 224,
      memoryGiB: 224,
      hourly: 6.986112, // 224 × (0.027502 + 0.003686)
      architecture: 'x86_64',
    });
    expect(gcpMachineTypes('c3', 1, 1)).toEqual([]);
  });
});

describe('Cloud Run prices in the files go into the catalog', () => {
  it('writes the request-based rates and free grant over a base whose serverless containers are Cloud Run', () => {
    const base = structuredClone(bundledCatalog('gcp-us-central1')!);
    // A base with older Cloud Run figures, so that what the files give shows.
    const req = base.containerService!.rates.request!;
    Object.assign(req, { vcpuSecond: 0.00003, gibSecond: 0.000003, requestsPerMillion: 0.5 });
    req.idle = { vcpuSecond: 0.000003, gibSecond: 0.0000025 };
    req.freeGrant = { vcpuSeconds: 1, gibSeconds: 1, requests: 1 };
    const out = catalogFromGcpBilling(base, readGcpBilling([page1, page2], 'us-central1'), {
      region: 'us-central1',
      fileNames: ['p1.json', 'p2.json'],
    });
    expect(out.catalog.containerService!.rates.request).toEqual({
      vcpuSecond: 0.000024,
      gibSecond: 0.0000025,
      idle: { vcpuSecond: 0.0000025, gibSecond: 0.0000025 },
      requestsPerMillion: 0.4,
      freeGrant: { vcpuSeconds: 180_000, gibSeconds: 360_000, requests: 2_000_000 },
    });
    expect(out.catalog.sources[0]).toContain('Cloud Run request-based rates written');
    // The instance-based rates have no SKUs in the files: the base's stay.
    expect(out.catalog.containerService!.rates.instance).toEqual(base.containerService!.rates.instance);
  });

  it('leaves a base without Cloud Run alone (the rates are only listed in the sources)', () => {
    const base = structuredClone(bundledCatalog('aws-us-east-1')!);
    const out = catalogFromGcpBilling(base, readGcpBilling([page1, page2], 'us-central1'), {
      region: 'us-central1',
      fileNames: ['p1.json'],
    });
    expect(out.catalog.containerService).toBeUndefined();
    expect(out.catalog.sources[0]).toContain('Cloud Run in the files (not in this catalog');
  });
});
