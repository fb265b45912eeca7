import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../model/index.ts';
import { parsePlanText } from '../plan/index.ts';
import { BUNDLED_CATALOGS } from '../catalog/index.ts';
import { cliWorld } from './test-world.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../catalog/import/fixtures/${name}`, import.meta.url), 'utf8');
const azure1 = fixture('azure-eastus-page1.json');
const azure2 = fixture('azure-eastus-page2.json');
const gcp1 = fixture('gcp-compute-page1.json');
const gcp2 = fixture('gcp-compute-page2.json');
const foodDelivery = readFileSync(new URL('../../examples/food-delivery.json', import.meta.url), 'utf8');

interface Written {
  id: string;
  asOf: string;
  sources: string[];
  instanceTypes: { name: string; vcpu: number; memoryGiB: number; hourly: number }[];
  serverless: { requestsPerMillion: number; freeTier: { requests: number; gbSeconds: number } };
}

describe('headroom catalog import --from azure-retail', () => {
  it('reads the pages, writes a catalog and prints kept, skipped by reason, unknown sizes and conflicts', async () => {
    const { exec, written } = cliWorld({ 'p1.json': azure1, 'p2.json': azure2 });
    const r = await exec(
      ...['catalog', 'import', 'p1.json', 'p2.json', '--from', 'azure-retail', '--region', 'eastus'],
      ...['--base', 'aws-us-east-1', '--out', 'cat.json'],
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const base = BUNDLED_CATALOGS.get('aws-us-east-1')!;
    expect(r.stdout).toBe(
      [
        '2 files: Azure Retail Prices API, 2 pages, 23 items (currency USD, Retail); newest price kept from 2025-10-01.',
        'Kept: 6 VM sizes of eastus (Linux, pay-as-you-go, per hour, primary meter region, USD).',
        'Skipped items, by reason:',
        '  other service: 1',
        '  other region: 1',
        '  not Consumption: 2',
        '  not USD: 1',
        '  Windows: 1',
        '  Spot or Low Priority: 2',
        '  not the primary meter region: 1',
        '  size unknown: 1',
        '  same size again: 2',
        '  Functions meter not read: 1',
        'Sizes skipped, vCPU and memory unknown (not in aws-us-east-1, not a size of Dsv5, Dasv5, Ev5, Fsv2, B-series (v1)): Standard_NC6s_v3',
        'Sizes with more than one price (the later effectiveStartDate kept):',
        '  Standard_D4s_v5: $0.2 kept, $0.192 at Items[7] of page 2',
        'Azure Functions Consumption: $0.2 per million executions, $0.000016 per GB-second; free each month: 1000000 executions, 400000 GB-seconds.',
        `Catalog azure-eastus-retail-prices-2025-10-01: ${base.instanceTypes.length + 6} instance types (6 new, ${base.instanceTypes.length} from aws-us-east-1 not in the files).`,
        'Price changes against aws-us-east-1: none.',
        'Function price changes against aws-us-east-1:',
        `  GB-second tiers, x86_64: ${JSON.stringify(base.serverless.gbSecond.x86_64)} → [{"upTo":null,"price":0.000016}]`,
        `  GB-second tiers, arm64: ${JSON.stringify(base.serverless.gbSecond.arm64)} → [{"upTo":null,"price":0.000016}]`,
        "Note: every price other than the files' (and the instance types not in them) is aws-us-east-1's, not eastus's.",
        'Wrote cat.json.',
        '',
      ].join('\n'),
    );
    const catalog = JSON.parse(written['cat.json']!) as Written;
    expect(catalog.id).toBe('azure-eastus-retail-prices-2025-10-01');
    expect(catalog.asOf).toBe('2025-10-01');
    expect(catalog.sources[0]).toMatch(
      /^Azure Retail Prices API responses "p1.json", "p2.json" \(2 pages, 23 items/,
    );
    expect(catalog.sources[1]).toMatch(/^Everything else from catalog "aws-us-east-1"/);
    expect(catalog.instanceTypes.find((t) => t.name === 'Standard_D2s_v5')).toMatchObject({
      vcpu: 2,
      memoryGiB: 8,
      hourly: 0.096,
    });
  });

  it('gives a catalog a plan carries inline, costed at the imported VM price', async () => {
    const { exec, written } = cliWorld({ 'p1.json': azure1, 'p2.json': azure2 });
    await exec(
      ...['catalog', 'import', 'p1.json', 'p2.json', '--from', 'azure-retail', '--region', 'eastus'],
      ...['--base', 'aws-us-east-1', '--out', 'cat.json'],
    );
    const plan = JSON.parse(foodDelivery) as Record<string, unknown>;
    plan.catalog = JSON.parse(written['cat.json']!) as unknown;
    const parsed = parsePlanText(JSON.stringify(plan));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
    expect(parsed.plan.catalog.instanceTypes.find((t) => t.name === 'Standard_B2s')?.hourly).toBe(0.0416);
    expect(evaluate(parsed.plan).strategies.length).toBeGreaterThan(0);
  });

  it('names the file and JSON path of a bad value, and writes nothing', async () => {
    const bad = azure2.replace('"retailPrice": 0.0416', '"retailPrice": "cheap"');
    const { exec, written } = cliWorld({ 'p1.json': azure1, 'p2.json': bad });
    const r = await exec(
      ...['catalog', 'import', 'p1.json', 'p2.json', '--from', 'azure-retail', '--region', 'eastus'],
      ...['--base', 'aws-us-east-1', '--out', 'cat.json'],
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('p2.json: Items[0].retailPrice: "cheap" is not a price\n');
    expect(written['cat.json']).toBeUndefined();
  });

  it('refuses a region with nothing kept, saying what was skipped', async () => {
    const { exec } = cliWorld({ 'p1.json': azure1 });
    const r = await exec(
      ...['catalog', 'import', 'p1.json', '--from', 'azure-retail', '--region', 'northeurope'],
      ...['--base', 'aws-us-east-1'],
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('  other region: 8\n');
    expect(r.stderr).toContain('Warning: every page read has a NextPageLink');
    expect(r.stderr.endsWith('No VM size of region northeurope kept: nothing written.\n')).toBe(true);
  });

  it('builds on the bundled azure-eastus catalog when no --base is given', async () => {
    const { exec, written } = cliWorld({ 'p1.json': azure1 });
    const r = await exec(
      ...['catalog', 'import', 'p1.json', '--from', 'azure-retail', '--region', 'eastus', '--out', 'c.json'],
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const catalog = JSON.parse(written['c.json']!) as { provider?: string; kubernetes: unknown };
    // What the price list does not carry (AKS, Container Apps, the cloud's words) comes from azure-eastus.
    expect(catalog.provider).toBe('azure');
    expect(catalog.kubernetes).toEqual(BUNDLED_CATALOGS.get('azure-eastus')!.kubernetes);
  });
});

describe('headroom catalog import --from gcp-billing', () => {
  it('prices the machine types from the core and RAM rates and prints what it read', async () => {
    const { exec, written } = cliWorld({ 'p1.json': gcp1, 'p2.json': gcp2 });
    const r = await exec(
      ...['catalog', 'import', 'p1.json', 'p2.json', '--from', 'gcp-billing', '--region', 'us-central1'],
      ...['--base', 'aws-us-east-1', '--out', 'cat.json'],
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '2 files: GCP Cloud Billing Catalog, 2 pages, 17 SKUs; newest price from 2025-10-01.',
      'Compute Engine on-demand rates of us-central1:',
      '  e2: $0.021811 per vCPU-hour, $0.002923 per GiB-hour',
      '  n2: $0.031611 per vCPU-hour, $0.004237 per GiB-hour',
      '  n2d: $0.027502 per vCPU-hour, no RAM price',
      'Kept: 45 machine types (vCPU × core + GiB × RAM).',
    ]);
    expect(r.stdout).toContain('Families without both a core and a RAM price (no machine type): n2d.\n');
    expect(r.stdout).toContain('  e2 core: $0.021811 kept, $0.022 at skus[11] of page 1\n');
    expect(r.stdout).toContain(
      'Cloud Run (shown, not written: this catalog has no Cloud Run prices): vcpuSecond 0.000024, freeVcpuSeconds 180000, gibSecond 0.0000025, freeGibSeconds 360000, idleVcpuSecond 0.0000025, requestsPerMillion 0.4, freeRequests 2000000.\n',
    );
    const catalog = JSON.parse(written['cat.json']!) as Written;
    expect(catalog.id).toBe('gcp-us-central1-billing-catalog-2025-10-01');
    expect(catalog.instanceTypes.find((t) => t.name === 'e2-standard-2')?.hourly).toBe(0.067006);
    expect(catalog.sources[0]).toMatch(/e2 \$0.021811 per vCPU-hour \+ \$0.002923 per GiB-hour/);
  });

  it('names the JSON path of an amount that is not money', async () => {
    const bad = gcp1.replace('"nanos": 21811000', '"nanos": 2181100000');
    const { exec } = cliWorld({ 'p1.json': bad });
    const r = await exec(
      ...['catalog', 'import', 'p1.json', '--from', 'gcp-billing', '--region', 'us-central1'],
      ...['--base', 'aws-us-east-1'],
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'p1.json: skus[0].pricingInfo[0].pricingExpression.tieredRates[0].unitPrice: {"units":"0","nanos":2181100000} is not an amount of money\n',
    );
  });

  it('refuses a bad command line with the usage', async () => {
    const { exec } = cliWorld({ 'p1.json': gcp1 });
    for (const [args, first] of [
      [
        ['catalog', 'import', '--from', 'gcp-billing', '--region', 'us-central1'],
        'catalog import takes one or more price list files (the saved pages), got 0',
      ],
      [
        ['catalog', 'import', 'p1.json', '--from', 'gcp-billing', '--region', 'us-east-1'],
        '--region "us-east-1" is not a GCP region such as us-central1',
      ],
      [
        ['catalog', 'import', 'p1.json', '--from', 'azure-retail', '--region', 'East US'],
        '--region "East US" is not an Azure region (armRegionName) such as eastus',
      ],
      [
        [
          'catalog',
          'import',
          'p1.json',
          '--from',
          'gcp-billing',
          '--region',
          'us-central1',
          '--lambda',
          'l.json',
        ],
        '--lambda reads the AWS Lambda offer file: only with --from aws-price-list',
      ],
      [
        ['catalog', 'import', 'a', 'b', '--from', 'aws-price-list', '--region', 'us-east-1'],
        'catalog import takes one price list file, got 2',
      ],
    ] as const) {
      const r = await exec(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(first);
    }
  });
});
