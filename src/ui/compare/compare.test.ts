import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/index.ts';
import { evaluate } from '../../model/index.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import type { Report } from '../../model/types.ts';
import { STRATEGY_IDS, STRATEGY_NAMES } from '../../model/index.ts';
import { toCsv } from '../../report/index.ts';
import { sampleReport } from '../results/sample-report.ts';
import {
  baseIndex,
  centsDelta,
  compare,
  COMPARE_CSV_HEADER,
  compareCsvRows,
  compareSeries,
  type CompareEntry,
} from './compare.ts';

function scaled(report: Report, factor: number, name: string): Report {
  return {
    ...report,
    plan: name,
    strategies: report.strategies.map((s) => ({
      ...s,
      monthlyCost: Math.round(s.monthlyCost * factor * 100) / 100,
    })),
  };
}

const base = sampleReport();
const entries: CompareEntry[] = [
  { id: 'half', name: 'Half traffic', isBase: false, report: scaled(base, 0.5, 'half') },
  { id: 'base', name: 'Food delivery', isBase: true, report: base },
  { id: 'double', name: 'Double traffic', isBase: false, report: scaled(base, 2, 'double') },
];

describe('compare', () => {
  it('takes the entry marked as base, or the first', () => {
    expect(baseIndex(entries)).toBe(1);
    expect(baseIndex(entries.map((e) => ({ ...e, isBase: false })))).toBe(0);
    expect(baseIndex([])).toBe(0);
  });

  it('gives each strategy the report totals of every entry and deltas against the base', () => {
    const c = compare(entries);
    expect(c.base).toBe(1);
    expect(c.rows.map((r) => r.id)).toEqual([...STRATEGY_IDS]);
    for (const row of c.rows) {
      const b = base.strategies.find((s) => s.id === row.id)!.monthlyCost;
      expect(row.name).toBe(STRATEGY_NAMES[row.id]);
      expect(row.cells[1]).toMatchObject({ cost: b, delta: 0, deltaFraction: 0 });
      const double = row.cells[2]!;
      expect(double.cost).toBe(entries[2]!.report.strategies.find((s) => s.id === row.id)!.monthlyCost);
      expect(double.delta).toBe(centsDelta(double.cost!, b));
      expect(double.deltaFraction).toBeCloseTo(1, 4);
      expect(row.cells[0]!.deltaFraction).toBeCloseTo(-0.5, 3);
    }
    expect(c.cheapest).toEqual(entries.map((e) => e.report.cheapest));
  });

  it('leaves the percent empty when the base costs nothing, and the delta empty when a strategy is missing', () => {
    const zero: Report = { ...base, strategies: base.strategies.map((s) => ({ ...s, monthlyCost: 0 })) };
    const partial: Report = { ...base, strategies: base.strategies.filter((s) => s.id !== 'serverless') };
    const c = compare([
      { id: 'z', name: 'zero', isBase: true, report: zero },
      { id: 'b', name: 'base', isBase: false, report: base },
      { id: 'p', name: 'partial', isBase: false, report: partial },
    ]);
    const row = c.rows.find((r) => r.id === 'serverless')!;
    expect(row.cells[1]!.delta).toBe(base.strategies[3]!.monthlyCost);
    expect(row.cells[1]!.deltaFraction).toBeNull();
    expect(row.cells[2]).toEqual({ cost: null, delta: null, deltaFraction: null });
  });

  it('marks a total that leaves services out as incomplete, with the services, and only that one', () => {
    const report = evaluate(
      testPlan(bundledCatalog('aws-us-east-1')!, [
        testService({ name: 'api', trafficRps: flat(50) }),
        testService({ name: 'db', trafficRps: flat(5), stateful: true }),
      ]),
    );
    const c = compare([{ id: 'a', name: 'a', isBase: true, report }]);
    const leaves = c.rows.map((r) => [r.id, r.cells[0]!.leavesOut]);
    expect(leaves).toEqual([
      ['shared-host', undefined],
      ['vm-per-service', undefined],
      ['container-cluster', undefined],
      ['serverless', ['db']],
      ['serverless-containers', undefined],
    ]);
  });

  it('subtracts money to the cent without float drift (property)', () => {
    const money = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
    fc.assert(
      fc.property(money, money, (a, b) => {
        const d = centsDelta(a, b);
        expect(Math.round(d * 100)).toBe(Math.round(a * 100) - Math.round(b * 100));
        expect(d).toBe(Math.round(d * 100) / 100);
      }),
    );
    expect(centsDelta(0.3, 0.1)).toBe(0.2);
  });

  it('builds chart series with the base marked', () => {
    const series = compareSeries(entries);
    expect(series.map((s) => s.isBase)).toEqual([false, true, false]);
    expect(series[1]!.costs.serverless).toBe(base.strategies[3]!.monthlyCost);
  });
});

describe('comparison CSV rows', () => {
  it('has a header and one row per entry and strategy with plain numbers', () => {
    const rows = compareCsvRows(entries, 'USD');
    expect(rows[0]).toEqual([...COMPARE_CSV_HEADER]);
    expect(rows).toHaveLength(1 + entries.length * STRATEGY_IDS.length);
    const baseRows = rows.filter((r) => r[1] === 'base');
    expect(baseRows).toHaveLength(STRATEGY_IDS.length);
    expect(baseRows.every((r) => r[0] === 'Food delivery' && r[4] === 0 && r[5] === 0)).toBe(true);
    const doubled = rows.find((r) => r[0] === 'Double traffic' && r[2] === 'shared-host')!;
    const b = base.strategies[0]!.monthlyCost;
    expect(doubled).toEqual([
      'Double traffic',
      'scenario',
      'shared-host',
      Math.round(b * 200) / 100,
      centsDelta(Math.round(b * 200) / 100, b),
      100,
      'USD',
      null,
      null,
    ]);
    for (const r of rows.slice(1))
      for (const cell of r.slice(3, 6)) expect(typeof cell === 'number' || cell === null).toBe(true);
  });

  it('notes an incomplete total (a strategy that leaves services out), so it is never read as complete', () => {
    const rows = compareCsvRows([{ id: 'a', name: 'A', isBase: true, report: base }], 'USD');
    const out = base.strategies[3]!.services.filter((x) => !x.included).map((x) => x.service);
    expect(out).toEqual(['payments']);
    expect(rows.find((r) => r[2] === 'serverless')![8]).toBe('incomplete: leaves out 1 service (payments)');
    expect(rows.find((r) => r[2] === 'shared-host')![8]).toBeNull();
  });

  it('turns into RFC 4180 text with toCsv, names quoted and formula-safe', () => {
    const csv = toCsv(
      compareCsvRows(
        [
          { id: 'a', name: 'Base, EU', isBase: true, report: base },
          { id: 'b', name: '=HYPERLINK("x")', isBase: false, report: scaled(base, 1.1, 'b') },
        ],
        'USD',
      ),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('plan,role,strategy,monthly_cost,delta,delta_percent,currency,changes,note');
    expect(lines[1]).toBe(`"Base, EU",base,shared-host,${base.strategies[0]!.monthlyCost},0,0,USD,,`);
    const first = 1 + STRATEGY_IDS.length;
    expect(lines[first]).toMatch(
      /^"'=HYPERLINK\(""x""\)",scenario,shared-host,[\d.]+,[\d.]+,10(\.\d+)?,USD,,$/,
    );
    expect(lines).toHaveLength(1 + 2 * STRATEGY_IDS.length + 1);
  });

  it('works on two engine reports (a what-if with more traffic costs more everywhere)', () => {
    const catalog = bundledCatalog('aws-us-east-1')!;
    const a = evaluate(testPlan(catalog, [testService({ trafficRps: flat(20) })]));
    const b = evaluate(testPlan(catalog, [testService({ trafficRps: flat(400) })]));
    const c = compare([
      { id: 'a', name: 'a', isBase: true, report: a },
      { id: 'b', name: 'b', isBase: false, report: b },
    ]);
    for (const row of c.rows) expect(row.cells[1]!.delta).toBeGreaterThanOrEqual(0);
    expect(c.rows.some((r) => (r.cells[1]!.delta ?? 0) > 0)).toBe(true);
  });

  it('shows a strategy that cannot be costed as such, not as $0, with no delta', () => {
    const stuck: Report = {
      ...base,
      strategies: base.strategies.map((s) =>
        s.id === 'container-cluster'
          ? {
              ...s,
              monthlyCost: 0,
              cannotCost: [
                {
                  path: 'services[0].container.memoryMiB',
                  service: 'db',
                  message: 'pod too big',
                  fix: 'a larger node',
                },
              ],
            }
          : s,
      ),
    };
    const two: CompareEntry[] = [
      { id: 'a', name: 'a', isBase: true, report: base },
      { id: 'b', name: 'b', isBase: false, report: stuck },
    ];
    const cell = compare(two).rows.find((r) => r.id === 'container-cluster')!.cells[1]!;
    expect(cell).toEqual({ cost: null, delta: null, deltaFraction: null, cannotCost: 'db: pod too big' });
    expect(compareSeries(two)[1]!.costs['container-cluster']).toBeNull();
    const csv = compareCsvRows(two, 'USD').find((r) => r[0] === 'b' && r[2] === 'container-cluster')!;
    expect(csv.slice(3, 6)).toEqual([null, null, null]);
    expect(csv.at(-1)).toBe('cannot be costed: db: pod too big');
  });

  it('states each scenario’s changes and flags a draft with problems in the CSV', () => {
    const rows = compareCsvRows(
      [
        { id: 'a', name: 'Base', isBase: true, report: base, changes: [] },
        {
          id: 'b',
          name: 'Peak',
          isBase: false,
          report: base,
          changes: ['traffic ×1.5', 'VM discount 30%'],
          draft: true,
        },
      ],
      'USD',
    );
    expect(rows[0]!.slice(-2)).toEqual(['changes', 'note']);
    const peak = rows.find((r) => r[0] === 'Peak')!;
    expect(peak.slice(-2)).toEqual([
      'traffic ×1.5; VM discount 30%',
      'has problems: figures are from its last valid version',
    ]);
  });
});
