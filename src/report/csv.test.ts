import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate, forecast, STRATEGY_IDS, STRATEGY_NAMES, type Report } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import {
  BOM,
  csvText,
  FORECAST_HEADER,
  forPeople,
  forecastToCsv,
  LINE_ITEM_HEADER,
  reportToCsv,
  servicesToCsv,
  toCsv,
  type CsvCell,
  type CsvText,
  withBom,
} from './csv.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';

/**
 * The test's own statement of "a spreadsheet could read this as a formula", written independently of csv.ts: skip
 * leading whitespace, control and invisible format characters, then look for = + - @ in any width; a leading tab,
 * CR, LF or NUL counts by itself.
 */
function formulaLike(text: string): boolean {
  if (/^[\t\r\n\0]/.test(text)) return true;
  for (const ch of text) {
    if ('=+-@＝＋－＠﹦﹢﹣﹫'.includes(ch)) return true;
    if (ch.trim() === '' || /\p{Cc}|\p{Cf}/u.test(ch)) continue;
    return false;
  }
  return false;
}
const safe = (t: string) => (formulaLike(t) ? `'${t}` : t);

/** Leading invisible characters, a formula character, then anything: what the property tests must neutralize. */
const hiddenFormula = fc
  .tuple(
    fc.array(fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\u3000', '\u200b', '\ufeff', '\u0001', '\n'), {
      maxLength: 4,
    }),
    fc.constantFrom(...'=+-@＝＋－＠﹦﹢﹣﹫'),
    fc.string({ maxLength: 6 }),
  )
  .map(([lead, f, rest]) => `${lead.join('')}${f}${rest}`);

/** Parse CSV text the way a spreadsheet import would (no dynamic typing: every cell comes back as text). */
function parse(text: string): string[][] {
  const r = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
  expect(r.errors).toEqual([]);
  const rows = r.data;
  // A trailing CRLF gives papaparse one empty final row.
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1);
}

function samplePlan() {
  const svc = (name: string, rps: number, extra = {}) =>
    testService({ name, trafficRps: flat(rps, 168).map((v, h) => v * (0.4 + (h % 24) / 24)), ...extra });
  return testPlan(
    structuredClone(awsUsEast1),
    [
      svc('orders', 120),
      svc('=cmd()', 15, { memoryMiB: 2048 }),
      svc('accounting, "ledger"', 4, { stateful: true, cpuMsPerRequest: 60 }),
      svc('@kitchen\nline', 300, {
        serverless: {
          memoryMiB: 1024,
          architecture: 'arm64',
          ephemeralStorageMiB: 2048,
          provisionedConcurrency: 2,
        },
      }),
    ],
    { serverless: { apiGateway: 'rest' }, vmPerService: { scaling: 'hourly' } },
  );
}

describe('toCsv', CPU_BOUND, () => {
  it('follows RFC 4180 and neutralizes formulas', () => {
    expect(
      toCsv([['a', 'b,c', 'say "hi"', 'x\r\ny', 1.5, -2, null, '=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\0']]),
    ).toBe(`a,"b,c","say ""hi""","x\r\ny",1.5,-2,,'=1+1,'+1,'-1,'@SUM(A1),'\tx,'\0\r\n`);
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('\n=cmd()')).toBe(`"'\n=cmd()"`);
  });

  it('neutralizes a formula behind leading whitespace and the full-width = + - @', () => {
    for (const formula of [
      '  =1+1',
      ' +1',
      '\u00a0-1',
      '\u3000@SUM(A1)',
      '\u2003\t=1',
      ' \r\n=cmd()',
      '\u200b=1', // a zero-width space is invisible too
      '\ufeff=1',
      '＝1+1', // U+FF1D
      '＋1', // U+FF0B
      '－1', // U+FF0D
      '＠SUM(A1)', // U+FF20
      '  ＝HYPERLINK("http://x")',
      '﹦1', // the small form variants U+FE66, U+FE62, U+FE63, U+FE6B
      '﹢1',
      '﹣1',
      '﹫a',
    ]) {
      const [back] = parse(toCsv([[formula]]));
      expect(back, JSON.stringify(formula)).toEqual([`'${formula}`]);
    }
    // Text that merely contains those characters, or whitespace alone, stays as it is.
    for (const text of ['a=1', '1+1', 'x - y', 'mail@host', ' ', '  a', '１２', 'ー', '−1'])
      expect(parse(toCsv([[text]]))[0], JSON.stringify(text)).toEqual([text]);
    // Number cells stay numbers: a negative number is written plainly, never as text.
    expect(toCsv([[-2, -0.5, -1e21]])).toBe('-2,-0.5,-1e+21\r\n');
  });

  it('is the only maker of CSV text: a string built another way is not CsvText (checked by tsc)', () => {
    // @ts-expect-error a CSV assembled by hand skips the neutralization, so it must not type as CsvText
    const byHand: CsvText = 'name\r\n=cmd()\r\n';
    const made: CsvText = toCsv([['name'], ['=cmd()']]);
    expect(made).toBe("name\r\n'=cmd()\r\n");
    expect(byHand).not.toBe(made);
  });

  it('writes numbers plainly and refuses NaN and Infinity', () => {
    expect(toCsv([[0, -0, 1e21, 3.09e-8, 0.1 + 0.2]])).toBe('0,0,1e+21,3.09e-8,0.30000000000000004\r\n');
    expect(() => toCsv([[NaN]])).toThrow(RangeError);
    expect(() => toCsv([[Infinity]])).toThrow(RangeError);
  });

  it('keeps a row of one empty cell distinguishable from no row', () => {
    expect(parse(toCsv([['a'], [''], ['b']]))).toEqual([['a'], [''], ['b']]);
  });

  it('round-trips any cells through a CSV reader; formula-looking text comes back neutralized (property)', () => {
    const cellArb: fc.Arbitrary<CsvCell> = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('=cmd()', '+1', '-x', '@a', '\t=1', '\r=1', '\n=1', '\0', '"', ',', '\r\n', ''),
      hiddenFormula,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArb, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const back = parse(toCsv(rows));
          expect(back).toHaveLength(rows.length);
          rows.forEach((row, i) =>
            row.forEach((c, j) => {
              const got = back[i]![j]!;
              if (c === null) expect(got).toBe('');
              else if (typeof c === 'number') expect(Number(got)).toBe(c === 0 ? 0 : c);
              else expect(got).toBe(safe(c));
              if (typeof c === 'string') expect(formulaLike(got)).toBe(false);
            }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('reportToCsv on real engine reports', CPU_BOUND, () => {
  const report: Report = evaluate(samplePlan());
  const rows = parse(reportToCsv(report));

  it('has the documented header and one row per line item', () => {
    expect(rows[0]).toEqual([...LINE_ITEM_HEADER]);
    const items = report.strategies.flatMap((s) => s.lineItems);
    expect(rows).toHaveLength(items.length + 1);
    expect(items.length).toBeGreaterThan(4);
  });

  it('per strategy, the SUM of the cost column equals monthlyCost', () => {
    for (const s of report.strategies) {
      const sum = rows.filter((r) => r[0] === s.id).reduce((a, r) => a + Number(r[7]), 0);
      expect(Math.abs(sum - s.monthlyCost)).toBeLessThan(1e-6);
      expect(Math.round(sum * 100) / 100).toBe(s.monthlyCost);
    }
  });

  it('writes service names formula-safe and numbers as numbers', () => {
    expect(rows.some((r) => r[2] === "'=cmd()")).toBe(true);
    expect(rows.some((r) => r[2] === "'@kitchen\nline")).toBe(true);
    expect(rows.some((r) => r[2] === 'accounting, "ledger"')).toBe(true);
    for (const r of rows.slice(1)) {
      for (const c of [r[5], r[6], r[7]]) expect(c).toMatch(/^-?\d+(\.\d+)?(e[+-]\d+)?$/);
      expect(r[8]).toBe('USD');
    }
  });

  it('names the strategy beside its id and the service on every row ("shared" for shared lines)', () => {
    for (const r of rows.slice(1)) {
      expect(r[1]).toBe(STRATEGY_NAMES[r[0] as keyof typeof STRATEGY_NAMES]);
      expect(r[2]).not.toBe('');
    }
    const shared = report.strategies.flatMap((s) => s.lineItems.filter((li) => li.service === null));
    expect(shared.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r[2] === 'shared')).toHaveLength(shared.length);
  });

  it('holds for generated plans too (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            rps: fc.double({ min: 0, max: 2000, noNaN: true }),
            cpu: fc.double({ min: 0, max: 100, noNaN: true }),
            stateful: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom('none', 'http', 'rest') as fc.Arbitrary<'none' | 'http' | 'rest'>,
        (svcs, apiGateway) => {
          const plan = testPlan(
            structuredClone(awsUsEast1),
            svcs.map((s, i) =>
              testService({
                name: `s${i}`,
                trafficRps: flat(s.rps),
                cpuMsPerRequest: s.cpu,
                stateful: s.stateful,
              }),
            ),
            { serverless: { apiGateway } },
          );
          const rep = evaluate(plan);
          const back = parse(reportToCsv(rep));
          for (const s of rep.strategies) {
            const sum = back.filter((r) => r[0] === s.id).reduce((a, r) => a + Number(r[7]), 0);
            expect(Math.round(sum * 100) / 100).toBe(s.monthlyCost);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('reportToCsv on generated reports (property)', CPU_BOUND, () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom('=cmd()', '@x', '-1', 'a,b', 'say "x"', 'a\r\nb'),
    hiddenFormula,
  );
  const num = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });
  const lineItem = fc.record({
    service: fc.option(text, { nil: null }),
    component: text,
    unit: text,
    quantity: num,
    unitPrice: num,
    cost: num,
  });
  const strategy = fc.record({
    id: fc.constantFrom(...STRATEGY_IDS),
    name: text,
    lineItems: fc.array(lineItem, { maxLength: 6 }),
  });

  it('every cell comes back as written; text cells neutralized', () => {
    fc.assert(
      fc.property(fc.array(strategy, { maxLength: 4 }), text, (strategies, currency) => {
        const report = { currency, strategies } as unknown as Report;
        const rows = parse(reportToCsv(report));
        const items = strategies.flatMap((s) => s.lineItems.map((li) => ({ s, li })));
        expect(rows).toHaveLength(items.length + 1);
        items.forEach(({ s, li }, i) => {
          const r = rows[i + 1]!;
          expect(r[0]).toBe(s.id);
          expect(r[1]).toBe(safe(s.name));
          expect(r[2]).toBe(li.service === null ? 'shared' : safe(li.service));
          expect(r[3]).toBe(safe(li.component));
          expect(r[4]).toBe(safe(li.unit));
          // Quantities are written for people (10 significant digits, csv.ts forPeople).
          expect(Number(r[5])).toBe(forPeople(li.quantity) + 0);
          expect(Number(r[6])).toBe(li.unitPrice + 0);
          expect(Number(r[7])).toBe(li.cost + 0);
          expect(r[8]).toBe(safe(currency));
        });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('spreadsheet style: byte order mark and the # header block', { timeout: 120_000 }, () => {
  const report = evaluate(samplePlan());
  const meta = { generatedAt: '2026-11-30T09:15:00.000Z' };

  /** How docs/cli.md tells a papaparse user to read the file: BOM dropped, `#` lines skipped. */
  const readBack = (text: string) => {
    const r = Papa.parse<string[]>(text, {
      delimiter: ',',
      newline: '\r\n',
      comments: '#',
      skipEmptyLines: true,
    });
    expect(r.errors).toEqual([]);
    return r.data;
  };
  /** The `#` lines as a spreadsheet shows them: rows above the table. */
  const block = (text: string) => parse(text.replace(/^\uFEFF/, '')).filter((r) => r[0]!.startsWith('# '));

  it('starts with a BOM and a block that papaparse skips: the table reads back exactly as the plain CSV', () => {
    const styled = reportToCsv(report, { bom: true, meta });
    expect(styled.startsWith(BOM)).toBe(true);
    expect(styled.startsWith(`${BOM}# headroom,line items\r\n`)).toBe(true);
    expect(readBack(styled)).toEqual(parse(reportToCsv(report)));
    // Papaparse drops the BOM itself, so the first header cell is "strategy", not "\uFEFFstrategy".
    expect(readBack(styled)[0]![0]).toBe('strategy');
  });

  it('holds the plan, catalog and its date, hours per month, generated at, and every total', () => {
    const lines = block(reportToCsv(report, { meta }));
    const value = (key: string) => lines.find((l) => l[0] === `# ${key}`)?.slice(1);
    expect(value('plan')).toEqual([report.plan]);
    expect(value('catalog')).toEqual([report.catalog.id]);
    expect(value('prices as of')).toEqual([report.catalog.asOf]);
    expect(value('hours per month')).toEqual([String(report.hoursPerMonth)]);
    expect(value('generated at')).toEqual([meta.generatedAt]);
    const totals = lines.filter((l) => l[0] === '# total per month');
    expect(totals).toEqual(
      report.strategies.map((s) => [
        '# total per month',
        s.id,
        s.name,
        String(s.monthlyCost),
        ...(s.id === 'serverless' ? ['incomplete: leaves out 1 service (accounting, "ledger")'] : []),
      ]),
    );
  });

  it('states each strategy’s scaling mode and what its total does not include', () => {
    const lines = block(reportToCsv(report, { meta }));
    expect(lines.filter((l) => l[0] === '# scaling')).toEqual([
      ['# scaling', 'shared-host', 'static', '0', 'Static (peak all month)'],
      ['# scaling', 'vm-per-service', 'hourly', '0', 'Hourly, no scale-ahead'],
      ['# scaling', 'container-cluster', 'hourly', '0', 'Hourly, no scale-ahead'],
      ['# scaling', 'serverless', 'per-request', '0', 'Per request'],
      ['# scaling', 'serverless-containers', 'hourly', '0', 'Hourly, no scale-ahead'],
    ]);
    const notIncluded = lines.filter((l) => l[0] === '# not included');
    expect(notIncluded.map((l) => l.slice(1))).toEqual(
      report.strategies.map((s) => [s.id, ...s.notIncluded]),
    );
    expect(notIncluded[0]).toContain('a load balancer in front: none configured');
    // The services table and the forecast carry the same terms.
    expect(block(servicesToCsv(report, { meta })).filter((l) => l[0] === '# scaling')).toHaveLength(
      STRATEGY_IDS.length,
    );
  });

  it('marks a total that cannot be costed, with no cost', () => {
    const plan = samplePlan();
    const tiny = {
      ...plan,
      strategies: {
        ...plan.strategies,
        sharedHost: { ...plan.strategies.sharedHost, instanceType: 't3.micro' },
      },
    };
    const r = evaluate(tiny);
    const line = block(reportToCsv(r, { meta })).find(
      (l) => l[0] === '# total per month' && l[1] === 'shared-host',
    )!;
    expect(line[3]).toBe('');
    expect(line[4]).toMatch(/^cannot be costed: 2048 MiB does not fit on one t3\.micro shared host/);
  });

  it('writes quantities without float noise: 10 significant digits, cost as computed', () => {
    // 730 h × 3,600 s × 2 environments × 1.875 GB is 9,855,000 GB-s; cleaned twice it was 9855000.00004.
    const li = {
      service: null,
      component: 'c',
      unit: 'GB-seconds',
      quantity: 9855000.00004,
      unitPrice: 0.0000097222,
      cost: 95.81,
    };
    const noisy = { ...report, strategies: [{ ...report.strategies[0]!, lineItems: [li] }] };
    expect(parse(reportToCsv(noisy))[1]![5]).toBe('9855000');
    expect(forPeople(2228325.00003)).toBe(2228325);
    expect(forPeople(1964.0476190476)).toBe(1964.047619);
    expect(forPeople(0.0000166667)).toBe(0.0000166667);
    expect(forPeople(730)).toBe(730);
    // The figures keep their meaning: every line's written quantity × unit price still rounds to its cost.
    for (const s of report.strategies)
      for (const l of s.lineItems)
        expect(Math.round(forPeople(l.quantity) * l.unitPrice * 100)).toBe(Math.round(l.cost * 100));
  });

  it('withBom puts one byte order mark in front of CSV text', () => {
    const csv = toCsv([['a', 1]]);
    expect(withBom(csv)).toBe(`${BOM}a,1\r\n`);
    expect(withBom(withBom(csv))).toBe(withBom(csv));
  });

  it('keeps metadata on one line each and quotes a data row starting with #, so no reader drops a row', () => {
    const named = { ...report, plan: '=evil()\r\n# injected,1' };
    const text = toCsv(
      [
        ['#orders', 1],
        ['x', 2],
      ],
      {
        meta: [
          ['plan', named.plan],
          ['note', 'two\nlines'],
        ],
      },
    );
    expect(text).toBe(`# plan,"'=evil() # injected,1"\r\n# note,two lines\r\n"#orders",1\r\nx,2\r\n`);
    expect(readBack(text)).toEqual([
      ['#orders', '1'],
      ['x', '2'],
    ]);
  });

  it('round-trips any first cells and metadata values through papaparse with comments (property)', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('#', '# x', '#=1', '"#"', ''),
      hiddenFormula,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyText, anyText), { minLength: 1, maxLength: 5 }),
        fc.array(anyText, { maxLength: 3 }),
        (rows, values) => {
          const text = toCsv(rows, { bom: true, meta: values.map((v, i) => [`k${i}`, v] as const) });
          const r = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', comments: '#' });
          expect(r.errors).toEqual([]);
          expect(r.data.slice(0, -1)).toEqual(rows.map((row) => row.map((c) => safe(c))));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('servicesToCsv', () => {
  const report = evaluate(samplePlan());

  it('has one row per service and a column per strategy that sums to its monthlyCost; not run is empty', () => {
    const rows = parse(servicesToCsv(report));
    expect(rows[0]).toEqual(['service', ...report.strategies.map((s) => s.id)]);
    expect(rows.map((r) => r[0]).slice(1)).toEqual(
      report.strategies[0]!.services.map((s) => safe(s.service)),
    );
    report.strategies.forEach((s, j) => {
      const sum = rows.slice(1).reduce((a, r) => a + Math.round(Number(r[j + 1]) * 100), 0);
      expect(sum / 100).toBe(s.monthlyCost);
    });
    const serverless = report.strategies.findIndex((s) => s.id === 'serverless');
    const stateful = rows.findIndex((r) => r[0] === 'accounting, "ledger"');
    expect(rows[stateful]![serverless + 1]).toBe('');
    expect(block(servicesToCsv(report, { meta: { generatedAt: 'x' } }))[0]).toEqual([
      '# headroom',
      'cost per service',
    ]);
  });

  function block(text: string) {
    return parse(text).filter((r) => r[0]!.startsWith('# '));
  }
});

describe('forecastToCsv', () => {
  it('writes one row per calendar month with each strategy, cumulative costs and the leader', () => {
    const plan = samplePlan();
    plan.services.forEach((s) => (s.growthPerMonth = 0.2));
    const report = evaluate(plan);
    const f = forecast(plan, { months: 14, start: '2026-12' });
    const rows = parse(forecastToCsv(report, f));
    expect(rows[0]).toEqual([...FORECAST_HEADER]);
    expect(rows).toHaveLength(15);
    rows.slice(1).forEach((r, i) => {
      const m = f.months[i]!;
      expect(r.slice(0, 2)).toEqual([String(i + 1), m.calendarMonth]);
      STRATEGY_IDS.forEach((id, j) => {
        expect(Number(r[j + 2])).toBe(m.costs[id]);
        expect(Number(r[j + 2 + STRATEGY_IDS.length])).toBe(m.cumulative[id]);
      });
      expect(r[2 + 2 * STRATEGY_IDS.length]).toBe(m.leader ?? '');
    });
    expect(rows[2]![1]).toBe('2027-01');
  });

  it('marks an incomplete strategy in its header block, and not once a fallback prices what it left out', () => {
    const plan = samplePlan();
    const f = forecast(plan, { months: 2, start: '2026-12' });
    const meta = { generatedAt: 'now' };
    const lines = (p: typeof plan, fc: typeof f) =>
      parse(forecastToCsv(evaluate(p), fc, { meta })).filter((r) => r[0]!.startsWith('# '));
    expect(lines(plan, f).filter((l) => l[0] === '# incomplete')).toEqual([
      ['# incomplete', 'serverless', 'Serverless (Lambda)', 'leaves out 1 service (accounting, "ledger")'],
    ]);
    expect(lines(plan, f).filter((l) => l[0] === '# scaling')).toHaveLength(STRATEGY_IDS.length);
    const withVms = {
      ...plan,
      strategies: {
        ...plan.strategies,
        serverless: { ...plan.strategies.serverless, fallback: 'vmPerService' as const },
      },
    };
    const g = forecast(withVms, { months: 2, start: '2026-12' });
    expect(lines(withVms, g).filter((l) => l[0] === '# incomplete')).toEqual([]);
  });

  it('states the start, the tolerance, each lead change and the yearly and total figures in its header block', () => {
    const plan = samplePlan();
    plan.services.forEach((s) => (s.growthPerMonth = 0.2));
    const report = evaluate(plan);
    const f = forecast(plan, { months: 14, start: '2026-12' });
    const lines = parse(forecastToCsv(report, f, { meta: { generatedAt: 'now' } })).filter((r) =>
      r[0]!.startsWith('# '),
    );
    const first = f.months[0]!;
    expect(lines).toContainEqual(['# forecast start', '2026-12']);
    expect(lines).toContainEqual(['# lead tolerance', '0.05']);
    expect(lines).toContainEqual([
      '# cheapest from',
      '2026-12',
      first.leader!,
      STRATEGY_NAMES[first.leader!],
    ]);
    expect(lines.filter((l) => l[0] === '# cheapest from')).toHaveLength(f.leadChanges.length + 1);
    for (const id of STRATEGY_IDS) {
      expect(lines).toContainEqual([
        '# total 2026-12 to 2027-11',
        id,
        STRATEGY_NAMES[id],
        String(f.years[0]!.costs[id]),
      ]);
      expect(lines).toContainEqual([
        '# total 2026-12 to 2028-01',
        id,
        STRATEGY_NAMES[id],
        String(f.total[id]),
      ]);
    }
  });
});
