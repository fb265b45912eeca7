import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate, forecast } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import {
  displayWidth,
  forecastLines,
  formatAmount,
  formatMoney,
  formatNumber,
  printable,
  reportToTable,
} from './table.ts';
import { headlineFigures } from './figures.ts';

describe('number formatting', () => {
  it('formats money with two decimals and thousands separators', () => {
    expect(formatAmount(0)).toBe('0.00');
    expect(formatAmount(1234567.5)).toBe('1,234,567.50');
    expect(formatAmount(999.999)).toBe('1,000.00');
    expect(formatAmount(-1234.5)).toBe('-1,234.50');
    expect(formatAmount(-0.001)).toBe('0.00');
    expect(formatAmount(NaN)).toBe('–');
    expect(formatMoney(70.08, 'USD')).toBe('70.08 USD');
  });

  it('formats figures with at most two decimals', () => {
    expect(formatNumber(1460)).toBe('1,460');
    expect(formatNumber(3.25)).toBe('3.25');
    expect(formatNumber(122952357.993)).toBe('122,952,358');
    expect(formatNumber(2207.38)).toBe('2,207');
    expect(formatNumber(999.994)).toBe('999.99');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(Infinity)).toBe('–');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(-1500.4)).toBe('-1,500');
  });

  it('escapes control characters visibly so names cannot drive the terminal', () => {
    expect(printable('a\u001b[31mb\u0007\u009b')).toBe('a\\u001B[31mb\\u0007\\u009B');
    expect(printable('\0\t\r\n\u007f')).toBe('\\u0000\\u0009\\u000D\\u000A\\u007F');
  });
});

/**
 * What must never reach a terminal: C0/C1 controls, the bidirectional embeddings, overrides, isolates and marks,
 * line/paragraph separators, unpaired surrogates, and every other invisible format character except the joiners
 * emoji and some scripts need (ZWNJ, ZWJ) and the tag characters of a flag emoji.
 */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
function unsafeCharacters(text: string): string[] {
  return [...text.replace(/\n/g, '')].filter(
    (c) =>
      /^[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]$/u.test(c) ||
      BIDI.test(c) ||
      (/^\p{Cf}$/u.test(c) && c !== '\u200C' && c !== '\u200D' && !/^[\u{E0020}-\u{E007F}]$/u.test(c)),
  );
}

describe('printable: visible escapes for controls and bidi characters', () => {
  it('escapes every bidi override, embedding, isolate and mark as \\uXXXX', () => {
    const bidi = [
      0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    for (const cp of bidi) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      expect(printable(`evil${String.fromCodePoint(cp)}gpj.exe`)).toBe(`evil\\u${hex}gpj.exe`);
    }
    expect(printable('a\u2028b\u2029c\ufeffd\u200be\u00adf')).toBe(
      'a\\u2028b\\u2029c\\uFEFFd\\u200Be\\u00ADf',
    );
    expect(printable('lone \ud800 surrogate \udfff')).toBe('lone \\uD800 surrogate \\uDFFF');
    expect(printable('tag \u{E0041} outside a flag')).toBe('tag \\u{E0041} outside a flag');
  });

  it('keeps accents, CJK, emoji (with joiners and flags) and plain backslashes as they are', () => {
    for (const s of [
      'café crème',
      'cafe\u0301',
      '東京サービス',
      '서비스',
      'Ωmega',
      '👩‍💻 ops',
      '🇫🇷',
      '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
      '❤️',
      'می‌خواهم', // Persian with a zero-width non-joiner
      'C:\\path',
    ])
      expect(printable(s)).toBe(s);
  });

  it('measures terminal columns: wide CJK and emoji take two, combining marks none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('cafe\u0301')).toBe(4);
    expect(displayWidth('👩‍💻')).toBe(2);
    expect(displayWidth('🇫🇷')).toBe(2);
    expect(displayWidth('ＡＢ')).toBe(4);
  });

  it('leaves no control or bidi character in any table, whatever the names (property)', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc
        .array(
          fc.constantFrom(
            '\u202e',
            '\u2066',
            '\u001b[2J',
            '\u009b',
            '\r',
            '\u0000',
            '\ud800',
            'a',
            '東',
            '👩‍💻',
          ),
          { maxLength: 8 },
        )
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 3 }), hostile, (names, planName) => {
        const plan = testPlan(
          structuredClone(awsUsEast1),
          names.map((n, i) => testService({ name: `${n}${i}`, trafficRps: flat(5 + i) })),
        );
        plan.name = planName;
        const text = reportToTable(evaluate(plan), forecast(plan, { months: 2, start: '2027-01' }));
        expect(unsafeCharacters(text)).toEqual([]);
        for (const n of names) expect(unsafeCharacters(printable(n))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps the columns aligned around wide and combining characters', () => {
    // The same plan with ASCII names of the same display width must give the same layout, character for character.
    const names = ['東京', 'cafe\u0301s', '👩‍💻 ops', 'x\u202ey'];
    const ascii = ['Tkyo', 'cafes', 'EM ops', 'x\\u202Ey'];
    const table = (ns: string[]) =>
      reportToTable(
        evaluate(
          testPlan(
            structuredClone(awsUsEast1),
            ns.map((n, i) => testService({ name: n, trafficRps: flat(10 + i) })),
          ),
        ),
      );
    let wide = table(names);
    names.forEach((n, i) => (wide = wide.replaceAll(printable(n), ascii[i]!)));
    expect(wide).toBe(table(ascii));
  });

  it('lays out a Latin-only report without creating a segmenter (it costs the CLI tens of ms to load)', async () => {
    vi.resetModules();
    const Real = Intl.Segmenter;
    let made = 0;
    class Counting extends Real {
      constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
        super(...args);
        made++;
      }
    }
    Object.defineProperty(Intl, 'Segmenter', { value: Counting, configurable: true, writable: true });
    try {
      const fresh = await import('./table.ts');
      const plan = testPlan(structuredClone(awsUsEast1), [
        testService({ name: 'café – “orders”…', trafficRps: flat(5) }),
      ]);
      expect(fresh.reportToTable(evaluate(plan))).toContain('café – “orders”…');
      expect(made).toBe(0);
      expect(fresh.displayWidth('東京👩‍💻')).toBe(6);
      expect(made).toBe(1);
    } finally {
      Object.defineProperty(Intl, 'Segmenter', { value: Real, configurable: true, writable: true });
    }
  });

  it('clips long names by width and never splits a character', () => {
    const plan = testPlan(structuredClone(awsUsEast1), [
      testService({ name: '東'.repeat(30), trafficRps: flat(5) }),
      testService({ name: '👩‍💻'.repeat(30), trafficRps: flat(5) }),
    ]);
    const text = reportToTable(evaluate(plan));
    const rows = text.split('\n').filter((l) => l.startsWith('東') || l.startsWith('👩'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const name = r.slice(0, r.indexOf('…') + 1);
      expect(displayWidth(name)).toBeLessThanOrEqual(40);
      expect(unsafeCharacters(r)).toEqual([]);
    }
  });
});

describe('reportToTable', () => {
  const plan = testPlan(structuredClone(awsUsEast1), [
    testService({ name: 'orders', trafficRps: flat(120) }),
    testService({ name: 'ledger\u001b[2J', trafficRps: flat(3), stateful: true, growthPerMonth: 0.5 }),
  ]);
  const report = evaluate(plan);
  const text = reportToTable(report, forecast(plan, { months: 3, start: '2027-11' }));

  it('shows every strategy with its monthly cost, read from the report', () => {
    for (const s of report.strategies) {
      const line = text.split('\n').find((l) => l.startsWith(s.name));
      expect(line).toBeDefined();
      expect(line).toContain(formatMoney(s.monthlyCost, 'USD'));
    }
    expect(text).toContain('aws-us-east-1 (prices as of 2025-10-01)');
  });

  it('headlines Fargate by its peak tasks and task-hours', () => {
    const fargate = report.strategies.find((s) => s.id === 'serverless-containers')!;
    expect(headlineFigures(fargate).map((f) => f.key)).toEqual(['peakTasks', 'taskHours']);
    const line = text.split('\n').find((l) => l.startsWith(fargate.name))!;
    expect(line).toContain(`Peak tasks ${fargate.capacity.peakTasks}, Task-hours / month`);
  });

  it('lists per-service costs, totals, warnings and the forecast', () => {
    expect(text).toMatch(/^orders\s/m);
    expect(text).toMatch(/^Total\s/m);
    expect(text).toContain('not included');
    const warnings = report.strategies.reduce((n, s) => n + s.warnings.length, 0);
    expect(warnings).toBeGreaterThan(0);
    expect(text).toContain(`Warnings (${warnings})`);
    expect(text).toMatch(/^2028-01\s+[\d,.]+\s+[\d,.]+\s+[\d,.]+\s+[\d,.]+\s+\S/m);
  });

  it('labels forecast months by calendar month, totals them and says from when which strategy is cheapest', () => {
    expect(text).toContain('Forecast: 3 months from 2027-11 to 2028-01');
    const f = forecast(plan, { months: 3, start: '2027-11' });
    const year = text.split('\n').find((l) => l.startsWith('Year 1 (3 mo)'));
    expect(year).toBeDefined();
    for (const id of ['shared-host', 'serverless'] as const)
      expect(year).toContain(formatAmount(f.years[0]!.costs[id]));
    expect(text).toContain('a lead of 5.0% or less is not counted as a change');
    expect(text).toContain(
      `- from 2027-11: ${report.strategies.find((s) => s.id === f.months[0]!.leader)!.name}`,
    );
  });

  it('lists a lead change with its margin over the previous leader', () => {
    const lines = forecastLines(
      {
        ...forecast(plan, { months: 2, start: '2027-01' }),
        leadChanges: [
          {
            month: 2,
            calendarMonth: '2027-02',
            previous: 'shared-host',
            leader: 'container-cluster',
            margin: 0.0712,
          },
        ],
      },
      'USD',
    );
    expect(lines.at(-1)).toBe(
      '- from 2027-02: Service instance per container (7.1% below Multiple services per host)',
    );
  });

  it('never prints control characters, NaN or Infinity', () => {
    const controls = [...text].filter(
      (c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    );
    expect(controls).toEqual([]);
    expect(text).not.toMatch(/NaN|Infinity/);
  });
});

describe('a strategy that cannot be costed (issue 9 §1)', () => {
  it('the table says so, with the reason and the fix, instead of a cost of 0', () => {
    const plan = testPlan(awsUsEast1, [testService({ name: 'db', memoryMiB: 16384, trafficRps: flat(5) })]);
    const text = reportToTable(evaluate(plan));
    const row = text.split('\n').find((l) => l.startsWith('Service instance per container'))!;
    expect(row).toContain('cannot be costed');
    expect(row).not.toContain('0.00');
    expect(text).toContain(
      'Service instance per container cannot be costed: a pod request of 16384 MiB is more than a m6i.xlarge node can allocate (15135 MiB); choose a larger node type',
    );
  });
});

describe('the terms of each total (issue 10 §5–§6)', () => {
  const services = [
    testService({ name: 'orders', trafficRps: flat(120) }),
    testService({ name: 'ledger', trafficRps: flat(3), stateful: true }),
  ];
  const lines = (fallback: 'none' | 'vmPerService') =>
    reportToTable(
      evaluate(
        testPlan(awsUsEast1, services, {
          serverless: { fallback },
          vmPerService: { scaling: 'hourly', scaleAheadHours: 1 },
        }),
      ),
      forecast(testPlan(awsUsEast1, services, { serverless: { fallback } }), { months: 2, start: '2027-01' }),
    ).split('\n');

  it('marks an incomplete total in its row, says what it leaves out, and marks its forecast column', () => {
    const text = lines('none');
    expect(text.find((l) => l.startsWith('Serverless (Lambda)'))).toMatch(/ USD \(incomplete\)/);
    expect(text).toContain(
      'Serverless (Lambda) leaves out 1 service (ledger): its total is incomplete, not comparable, and never counts as cheapest (strategies.serverless.fallback would price them).',
    );
    expect(text.find((l) => l.startsWith('Month'))).toMatch(/Serverless \*/);
    expect(text.some((l) => l.startsWith('* incomplete'))).toBe(true);
    expect(text.find((l) => l.startsWith('Service instance per VM'))).not.toContain('incomplete');
  });

  it('shows each strategy’s scaling mode and what its total does not include', () => {
    const text = lines('none');
    expect(text[2]).toMatch(/^Strategy\s+Monthly cost\s+Scaling\s/);
    expect(text.find((l) => l.startsWith('Service instance per VM'))).toContain('Hourly, 1 h ahead');
    expect(text.find((l) => l.startsWith('Multiple services per host'))).toMatch(/USD\s+Static\s/);
    expect(text.find((l) => l.startsWith('Serverless (Lambda)'))).toContain('Per request');
    const at = text.indexOf('Not included in the totals');
    expect(text[at + 4]).toBe(
      '- Serverless (Lambda): a front door (API Gateway or a load balancer): none configured; log ingestion: no log volume given; people to run it: no operations estimate; data transfer between zones and to the internet',
    );
  });

  it('says how each strategy shares its shared costs among services, not "by CPU share" for all', () => {
    const heading = lines('none').find((l) => l.startsWith('Cost per service'))!;
    expect(heading).not.toContain('allocated by CPU share');
    expect(heading).toContain('containers by pod CPU requests');
    expect(heading).toContain('serverless by requests and GB-seconds');
  });

  it('shows a fallback’s services as included and says who priced them', () => {
    const text = lines('vmPerService');
    expect(text.find((l) => l.startsWith('Serverless (Lambda) + VMs for 1 service'))).not.toContain(
      'incomplete',
    );
    expect(text.find((l) => l.startsWith('ledger'))).toMatch(/\d \(fallback\)( |$)/);
    expect(text).toContain(
      'Serverless (Lambda) + VMs for 1 service includes ledger, priced as Service instance per VM would price it alone (lines "Fallback (…)").',
    );
    expect(text.find((l) => l.startsWith('Month'))).not.toContain('*');
  });
});
