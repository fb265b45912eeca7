import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../model/index.ts';
import { parsePlanText } from '../plan/index.ts';
import { ec2CsvPreamble, ec2CsvRow } from '../catalog/import/aws-fixture.ts';
import { cliWorld } from './test-world.ts';

const fixture = readFileSync(
  new URL('../catalog/import/fixtures/ec2-us-east-1.csv', import.meta.url),
  'utf8',
);
const fixtureJson = readFileSync(
  new URL('../catalog/import/fixtures/ec2-us-east-1.json', import.meta.url),
  'utf8',
);
const lambdaJson = readFileSync(
  new URL('../catalog/import/fixtures/lambda-us-east-1.json', import.meta.url),
  'utf8',
);
const foodDelivery = readFileSync(new URL('../../examples/food-delivery.json', import.meta.url), 'utf8');

describe('headroom catalog import', () => {
  it('writes a catalog and prints found, kept, skipped by reason and price changes against the base', async () => {
    const { exec, written } = cliWorld({ 'ec2.csv': fixture });
    const r = await exec(
      'catalog',
      'import',
      'ec2.csv',
      '--from',
      'aws-price-list',
      '--region',
      'us-east-1',
      '--out',
      'cat.json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'ec2.csv: AWS price list (CSV) AmazonEC2 version 20251001000000, published 2025-10-01T00:00:00Z',
        'Rows read: 15. Kept: 6 instance types of us-east-1.',
        'Skipped rows, by reason:',
        '  not an instance: 1',
        '  other region: 1',
        '  not on-demand: 1',
        '  not Linux: 2',
        '  not shared tenancy: 1',
        '  pre-installed software: 1',
        '  capacity status not Used: 2',
        'Catalog aws-us-east-1-price-list-2025-10-01: 24 instance types (3 new, 18 from aws-us-east-1 not in the file).',
        'Price changes against aws-us-east-1 (per hour):',
        '  c6i.xlarge: $0.17 → $0.153 (-10.0%)',
        'Wrote cat.json.',
        '',
      ].join('\n'),
    );
    const catalog = JSON.parse(written['cat.json']!) as {
      id: string;
      sources: string[];
      instanceTypes: { name: string; hourly: number }[];
    };
    expect(catalog.id).toBe('aws-us-east-1-price-list-2025-10-01');
    expect(catalog.sources[0]).toMatch(
      /^AWS Price List bulk file "ec2.csv" \(AmazonEC2 version 20251001000000/,
    );
    expect(catalog.sources[1]).toMatch(
      /^Everything else from catalog "aws-us-east-1" \(as of 2025-10-01\): 18 instance types/,
    );
    expect(catalog.instanceTypes.find((t) => t.name === 'c7i.large')?.hourly).toBe(0.08925);
  });

  it('gives a catalog a plan carries inline: the plan parses, and the imported price is the one it is costed with', async () => {
    const { exec, written } = cliWorld({ 'ec2.csv': fixture });
    expect(
      (
        await exec(
          'catalog',
          'import',
          'ec2.csv',
          '--from=aws-price-list',
          '--region=us-east-1',
          '--out=cat.json',
        )
      ).code,
    ).toBe(0);
    const plan = JSON.parse(foodDelivery) as Record<string, unknown>;
    plan.catalog = JSON.parse(written['cat.json']!);
    const parsed = parsePlanText(JSON.stringify(plan));
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(parsed.plan.catalog.instanceTypes.find((t) => t.name === 'c6i.xlarge')?.hourly).toBe(0.153);
    expect(evaluate(parsed.plan).strategies.length).toBeGreaterThan(0);
  });

  it('reads the JSON offer file too, to the same catalog, and names the JSON path of a bad value', async () => {
    const bad = fixtureJson.replace('"vcpu": "2"', '"vcpu": "two"');
    const { exec, written } = cliWorld({ 'ec2.json': fixtureJson, 'ec2.csv': fixture, 'bad.json': bad });
    const r = await exec(
      'catalog',
      'import',
      'ec2.json',
      '--from',
      'aws-price-list',
      '--region',
      'us-east-1',
      '--out',
      'j.json',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ec2.json: AWS price list (JSON) AmazonEC2 version 20251001000000');
    expect(r.stdout).toContain('Products read: 14. Kept: 6 instance types of us-east-1.');
    await exec(
      'catalog',
      'import',
      'ec2.csv',
      '--from',
      'aws-price-list',
      '--region',
      'us-east-1',
      '--out',
      'c.json',
    );
    const strip = (t: string) => ({ ...(JSON.parse(t) as Record<string, unknown>), sources: [] });
    expect(strip(written['j.json']!)).toEqual(strip(written['c.json']!));
    expect(
      await exec('catalog', 'import', 'bad.json', '--from', 'aws-price-list', '--region', 'us-east-1'),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bad.json: products.SKU0000000000001.attributes.vcpu: "two" is not a vCPU count\n',
    });
  });

  it('--lambda reads the Lambda offer file: its prices replace the base’s, said in sources and the summary', async () => {
    const dearer = lambdaJson.replace('"USD": "0.0000041667"', '"USD": "0.0000045"');
    const { exec, written } = cliWorld({
      'ec2.csv': fixture,
      'lambda.json': dearer,
      'bad.json': '{"offerCode": "AWSLambda", ',
    });
    const r = await exec(
      'catalog',
      'import',
      'ec2.csv',
      '--from',
      'aws-price-list',
      '--region',
      'us-east-1',
      '--lambda',
      'lambda.json',
      '--out',
      'cat.json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'lambda.json: AWS Lambda price list, 11 products (skipped: not Lambda 1, other region 1, free tier 1); read: requestsPerMillion, gbSecond, provisionedConcurrencyGbSecond, provisionedDurationGbSecond.\n' +
        'Lambda price changes against aws-us-east-1:\n  provisioned concurrency per GB-second, x86_64: 0.0000041667 → 0.0000045\n',
    );
    const catalog = JSON.parse(written['cat.json']!) as {
      sources: string[];
      serverless: { provisionedConcurrencyGbSecond: { x86_64: number } };
    };
    expect(catalog.serverless.provisionedConcurrencyGbSecond.x86_64).toBe(0.0000045);
    expect(catalog.sources[1]).toMatch(
      /^AWS Price List bulk file "lambda.json" \(AWSLambda version 20251001000000/,
    );
    const bad = await exec(
      'catalog',
      'import',
      'ec2.csv',
      '--from',
      'aws-price-list',
      '--region',
      'us-east-1',
      '--lambda',
      'bad.json',
    );
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bad.json: (top): the text ends before the document does (line 1)\n',
    });
  });

  it('prints the catalog on standard output and the summary on standard error without --out', async () => {
    const { exec } = cliWorld({ 'ec2.csv': fixture });
    const r = await exec('catalog', 'import', 'ec2.csv', '--from', 'aws-price-list', '--region', 'eu-west-1');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'aws-eu-west-1-price-list-2025-10-01' });
    expect(r.stderr).toContain('  m6i.large: $0.096 → $0.107 (+11.5%)');
    expect(r.stderr).toContain("the 20 instance types not in the file are aws-us-east-1's, not eu-west-1's.");
  });

  it('names the line of a bad value, and refuses a file with nothing of the region', async () => {
    const bad =
      ec2CsvPreamble() +
      ec2CsvRow({ 'Instance Type': 'm6i.large', vCPU: 'two', Memory: '8 GiB', PricePerUnit: '0.096' });
    const { exec } = cliWorld({ 'bad.csv': bad, 'ec2.csv': fixture });
    expect(
      await exec('catalog', 'import', 'bad.csv', '--from', 'aws-price-list', '--region', 'us-east-1'),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bad.csv: line 7: column "vCPU" of "m6i.large": "two" is not a vCPU count\n',
    });
    const none = await exec(
      'catalog',
      'import',
      'ec2.csv',
      '--from',
      'aws-price-list',
      '--region',
      'ap-south-1',
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'ec2.csv: no instance type of region ap-south-1 kept (15 rows read; skipped: not an instance 1, other region 14)\n',
    );
  });

  it('refuses a bad command line with the usage', async () => {
    const { exec } = cliWorld({ 'ec2.csv': fixture });
    for (const [args, first] of [
      [['catalog'], 'catalog needs a subcommand: import'],
      [
        ['catalog', 'import', 'ec2.csv', '--region', 'us-east-1'],
        'catalog import needs --from (aws-price-list, azure-retail, gcp-billing)',
      ],
      [
        ['catalog', 'import', 'ec2.csv', '--from', 'oracle', '--region', 'eastus'],
        '--from must be aws-price-list, azure-retail, gcp-billing, not "oracle"',
      ],
      [
        ['catalog', 'import', 'ec2.csv', '--from', 'aws-price-list'],
        'catalog import needs --region, e.g. --region us-east-1',
      ],
      [
        [
          'catalog',
          'import',
          'ec2.csv',
          '--from',
          'aws-price-list',
          '--region',
          'us-east-1',
          '--base',
          'nope',
        ],
        '--base "nope" is not a bundled catalog (bundled: aws-us-east-1, aws-us-east-1@2025-10, aws-us-east-1@2026-11, gcp-us-central1, azure-eastus)',
      ],
      [
        ['catalog', 'import', '--from', 'aws-price-list', '--region', 'us-east-1'],
        'catalog import takes one price list file, got 0',
      ],
    ] as const) {
      const r = await exec(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe(first);
    }
  });
});
