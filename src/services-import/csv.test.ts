import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetCurve } from '../curves/presets.ts';
import { parsePlan } from '../plan/index.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';
import { formatServicesIssue, parseServicesCsv, type ServicesCsvResult } from './index.ts';

const HEADER = 'name,preset,peakRps,cpuMs,durationMs,memoryMiB,minInstances,stateful,growthPercent';
const GOOD = [
  HEADER,
  'api,evening-peak,120,12,80,512,2,false,3',
  'search,Business hours,40,35,150,2048,,,',
  '"db, primary",flat,15,5,10,4096,1,yes,',
].join('\n');

const issues = (r: ServicesCsvResult) => (r.ok ? [] : r.issues.map(formatServicesIssue));

describe('parseServicesCsv', () => {
  it('reads presets scaled to a peak, names with commas, defaults left out', () => {
    const r = parseServicesCsv(GOOD);
    expect(issues(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.services.map((s) => s.line)).toEqual([2, 3, 4]);
    const [api, search, db] = r.services.map((s) => s.service);
    expect(api).toEqual({
      name: 'api',
      trafficRps: presetCurve('evening-peak', 168, { by: 'peak', peakRps: 120 }),
      growthPerMonth: 0.03,
      cpuMsPerRequest: 12,
      durationMs: 80,
      memoryMiB: 512,
      minInstances: 2,
      stateful: false,
    });
    expect(search).not.toHaveProperty('minInstances');
    expect(search).not.toHaveProperty('stateful');
    expect(r.services[1]!.preset).toBe('business-hours');
    expect(db!.name).toBe('db, primary');
    expect(db!.stateful).toBe(true);
    expect(r.services[0]!.peakRps).toBe(120);
  });

  it('gives services a plan file accepts as they are', () => {
    const r = parseServicesCsv(GOOD);
    if (!r.ok) throw new Error('expected ok');
    const plan = {
      format: 'headroom-plan',
      version: 1,
      name: 'p',
      catalog: 'aws-us-east-1',
      services: r.services.map((s) => s.service),
    };
    expect(parsePlan(plan).ok).toBe(true);
  });

  it('reads a curve of 24 values, semicolon-separated files and a BOM, `sep=` and comments', () => {
    const curve = Array.from({ length: 24 }, (_, h) => h + 0.5).join(' ');
    const text = `\uFEFFsep=;\n# services for the meeting\nname;curve;cpuMs;durationMs;memoryMiB\nworker;${curve};3;20;256\n`;
    const r = parseServicesCsv(text);
    expect(issues(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.services[0]!.line).toBe(4);
    expect(r.services[0]!.hours).toBe(24);
    expect(r.services[0]!.preset).toBeNull();
    expect(r.services[0]!.service.trafficRps).toHaveLength(24);
  });

  it('locates every problem by line and column, in the plan format’s own words, and returns nothing', () => {
    const text = [
      HEADER,
      'api,evening-peak,120,12,80,512,2,false,3',
      '',
      'bad-cpu,flat,10,-4,80,512,,,',
      'bad-int,flat,10,4,80,512,1.5,,',
      'bad-preset,spiky,10,4,80,512,,,',
      'bad-number,flat,10,"1,5",80,512,,,',
      'bad-growth,flat,10,4,80,512,,,5000',
      'bad-bool,flat,10,4,80,512,,maybe,',
      'api,flat,10,4,80,512,,,',
    ].join('\n');
    expect(issues(parseServicesCsv(text))).toEqual([
      'line 4, column "cpuMs": must be a number >= 0',
      'line 5, column "minInstances": must be a whole number >= 0 and <= 10000',
      'line 6, column "preset": "spiky" is not a preset; the presets are flat, business-hours, evening-peak, nightly-batch, weekday-weekend',
      'line 7, column "cpuMs": "1,5" is not a number (digits with a decimal point, no units or thousands separators)',
      'line 8, column "growthPercent": must be a number <= 1000%',
      'line 9, column "stateful": "maybe" is not true or false',
      'line 10, column "name": "api" is also the name on line 2',
    ]);
  });

  it('counts lines through quoted cells that span lines', () => {
    const text = `${HEADER}\n"two\nlines",flat,10,4,80,512,,,\nnext,flat,10,4,80,0,,,`;
    expect(issues(parseServicesCsv(text))).toEqual(['line 4, column "memoryMiB": must be a number > 0']);
  });

  it('refuses a curve of the wrong length, a curve and a preset at once, and no traffic', () => {
    const text = [
      'name,curve,preset,peakRps,cpuMs,durationMs,memoryMiB',
      `short,${Array(23).fill(1).join(' ')},,,1,1,1`,
      `both,${Array(24).fill(1).join(' ')},flat,3,1,1,1`,
      'none,,,,1,1,1',
      `nan,1 2 x,,,1,1,1`,
      'nopeak,,flat,,1,1,1',
    ].join('\n');
    expect(issues(parseServicesCsv(text))).toEqual([
      'line 2, column "curve": must have 24 values (one day) or 168 values (one week), not 23',
      'line 3, column "curve": give a curve or a preset with its peak, not both',
      'line 4: no traffic: give a curve, or a preset and its peak requests per second',
      'line 5, column "curve": value 3, "x", is not a number (digits with a decimal point, no units or thousands separators)',
      'line 6, column "peakRps": is empty; every service needs a value here',
    ]);
  });

  it('checks the header: unknown, repeated and missing columns, using the names as written', () => {
    expect(issues(parseServicesCsv('Name,CPU ms,colour\nx,1,red'))).toEqual([
      'line 1, column "colour": unknown column; the columns are name, preset, peakRps, hours, curve, cpuMs, durationMs, memoryMiB, minInstances, stateful, growthPercent',
    ]);
    expect(issues(parseServicesCsv('name,memory,mem\n'))).toEqual([
      'line 1, column "mem": the same column as "memory" (column 2)',
    ]);
    expect(issues(parseServicesCsv('name,memoryMiB\nx,1'))).toEqual([
      'line 1: the header has no "cpuMs" column',
      'line 1: the header has no "durationMs" column',
      'line 1: the header needs a "curve" column, or "peakRps" and "preset" columns, for each service’s traffic',
    ]);
    expect(issues(parseServicesCsv(HEADER))).toEqual(['line 1: the file has a header but no services']);
    expect(issues(parseServicesCsv(''))).toEqual([
      'the file has no header line (name, cpuMs, durationMs, memoryMiB, …)',
    ]);
  });

  it('refuses a name the plan already has, and rows with cells missing or left over', () => {
    const r = parseServicesCsv(`${HEADER}\napi,flat,1,1,1,1,,,\nx,flat,1,1\ny,flat,1,1,1,1,,,,,9`, {
      existingNames: ['api'],
    });
    expect(issues(r)).toEqual([
      'line 2, column "name": "api" is already a service of this plan',
      'line 3: this line has 4 cells; the header has 9 (a name or value with the delimiter in it needs "quotes")',
      'line 4: this line has 11 cells; the header has 9 (a name or value with the delimiter in it needs "quotes")',
    ]);
    // A trailing delimiter (empty cells past the header) is not a problem.
    expect(parseServicesCsv(`${HEADER}\nz,flat,1,1,1,1,,,,`).ok).toBe(true);
  });

  it('lists at most 50 problems and counts the rest', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `s${i},flat,1,-1,1,1,,,`);
    const r = parseServicesCsv([HEADER, ...rows].join('\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(51);
    expect(r.issues.at(-1)!.message).toBe('and 30 more problems');
  });

  it('reads the sample file shipped in examples/', () => {
    const text = readFileSync(new URL('../../examples/services.csv', import.meta.url), 'utf8');
    const r = parseServicesCsv(text);
    expect(issues(r)).toEqual([]);
    if (r.ok) expect(r.services).toHaveLength(20);
  });
});

const cell = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    '-1',
    '1e999',
    '0x10',
    '1,5',
    '"',
    '""',
    '"a\nb"',
    '=1+1',
    '\u0000',
    '24',
    '168',
  ),
  fc.constantFrom('flat', 'evening-peak', 'Weekday / weekend', 'yes', 'no', 'maybe', '5%', '%', '__proto__'),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 8 }),
);
const header = fc.shuffledSubarray(
  [
    'name',
    'preset',
    'peakRps',
    'hours',
    'curve',
    'cpuMs',
    'durationMs',
    'memoryMiB',
    'minInstances',
    'stateful',
    'growth',
    'x',
  ],
  { minLength: 1 },
);
const csv = fc
  .tuple(
    header,
    fc.array(fc.array(cell, { maxLength: 13 }), { maxLength: 12 }),
    fc.constantFrom(',', ';', '\t'),
  )
  .map(([h, rows, sep]) => [h.join(sep), ...rows.map((r) => r.join(sep))].join('\n'));
const mutated = fc
  .tuple(fc.nat(GOOD.length), fc.string({ maxLength: 4 }), fc.nat(4))
  .map(([at, insert, drop]) => GOOD.slice(0, at) + insert + GOOD.slice(at + drop));

describe('fuzz: services CSV import', CPU_BOUND, () => {
  it('5,000 generated and mutated files: services a plan accepts, or located problems; never a throw', () => {
    for (const text of fc.sample(fc.oneof(csv, mutated, fc.string({ maxLength: 200 })), 5_000)) {
      const r = parseServicesCsv(text, { existingNames: ['api'] });
      const lines = text.split('\n').length;
      if (r.ok) {
        expect(r.services.length).toBeGreaterThan(0);
        const plan = {
          format: 'headroom-plan',
          version: 1,
          name: 'p',
          catalog: 'aws-us-east-1',
          services: r.services.map((s) => s.service),
        };
        expect(parsePlan(plan).ok, text).toBe(true);
      } else {
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) {
          expect(i.message, text).not.toMatch(/could not be read/);
          expect(i.line).toBeGreaterThanOrEqual(0);
          expect(i.line).toBeLessThanOrEqual(lines);
        }
      }
    }
  });
});
