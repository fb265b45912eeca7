// Server-side renders of the results panel: what a user reads, checked against the report it came from.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/index.ts';
import { evaluate, forecast } from '../../model/index.ts';
import { flat, testPlan, testService } from '../../model/testing.ts';
import { STRATEGY_IDS, STRATEGY_NAMES, type StrategyId } from '../../model/index.ts';
import { forecastConfig } from '../charts/configs.ts';
import { money } from '../format.ts';
import ResultsPanel from './ResultsPanel.svelte';
import { monthLabel } from './results.ts';
import { sampleForecast, sampleReport } from './sample-report.ts';

const text = (html: string) =>
  html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const cardsOf = (html: string) =>
  html
    .split('<article')
    .slice(1)
    .map((c) => c.slice(0, c.indexOf('</article>')));

function table(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</table>', start));
}

describe('ResultsPanel', () => {
  const report = sampleReport();
  const { body } = render(ResultsPanel, { props: { report, forecast: sampleForecast(report) } });

  it('shows a card per strategy with its monthly cost and marks only the report’s cheapest', () => {
    const cards = cardsOf(body);
    expect(cards).toHaveLength(report.strategies.length);
    expect(report.strategies.map((s) => s.id)).toEqual(STRATEGY_IDS);
    report.strategies.forEach((s, i) => {
      expect(cards[i]).toContain(`data-strategy="${s.id}"`);
      expect(text(cards[i]!)).toContain(money(s.monthlyCost, 'USD'));
      expect(text(cards[i]!).includes('Cheapest')).toBe(s.id === report.cheapest);
    });
  });

  it('says which services a strategy does not run and counts warnings', () => {
    const serverless = text(cardsOf(body)[3]!);
    expect(serverless).toContain('Does not run 1 service: payments');
    expect(serverless).toContain('2 warnings');
    expect(serverless).toContain('payments is stateful');
    expect(text(cardsOf(body)[0]!)).toContain('No warnings');
    expect(text(body)).toContain('Serverless (Lambda) does not run payments: its line leaves that cost out');
  });

  it('shows the per-service table with the report’s costs and monthly totals', () => {
    const t = text(table(body, 'breakdown'));
    for (const s of report.strategies) {
      expect(t).toContain(s.name);
      expect(t).toContain(money(s.monthlyCost, 'USD'));
      for (const sc of s.services) if (sc.included) expect(t).toContain(money(sc.cost, 'USD'));
    }
    expect(t).toContain('not run');
  });

  it('lists the line items of the cheapest strategy first, with the total', () => {
    const t = table(body, 'line-items');
    const cheapest = report.strategies.find((s) => s.id === report.cheapest)!;
    expect(t.split('<tbody')[1]!.split('</tbody>')[0]!.match(/<tr/g)).toHaveLength(cheapest.lineItems.length);
    for (const li of cheapest.lineItems) expect(text(t)).toContain(li.component);
    expect(text(t)).toContain(`Total per month ${money(cheapest.monthlyCost, 'USD')}`);
  });

  it('gives every chart a title, an accessible label and a data table', () => {
    const figures = body.split('class="figure').slice(1);
    expect(figures).toHaveLength(3);
    for (const f of figures) {
      expect(f).toMatch(/<h3[^>]*>[^<]+<\/h3>/);
      expect(f).toMatch(/<canvas[^>]*role="img"[^>]*aria-label="[^"]+"/);
      expect(f).toContain('Show data');
      expect(f).toContain('<table');
    }
    const t = text(body);
    expect(t).toContain('Jan 2027');
    expect(t).toContain('Dec 2027');
    expect(t).toContain('Sun 23:00');
    expect(t).toMatch(
      /from Aug 2027 : Multiple services per host \([\d.]+% below Service instance per container\)/,
    );
  });

  it('answers from which month each strategy is cheapest, with the tolerance, and totals each year', () => {
    const f = sampleForecast(report, 24);
    const out = render(ResultsPanel, { props: { report, forecast: f } }).body;
    const answer = text(out.slice(out.indexOf('data-testid="forecast-answer"')));
    expect(f.leadChanges.length).toBeGreaterThan(0);
    expect(answer).toContain(
      `from Jan 2027 : ${report.strategies.find((s) => s.id === f.months[0]!.leader)!.name}`,
    );
    for (const c of f.leadChanges) expect(answer).toContain(`from ${monthLabel(c.calendarMonth)}`);
    expect(answer).toContain('A lead of 5% or less is not counted as a change');
    expect(text(out)).toContain('Forecast: 24 months from Jan 2027');
    const totals = text(table(out, 'forecast-totals'));
    expect(totals).toContain('Jan 2027 – Dec 2027');
    expect(totals).toContain('Jan 2028 – Dec 2028');
    expect(totals).toContain('All 24 months');
    for (const s of report.strategies) {
      expect(totals).toContain(money(f.years[0]!.costs[s.id], 'USD'));
      expect(totals).toContain(money(f.total[s.id], 'USD'));
    }
    // Not crossings between every pair of lines: only the changes of the cheapest complete strategy.
    expect(text(out)).not.toContain('becomes cheaper than');
  });

  it('renders an engine report without NaN or Infinity', () => {
    const plan = testPlan(bundledCatalog('aws-us-east-1')!, [
      testService({ name: 'api', trafficRps: flat(80), growthPerMonth: 0.1 }),
      testService({ name: 'db', trafficRps: flat(0), stateful: true }),
    ]);
    const out = render(ResultsPanel, {
      props: { report: evaluate(plan), forecast: forecast(plan, { months: 12, start: '2027-01' }) },
    }).body;
    expect(text(out)).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('limits long tables until asked for all rows', () => {
    const services = Array.from({ length: 120 }, (_, i) =>
      testService({ name: `svc-${i}`, trafficRps: flat(1) }),
    );
    const plan = testPlan(bundledCatalog('aws-us-east-1')!, services);
    const out = render(ResultsPanel, { props: { report: evaluate(plan), forecast: null } }).body;
    const rows = table(out, 'breakdown').split('<tbody')[1]!.split('</tbody>')[0]!.match(/<tr/g);
    expect(rows).toHaveLength(100);
    expect(text(out)).toContain('Show all 120 services');
    expect(text(out)).toContain('Working out the forecast…');
  });
});

describe('a strategy that cannot be costed (issue 9 §1)', () => {
  const catalog = bundledCatalog('aws-us-east-1')!;
  const plan = testPlan(catalog, [
    testService({ name: 'api' }),
    testService({ name: 'db', memoryMiB: 16384, trafficRps: flat(5) }),
  ]);
  const report = evaluate(plan);
  const { body } = render(ResultsPanel, {
    props: { report, forecast: forecast(plan, { months: 2, start: '2027-01' }) },
  });
  const cards = cardsOf(body);

  it('says so on its card with the reason and the fix, instead of a cost; the other cards show their costs', () => {
    const cc = text(cards[2]!);
    expect(cc).toContain('cannot be costed');
    expect(cc).toContain('a pod request of 16384 MiB is more than a m6i.xlarge node can allocate');
    expect(cc).toMatch(/Fix: choose a larger node type \(e\.g\. \S+\) in the strategy settings/);
    expect(cc).not.toContain(money(0, 'USD'));
    expect(cc).not.toContain('Does not run');
    for (const i of [0, 1, 3])
      expect(text(cards[i]!)).toContain(money(report.strategies[i]!.monthlyCost, 'USD'));
  });

  it('has no forecast line or column (not a line of zeros); the others keep theirs and their styles', () => {
    const f = forecast(plan, { months: 2, start: '2027-01' });
    const config = forecastConfig(f, 'USD', ['shared-host', 'vm-per-service', 'serverless']);
    const sets = config.data.datasets as { label?: string; pointStyle?: unknown }[];
    expect(sets.map((d) => d.label)).toEqual(
      ['shared-host', 'vm-per-service', 'serverless'].map((id) => STRATEGY_NAMES[id as StrategyId]),
    );
    expect(sets[2]!.pointStyle).toBe('rectRot');
    for (const id of ['forecast-table', 'forecast-totals']) {
      const head = table(body, id).split('</thead>')[0]!;
      expect(head).not.toContain(STRATEGY_NAMES['container-cluster']);
      expect(head).toContain(STRATEGY_NAMES.serverless);
    }
  });
});

describe('the terms of each total (issue 10 §5–§6)', () => {
  const report = sampleReport();

  it('states on each card its scaling mode, what it includes and what it does not, and marks an incomplete total', () => {
    const cards = cardsOf(render(ResultsPanel, { props: { report, forecast: null } }).body).map(text);
    report.strategies.forEach((s, i) => {
      const card = cards[i]!;
      expect(card).toContain(`Scaling: ${s.id === 'serverless' ? 'Per request' : 'Hourly, no scale-ahead'}`);
      expect(card).toContain('Includes: ');
      expect(card).toContain(`Not included (${s.notIncluded.length})`);
      for (const item of s.notIncluded) expect(card).toContain(item);
      // The sample's serverless leaves payments out: only its total is marked incomplete.
      expect(card.includes('incomplete total')).toBe(s.id === 'serverless');
    });
  });

  it('shows the scaling notice only when the elastic strategies are priced on different terms', () => {
    const same = render(ResultsPanel, { props: { report, forecast: null } }).body;
    expect(same).not.toContain('data-testid="scaling-notice"');
    const differing = {
      ...report,
      strategies: report.strategies.map((s) =>
        s.id === 'vm-per-service' ? { ...s, scaling: { mode: 'static' as const, aheadHours: 0 } } : s,
      ),
    };
    const body = text(render(ResultsPanel, { props: { report: differing, forecast: null } }).body);
    expect(body).toContain(
      'Scaling is not on equal terms. VM per service: Static (peak all month); Containers: Hourly, no scale-ahead; ' +
        'Fargate: Hourly, no scale-ahead.',
    );
    // Rendered on its own (no open plan to edit), the panel offers no change it could not make.
    expect(body).not.toContain('Scale all 3 hourly');
  });
});
