// Server-side renders of the comparison panel, checked against the reports it compares.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../model/types.ts';
import { STRATEGY_NAMES } from '../../model/index.ts';
import { money, moneyDelta, percentDelta } from '../format.ts';
import { sampleReport } from '../results/sample-report.ts';
import ComparePanel from './ComparePanel.svelte';
import { centsDelta } from './compare.ts';

const text = (html: string) =>
  html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const base = sampleReport();
const cheaper: Report = {
  ...base,
  strategies: base.strategies.map((s) => ({ ...s, monthlyCost: Math.round(s.monthlyCost * 80) / 100 })),
};

describe('ComparePanel', () => {
  const entries = [
    { id: 'a', name: 'Food delivery', isBase: true, report: base },
    { id: 'b', name: 'Reserved instances', isBase: false, report: cheaper },
  ];
  const html = render(ComparePanel, { props: { entries, currency: 'USD', onExport: () => {} } }).body;
  const table = text(html.slice(html.indexOf('data-testid="comparison"'), html.indexOf('</table>')));

  it('shows each strategy’s total for every entry, with deltas against the base in money and percent', () => {
    expect(table).toContain('Food delivery base');
    for (const s of base.strategies) {
      const other = cheaper.strategies.find((x) => x.id === s.id)!;
      const delta = centsDelta(other.monthlyCost, s.monthlyCost);
      const row = table.slice(table.indexOf(STRATEGY_NAMES[s.id]));
      expect(row).toContain(money(s.monthlyCost, 'USD'));
      expect(row).toContain(
        `${money(other.monthlyCost, 'USD')} ${moneyDelta(delta, 'USD')} (${percentDelta(delta / s.monthlyCost)})`,
      );
    }
    expect(table).toMatch(/−\$[\d,.]+ \(−20(\.0)?\s?%\)/);
  });

  it('marks a total that leaves services out as incomplete (issue 10 §6)', () => {
    const row = table.slice(table.indexOf(STRATEGY_NAMES.serverless));
    expect(row).toContain('incomplete total: leaves out payments');
    expect(table.slice(0, table.indexOf(STRATEGY_NAMES.serverless))).not.toContain('incomplete total');
  });

  it('names each entry’s cheapest strategy and has the export button and a chart with data', () => {
    expect(table).toContain(
      `Cheapest ${STRATEGY_NAMES[base.cheapest!]} ${STRATEGY_NAMES[cheaper.cheapest!]}`,
    );
    expect(text(html)).toContain('Export comparison CSV');
    expect(html).toMatch(/<canvas[^>]*role="img"[^>]*aria-label="[^"]+"/);
    expect(text(html)).toContain('Show data');
  });

  it('asks for a second entry when only one is given', () => {
    const one = render(ComparePanel, {
      props: { entries: entries.slice(0, 1), currency: 'USD', onExport: () => {} },
    }).body;
    expect(text(one)).toContain('Choose at least two plans or scenarios to compare.');
  });

  it('says a strategy cannot be costed instead of $0, states each scenario’s changes, and flags a draft', () => {
    const stuck: Report = {
      ...cheaper,
      strategies: cheaper.strategies.map((s) =>
        s.id === 'container-cluster'
          ? {
              ...s,
              monthlyCost: 0,
              cannotCost: [{ path: 'x', service: 'db', message: 'pod too big', fix: 'a larger node' }],
            }
          : s,
      ),
    };
    const html3 = render(ComparePanel, {
      props: {
        entries: [
          { id: 'a', name: 'Food delivery', isBase: true, report: base },
          {
            id: 'b',
            name: 'Peak season',
            isBase: false,
            report: stuck,
            changes: ['traffic ×1.5', 'VM discount 30%'],
            draft: true,
          },
        ],
        currency: 'USD',
        onExport: () => {},
      },
    }).body;
    const t = text(html3);
    const row = t.slice(t.indexOf(STRATEGY_NAMES['container-cluster']));
    expect(row).toMatch(/^Service instance per container \$[\d,.]+ Cannot be costed db: pod too big/);
    // The chart's data table says it too (the bar is missing, not $0).
    expect(t).toMatch(/Show data .*Service instance per container \$[\d,.]+ cannot be costed/);
    expect(t).toContain('What each scenario changes');
    expect(t).toMatch(/Peak season ?: traffic ×1\.5; VM discount 30%/);
    expect(t).toContain('Peak season has problems: figures are from its last valid version');
  });
});
