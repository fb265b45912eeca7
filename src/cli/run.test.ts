import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { evaluate, forecast, STRATEGY_IDS, type Report } from '../model/index.ts';
import { parsePlanText, planJsonSchemaText } from '../plan/index.ts';
import { fileSize, readFileCapped } from './fs.ts';
import { HELP, run } from './run.ts';
import { cliWorld } from './test-world.ts';

const FOOD = readFileSync('examples/food-delivery.json', 'utf8');
/** The clock every in-memory run sees: 30 November 2026, so the default forecast starts in December 2026. */
const NOW = new Date(2026, 10, 30, 10, 0);

/** An in-memory world for run(): files by path, captured output. */
const world = (files: Record<string, string> = {}) => cliWorld(files, NOW);

const plan = () => {
  const r = parsePlanText(FOOD);
  if (!r.ok) throw new Error('example invalid');
  return r.plan;
};

describe('plan format versions 1 and 2 (issue 10 §1)', () => {
  const EQUAL = readFileSync('examples/equal-terms.json', 'utf8');
  const { exec } = world({
    'food.json': FOOD,
    'equal.json': EQUAL,
    'v1-with-v2-field.json': JSON.stringify({ ...JSON.parse(FOOD), resilience: { zones: 2 } }),
  });

  it('a version 1 example gives its published figures (food delivery on shared hosts: $840.96)', async () => {
    const r = await exec('report', 'food.json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Report;
    expect(json.strategies.find((s) => s.id === 'shared-host')!.monthlyCost).toBeCloseTo(840.96, 2);
    expect((await exec('report', 'food.json', '--format', 'table')).stdout).toContain('840.96');
  });

  it('the version 2 example evaluates, as evaluate() does, in every format', async () => {
    const r = parsePlanText(EQUAL);
    if (!r.ok) throw new Error('equal-terms.json must be valid');
    const json = await exec('report', 'equal.json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(evaluate(r.plan))));
    for (const format of ['csv', 'table']) {
      const out = await exec('report', 'equal.json', '--format', format);
      expect([out.code, out.stderr], format).toEqual([0, '']);
    }
    expect((await exec('validate', 'equal.json')).code).toBe(0);
  });

  it('a version 1 file that uses what version 2 added is refused at that field', async () => {
    const r = await exec('validate', 'v1-with-v2-field.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('resilience: needs "version": 2 (this file is version 1)');
  });

  it('schema prints the version 2 schema, which takes either version', async () => {
    const schema = JSON.parse((await exec('schema')).stdout) as {
      title: string;
      properties: { version: { enum?: number[] } };
    };
    expect(schema.title).toBe('Headroom plan file, version 2');
    expect(schema.properties.version.enum).toEqual([1, 2]);
  });
});

describe('headroom report', () => {
  const { exec, written } = world({
    'food.json': FOOD,
    'bad.json': '{"format": "headroom-plan", "version": 1,',
  });

  it('prints the engine report as JSON by default, exactly as evaluate() returns it', async () => {
    const r = await exec('report', 'food.json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as Report & { forecast?: unknown };
    expect(json).toEqual(JSON.parse(JSON.stringify(evaluate(plan()))));
    expect(json.strategies.map((s) => s.id)).toEqual(STRATEGY_IDS);
    expect(json).not.toHaveProperty('forecast');
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['plan', 'currency', 'hoursPerMonth', 'catalog', 'strategies']),
    );
    for (const s of json.strategies) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining([
          'id',
          'name',
          'scaling',
          'notIncluded',
          'monthlyCost',
          'utilization',
          'capacity',
          'lineItems',
          'services',
          'warnings',
          'week',
        ]),
      );
    }
  });

  it('adds the forecast with --months N', async () => {
    const r = await exec('report', 'food.json', '--months', '12');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { forecast: unknown };
    expect(json.forecast).toEqual(
      JSON.parse(JSON.stringify(forecast(plan(), { months: 12, start: '2026-12' }))),
    );
    expect((await exec('report', 'food.json', '--months=3')).code).toBe(0);
  });

  it('writes CSV whose cost column sums to each monthlyCost', async () => {
    const r = await exec('report', 'food.json', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = Papa.parse<string[]>(r.stdout.trimEnd(), { delimiter: ',', newline: '\r\n' }).data;
    expect(rows[0]).toEqual([
      'strategy',
      'strategy_name',
      'service',
      'component',
      'unit',
      'quantity',
      'unit_price',
      'cost',
      'currency',
    ]);
    for (const s of evaluate(plan()).strategies) {
      const sum = rows.filter((x) => x[0] === s.id).reduce((a, x) => a + Number(x[7]), 0);
      expect(Math.round(sum * 100) / 100).toBe(s.monthlyCost);
    }
  });

  it('writes the cost-per-service table with --table services', async () => {
    const r = await exec('report', 'food.json', '--format', 'csv', '--table', 'services');
    expect(r.code).toBe(0);
    const rows = Papa.parse<string[]>(r.stdout.trimEnd(), { delimiter: ',', newline: '\r\n' }).data;
    expect(rows[0]).toEqual(['service', ...STRATEGY_IDS]);
    expect(rows).toHaveLength(8);
    expect(rows.find((x) => x[0] === 'accounting')?.[4]).toBe('');
  });

  it('writes files for spreadsheets (BOM and # block) and standard output plain, either way on request', async () => {
    await exec('report', 'food.json', '--format', 'csv', '--out', 'a.csv');
    const file = written['a.csv']!;
    expect(file.startsWith('\uFEFF# headroom,line items\r\n# plan,Food delivery platform\r\n')).toBe(true);
    expect(file).toContain(`# generated at,${NOW.toISOString()}\r\n`);
    // Papaparse with comments: '#' reads the same table as the plain output.
    const plain = (await exec('report', 'food.json', '--format', 'csv')).stdout;
    expect(plain.startsWith('strategy,')).toBe(true);
    const read = (t: string) =>
      Papa.parse<string[]>(t, { delimiter: ',', newline: '\r\n', comments: '#' }).data;
    expect(read(file)).toEqual(read(plain));
    await exec('report', 'food.json', '--format', 'csv', '--out', 'b.csv', '--csv-style', 'plain');
    expect(written['b.csv']).toBe(plain);
    const styled = await exec(
      'forecast',
      'food.json',
      '--months',
      '3',
      '--format',
      'csv',
      '--csv-style=spreadsheet',
    );
    expect(styled.stdout.startsWith('\uFEFF# headroom,forecast\r\n')).toBe(true);
  });

  it('states in every format that a total is incomplete, and each strategy’s scaling and what it leaves out', async () => {
    const json = JSON.parse((await exec('report', 'food.json')).stdout) as Report;
    const lambda = json.strategies.find((s) => s.id === 'serverless')!;
    expect(lambda.scaling).toEqual({ mode: 'per-request', aheadHours: 0 });
    expect(lambda.notIncluded).toContain('data transfer between zones and to the internet');
    expect(lambda.services.find((s) => s.service === 'accounting')!.included).toBe(false);
    const table = (await exec('report', 'food.json', '--format', 'table')).stdout;
    expect(table).toMatch(/^Serverless \(Lambda\)\s+[\d,.]+ USD \(incomplete\)\s+Per request/m);
    expect(table).toContain('Serverless (Lambda) leaves out 1 service (accounting)');
    expect(table).toContain('Not included in the totals');
    const csv = (await exec('report', 'food.json', '--format', 'csv', '--csv-style', 'spreadsheet')).stdout;
    expect(csv).toMatch(
      /\r\n# total per month,serverless,Serverless \(Lambda\),[\d.]+,incomplete: leaves out 1 service \(accounting\)\r\n/,
    );
    expect(csv).toContain('\r\n# scaling,container-cluster,hourly,0,"Hourly, no scale-ahead"\r\n');
    expect(csv).toMatch(/\r\n# not included,serverless,/);
    const f = (
      await exec('forecast', 'food.json', '--months', '2', '--format', 'csv', '--csv-style', 'spreadsheet')
    ).stdout;
    expect(f).toContain(
      '\r\n# incomplete,serverless,Serverless (Lambda),leaves out 1 service (accounting)\r\n',
    );
  });

  it('prints a table, with the forecast when asked', async () => {
    const r = await exec('report', 'food.json', '--format=table', '--months', '6');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Food delivery platform');
    expect(r.stdout).toContain('Serverless (Lambda)');
    expect(r.stdout).toMatch(/^2027-05\s/m);
    expect(r.stdout).toContain(
      'Months from 2026-12, the month after today (choose another with --start YYYY-MM).',
    );
  });

  it('writes --out instead of printing', async () => {
    const r = await exec('report', 'food.json', '--format', 'csv', '--out', 'out/report.csv');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(written['out/report.csv']).toMatch(/^\uFEFF# headroom,line items\r\n/);
    const bad = await exec('report', 'food.json', '--out', '/readonly/x.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('/readonly/x.json: cannot write the file (permission denied)\n');
  });

  it('treats --out - as standard output (no file named "-")', async () => {
    const r = await exec('report', 'food.json', '--format', 'csv', '--out', '-');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^strategy,strategy_name,service,/);
    expect(written).not.toHaveProperty('-');
    const s = await exec('schema', '--out=-');
    expect(s.stdout).toBe(planJsonSchemaText());
  });

  it('reports JSON syntax errors with line and column, exit 2, nothing on stdout', async () => {
    const r = await exec('report', 'bad.json');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'line 1, column 42: not valid JSON: the file ends where a field name was expected\n',
    });
  });

  it('lists every problem of an invalid plan as path: message', async () => {
    const broken = JSON.parse(FOOD) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    broken.services[2].trafficRps[30] = -5;
    broken.services[0].colour = 'red';
    broken.strategies.sharedHost.instanceType = 'm9.huge';
    const { exec: e2 } = world({ 'p.json': JSON.stringify(broken) });
    const r = await e2('report', 'p.json', '--format', 'table');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual(
      [
        'services[2].trafficRps[30]: must be a number >= 0',
        'services[0].colour: unknown field',
        'strategies.sharedHost.instanceType: "m9.huge" is not in catalog "aws-us-east-1"',
      ].sort(),
    );
  });

  it.each([
    [['report'], 'report needs a plan file: headroom report <plan.json>'],
    [['report', 'a.json', 'b.json'], 'report takes one plan file, got 2 arguments'],
    [['report', 'food.json', '--format', 'xml'], '--format must be json, csv, table, html or md, not "xml"'],
    [['report', 'food.json', '--months', '0'], '--months must be a whole number from 1 to 120, not "0"'],
    [['report', 'food.json', '--months', '121'], '--months must be a whole number from 1 to 120, not "121"'],
    [['report', 'food.json', '--months', '1.5'], '--months must be a whole number from 1 to 120, not "1.5"'],
    [['report', 'food.json', '--months'], '--months needs a value'],
    [
      ['report', 'food.json', '--format', 'csv', '--months', '3'],
      '--months works with --format json, table, html or md; for a forecast CSV run "headroom forecast --format csv"',
    ],
    [['report', 'food.json', '--format', 'csv', '--format', 'json'], '--format given twice'],
    [['report', 'food.json', '--colour'], 'unknown option "--colour" for this command'],
    [['validate', 'food.json', '--format', 'csv'], 'unknown option "--format" for this command'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['forecast', 'food.json'], 'forecast needs --months N (1 to 120)'],
    [
      ['forecast', 'food.json', '--months', '3', '--start', '2027-13'],
      '--start must be a month as YYYY-MM (e.g. 2027-01), not "2027-13"',
    ],
    [['report', 'food.json', '--start', '2027-01'], '--start needs --months N'],
    [
      ['report', 'food.json', '--table', 'services'],
      '--table works with --format csv (the table and JSON formats hold every table)',
    ],
    [
      ['report', 'food.json', '--format', 'csv', '--table', 'x'],
      '--table must be line-items or services, not "x"',
    ],
    [['report', 'food.json', '--csv-style', 'plain'], '--csv-style works with --format csv'],
    [['schema', 'x'], 'schema takes no arguments'],
  ])('usage error %j → exit 2', async (argv, message) => {
    const r = await exec(...argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\nRun "headroom help" for usage.\n` });
  });

  it("says when the file is not text, in the shared decoder's words", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-run-'));
    writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0x0a, 0xe9, 0x7d]));
    const err: string[] = [];
    const code = await run(['validate', join(dir, 'latin1.json')], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      fileSize,
      readFile: (p, max) => readFileCapped(p, max),
      writeFile: async () => undefined,
      now: () => NOW,
      version: '9.9.9',
    });
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      `${join(dir, 'latin1.json')}: is not UTF-8 text: the byte 0xE9 at offset 2 (line 2) is not valid UTF-8; save the file as UTF-8\n`,
    );
  });

  it('escapes control and bidi characters from the plan in the table and in the problems it lists', async () => {
    const doc = JSON.parse(FOOD) as { services: { name: string }[] } & Record<string, unknown>;
    doc.services[0]!.name = 'api\u001b[2J\u202egpj.exe';
    const hostile = world({
      'named.json': JSON.stringify(doc),
      'keyed.json': JSON.stringify({ ...doc, 'x\u202e\u2066\u009b': 1 }),
    });
    const raw = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
    const lines = (t: string) => t.replace(/\n/g, '');
    const table = await hostile.exec('report', 'named.json', '--format', 'table');
    expect(table.code).toBe(0);
    expect(lines(table.stdout)).not.toMatch(raw);
    expect(table.stdout).toContain('api\\u001B[2J\\u202Egpj.exe');
    const keyed = await hostile.exec('validate', 'keyed.json');
    expect(keyed.code).toBe(2);
    expect(lines(keyed.stderr)).not.toMatch(raw);
    expect(keyed.stderr).toContain('\\u202E');
  });

  it('says when the file cannot be read', async () => {
    const r = await exec('report', 'missing.json');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'missing.json: cannot read the file (no such file)\n' });
  });
});

describe('other commands', () => {
  const { exec } = world({ 'food.json': FOOD, 'big.json': ' '.repeat(33 * 1024 * 1024) });

  it('validate prints one line on success', async () => {
    expect(await exec('validate', 'food.json')).toEqual({
      code: 0,
      stdout: 'food.json: valid plan "Food delivery platform" (7 services, catalog aws-us-east-1)\n',
      stderr: '',
    });
  });

  it('refuses a file over the size cap before reading it', async () => {
    expect(await exec('validate', 'big.json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'big.json: the file is larger than 32 MiB\n',
    });
  });

  it('forecast prints months as JSON, CSV or a table', async () => {
    const j = await exec('forecast', 'food.json', '--months', '4');
    const json = JSON.parse(j.stdout) as { start: string; months: unknown[]; leadChanges: unknown[] };
    expect(json.months).toHaveLength(4);
    expect(json.start).toBe('2026-12');
    const c = await exec('forecast', 'food.json', '--months', '4', '--format', 'csv');
    expect(c.stdout.split('\r\n')[0]).toBe(
      'month,calendar_month,shared-host,vm-per-service,container-cluster,serverless,serverless-containers,' +
        'shared-host_cumulative,vm-per-service_cumulative,container-cluster_cumulative,serverless_cumulative,' +
        'serverless-containers_cumulative,leader',
    );
    expect(c.stdout.split('\r\n')[1]).toMatch(/^1,2026-12,/);
    expect(c.stdout.split('\r\n')).toHaveLength(6);
    const t = await exec('forecast', 'food.json', '--months', '4', '--format', 'table');
    expect(t.stdout).toContain('Forecast: 4 months from 2026-12 to 2027-03');
    expect(t.stdout).toContain('the month after today');
    expect(t.stdout).not.toContain('Cost per service');
  });

  it('forecast --months 24 --start 2027-01: calendar months, yearly totals, from when which strategy is cheapest', async () => {
    const t = await exec(
      'forecast',
      'food.json',
      '--months',
      '24',
      '--start',
      '2027-01',
      '--format',
      'table',
    );
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Forecast: 24 months from 2027-01 to 2028-12');
    expect(t.stdout).toMatch(/^2028-12\s/m);
    expect(t.stdout).toMatch(/^Year 1\s/m);
    expect(t.stdout).toMatch(/^Year 2\s/m);
    expect(t.stdout).toMatch(/^All 24 months\s/m);
    expect(t.stdout).toContain('- from 2027-01: Serverless containers (Fargate)');
    expect(t.stdout).not.toContain('the month after today');
    const f = forecast(plan(), { months: 24, start: '2027-01' });
    const j = JSON.parse(
      (await exec('forecast', 'food.json', '--months=24', '--start=2027-01')).stdout,
    ) as unknown;
    expect(j).toEqual(JSON.parse(JSON.stringify(f)));
  });

  it('schema prints docs/plan.schema.json', async () => {
    expect((await exec('schema')).stdout).toBe(planJsonSchemaText());
  });

  it('help, --help and --version', async () => {
    expect(await exec('--help')).toEqual({ code: 0, stdout: HELP, stderr: '' });
    expect((await exec('help')).stdout).toBe(HELP);
    expect(await exec('--version')).toEqual({ code: 0, stdout: 'headroom 9.9.9\n', stderr: '' });
    expect(await exec()).toEqual({ code: 2, stdout: '', stderr: HELP });
  });
});

describe('any command line (property)', () => {
  it('exits 0 or 2, never 1, and writes nothing to stdout when it exits 2', async () => {
    const { exec } = world({ 'food.json': FOOD, '-': '{}' });
    const token = fc.oneof(
      fc.constantFrom(
        'report',
        'forecast',
        'validate',
        'schema',
        'help',
        '--help',
        '--version',
        'food.json',
        '-',
      ),
      fc.constantFrom(
        '--format',
        '--format=csv',
        'csv',
        'json',
        'table',
        'xml',
        '--months',
        '3',
        '0',
        '--out',
        'o.txt',
      ),
      fc.constantFrom('--', '--months=999', '--format=', '-x', ''),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 6 }), async (argv) => {
        const r = await exec(...argv);
        expect([0, 2]).toContain(r.code);
        if (r.code === 2) {
          expect(r.stdout).toBe('');
          expect(r.stderr.length).toBeGreaterThan(0);
        }
        expect(r.stdout + r.stderr).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('internal errors', () => {
  it('exit 1 when something breaks that is not the input', async () => {
    const err: string[] = [];
    const code = await run(['validate', 'x.json'], {
      stdout: () => {
        throw new Error('stdout closed');
      },
      stderr: (t) => err.push(t),
      fileSize: async () => 10,
      readFile: async () => FOOD,
      writeFile: async () => undefined,
      now: () => NOW,
      version: '0',
    });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/^headroom: internal error: Error: stdout closed/);
  });
});
