// Adding a strategy is one registry entry plus its file (issue 12 §1): this test registers a made-up extra strategy (a sixth, beside Fargate)
// in a test-only registry (the real list plus one entry, built by registryOf) and checks that it appears in the
// engine's report and forecast, the CSV exports, the terminal table and the meeting report, with no other list
// touched. If some layer kept a list of its own, the extra strategy would be missing there and this test would fail.
import { describe, expect, it, vi } from 'vitest';
// The real registry, loaded first (with the strategy files and everything they import).
import * as real from '../model/registry.ts';
import type * as Prepare from '../model/prepare.ts';
import type { StrategyEntry } from '../model/registry.ts';

const FAKE_ID = 'fake-paas';
const FAKE_NAME = 'Fake PaaS (per vCPU-hour)';

// Set below from a fresh prepare.ts, which reads the five-entry registry.
const fresh: { strategyReport?: typeof Prepare.strategyReport } = {};

// Test-only: an id and a settings key the real unions do not have (that is the point of the test).
const id = FAKE_ID as real.StrategyId;
const fake: StrategyEntry = {
  id: FAKE_ID,
  settingsKey: 'fakePaas' as StrategyEntry['settingsKey'],
  name: FAKE_NAME,
  shortName: 'Fake PaaS',
  about: 'A made-up platform billed per vCPU-hour of demand.',
  phrase: 'the fake PaaS',
  settingsWord: 'fake PaaS',
  unit: 'Slots',
  weekUnit: 'vCPU',
  scaling: () => ({ mode: 'hourly', aheadHours: 0 }),
  // $0.05 per vCPU-hour of demand, one line per service.
  evaluate: (p) => {
    const lineItems = p.services.map((s) => {
      const quantity = (s.cpuWeek * p.hoursPerMonth) / 168;
      return {
        service: s.service.name,
        component: 'vCPU-hours (fake)',
        unit: 'vCPU-hour',
        quantity,
        unitPrice: 0.05,
        cost: Math.round(quantity * 0.05 * 100) / 100,
      };
    });
    return fresh.strategyReport!(p.plan, id, {
      lineItems,
      services: lineItems.map((l) => ({ service: l.service ?? '', cost: l.cost, included: true })),
      warnings: [],
      utilization: { cpuAverage: 1, cpuPeak: 1 },
      capacity: { slots: 7, slotHours: 5110 },
      week: { demand: p.totalCpu, capacity: p.totalCpu, units: p.totalCpu.map(() => 7), unit: 'vCPU' },
    });
  },
  figures: [
    { key: 'slots', label: 'Peak slots', unit: 'count', primary: true },
    { key: 'slotHours', label: 'Slot-hours / month', unit: 'hours' },
  ],
  headline: ['slots', 'slotHours'],
};

// Every module imported from here on is a fresh copy that reads the test-only registry: the real list plus one entry.
vi.resetModules();
vi.doMock('../model/registry.ts', () => real.registryOf([...real.STRATEGIES, fake]));
fresh.strategyReport = (await import('../model/prepare.ts')).strategyReport;
const { evaluate, forecast } = await import('../model/index.ts');
const { testPlan, testService, flat } = await import('../model/testing.ts');
const { awsUsEast1 } = await import('../catalog/aws-us-east-1.ts');
const { reportToCsv, servicesToCsv, forecastToCsv } = await import('./csv.ts');
const { reportToTable } = await import('./table.ts');
const { buildMeetingDocument } = await import('./meeting.ts');
const { meetingToMarkdown } = await import('./meeting-markdown.ts');

function fivePlan() {
  const base = testPlan(awsUsEast1, [
    testService({ name: 'api', trafficRps: flat(40) }),
    testService({ name: 'worker', trafficRps: flat(10) }),
  ]);
  // The fake strategy's settings, as a plan file would give them under `strategies.fakePaas`.
  const strategies = { ...base.strategies, fakePaas: { discount: 0 } };
  return { ...base, strategies };
}

describe('a fifth strategy registered in one entry', () => {
  const plan = fivePlan();
  const report = evaluate(plan);
  const fake = report.strategies.find((s) => s.id === id);

  it('is priced by the engine, last, with its name, typed figures and settings', () => {
    expect(report.strategies.map((s) => s.id)).toEqual([
      'shared-host',
      'vm-per-service',
      'container-cluster',
      'serverless',
      'serverless-containers',
      FAKE_ID,
    ]);
    expect(fake?.name).toBe(FAKE_NAME);
    expect(fake?.monthlyCost).toBeGreaterThan(0);
    expect(fake?.figures).toEqual([
      { key: 'slots', label: 'Peak slots', value: 7, unit: 'count', primary: true },
      { key: 'slotHours', label: 'Slot-hours / month', value: 5110, unit: 'hours', primary: false },
    ]);
    expect(fake?.settings).toEqual({ discount: 0 });
  });

  it('is a column of the forecast', () => {
    const f = forecast(plan, { months: 3, start: '2027-01' });
    expect(Object.keys(f.total)).toContain(FAKE_ID);
    expect(f.months[0]!.costs[id]).toBe(fake!.monthlyCost);
  });

  it('is in the CSV exports: line items, cost per service and the forecast', () => {
    expect(reportToCsv(report)).toContain(`${FAKE_ID},${FAKE_NAME},api,vCPU-hours (fake)`);
    expect(servicesToCsv(report).split('\n')[0]).toContain(FAKE_ID);
    const f = forecast(plan, { months: 2, start: '2027-01' });
    expect(forecastToCsv(report, f)).toContain(`${FAKE_ID}_cumulative`);
  });

  it('is a row of the terminal table with its headline figures, and a column of the forecast table', () => {
    const table = reportToTable(report, forecast(plan, { months: 2, start: '2027-01' }));
    expect(table).toContain(FAKE_NAME);
    expect(table).toContain('Peak slots 7, Slot-hours / month 5,110');
    expect(table).toMatch(/Month .*Fake PaaS/);
  });

  it('is in the meeting report', () => {
    const md = meetingToMarkdown(buildMeetingDocument({ report }));
    expect(md).toContain(FAKE_NAME);
    expect(md).toContain('Slot-hours / month');
  });
});

describe('the fifth strategy in the app', () => {
  it('has a card with its name, cost and declared figures, and a column in the cost per service and forecast', async () => {
    const { render } = await import('svelte/server');
    const { default: ResultsPanel } = await import('../ui/results/ResultsPanel.svelte');
    const plan = fivePlan();
    const report = evaluate(plan);
    const { body } = render(ResultsPanel, {
      props: { report, forecast: forecast(plan, { months: 3, start: '2027-01' }) },
    });
    const cards = body.split('<article').slice(1);
    expect(cards).toHaveLength(6);
    expect(cards[5]).toContain(FAKE_NAME);
    expect(cards[5]).toContain('Peak slots');
    expect(cards[5]).toContain('var(--strategy-6)');
    // Column headings of the cost-per-service table and of the forecast use the short name.
    expect(body.split('Fake PaaS').length).toBeGreaterThan(3);
  });
});
