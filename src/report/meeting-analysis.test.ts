// The analyses in the report for the meeting: every figure the analyses return is in the HTML and the Markdown, as
// the analyses gave it (the report lays them out and computes nothing), with a chart and its table each; the HTML
// stays one inert, self-contained file.
import { describe, expect, it } from 'vitest';
import { breakEven, breakEvenCurve } from '../analysis/breakeven.ts';
import { bestMix } from '../analysis/mix.ts';
import { sensitivity } from '../analysis/sensitivity.ts';
import { simulate } from '../analysis/uncertainty.ts';
import { evaluate, forecast, STRATEGY_IDS, type Plan } from '../model/index.ts';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { formatAmount } from './table.ts';
import { buildMeetingDocument, SECTION_ORDER } from './meeting.ts';
import {
  breakEvenCurveSpan,
  breakEvenPair,
  inputWords,
  REPORT_SAMPLES,
  REPORT_SEED,
  TORNADO_ROWS,
  type MeetingAnalyses,
} from './meeting-analysis.ts';
import { meetingToHtml } from './meeting-html.ts';
import { meetingToMarkdown } from './meeting-markdown.ts';
import { activeParts, elements, planOf, visibleText } from '../test-support/meeting-html.ts';

/** What the CLI and the app's worker run for the report (the same calls, so the same figures). */
function analysesOf(plan: Plan): MeetingAnalyses {
  const report = evaluate(plan);
  const pair = breakEvenPair(report);
  const be = pair ? breakEven(plan, { ...pair, knob: 'traffic' }) : null;
  const sim = simulate(plan, { samples: REPORT_SAMPLES, seed: REPORT_SEED });
  return {
    breakEven:
      pair && be
        ? {
            result: be,
            curve: breakEvenCurve(plan, { ...pair, knob: 'traffic' }, breakEvenCurveSpan(be.value)),
          }
        : { reason: 'fewer than two strategies run every service' },
    sensitivity: sensitivity(plan),
    uncertainty: { bands: sim.bands, simulation: sim },
    mix: { result: bestMix(plan), reason: null },
  };
}

const md = (s: string) => s.replace(/\\/g, '');

describe('the analyses in the report for the meeting', () => {
  const food = planOf('examples/food-delivery.json');
  // Internal tools: serverless is the cheapest, shared hosts overtake it at about ×1.28 traffic.
  const tools = planOf('examples/internal-tools.json');
  const ranged: Plan = {
    ...tools,
    uncertainty: {
      trafficRps: { low: 0.6, high: 1.8 },
      cpuMsPerRequest: { low: 0.8, high: 1.3 },
      durationMs: { low: 0.9, high: 1.2 },
    },
  };
  const report = evaluate(ranged);
  const analyses = analysesOf(ranged);
  const doc = buildMeetingDocument({
    report,
    forecast: forecast(ranged, { months: 12, start: '2027-01' }),
    analyses,
  });
  const html = meetingToHtml(doc);
  const text = visibleText(html);
  const mdText = md(meetingToMarkdown(doc));

  it('has a section for each analysis, in SECTION_ORDER', () => {
    const ids = doc.sections.map((s) => s.id);
    for (const id of ['break-even', 'tornado', 'bands', 'best-mix'] as const) expect(ids).toContain(id);
    expect(ids).toEqual([...ids].sort((a, b) => SECTION_ORDER.indexOf(a) - SECTION_ORDER.indexOf(b)));
  });

  it('states the break-even of the cheapest and the runner-up, with the curve as a chart and a table', () => {
    const be = analyses.breakEven;
    if (!be || !('result' in be)) throw new Error('food delivery has a runner-up');
    const { result, curve } = be;
    expect(result.value).not.toBeNull();
    const at = `×${Number(result.value!.toPrecision(3))}`;
    for (const t of [text, mdText]) {
      expect(t).toContain(`at all traffic ${at}`);
      for (const id of [result.a, result.b]) expect(t).toContain(formatAmount(result.costs![id]!));
      for (const p of curve!.points)
        for (const id of [result.a, result.b]) expect(t).toContain(formatAmount(p.costs[id]!));
    }
  });

  it('states the tornado: the top rows with their costs at each end, in the order the analysis gave', () => {
    const s = analyses.sensitivity!;
    const id = s.swingOf!;
    const shown = s.rows.slice(0, TORNADO_ROWS);
    let from = 0;
    for (const r of shown) {
      const row = text.indexOf(inputWords(r.input), from);
      expect(row, r.input).toBeGreaterThanOrEqual(0);
      from = row;
      for (const v of [r.low[id]!, r.high[id]!, r.swing]) {
        expect(text).toContain(formatAmount(v));
        expect(mdText).toContain(formatAmount(v));
      }
    }
  });

  it('states the bands, the P10/P50/P90 and the chance each strategy is the cheapest', () => {
    const { bands, simulation } = analyses.uncertainty!;
    for (const id of STRATEGY_IDS) {
      for (const v of [bands!.low[id], bands!.typical[id], bands!.high[id]]) {
        if (v !== null && v !== undefined) expect(text).toContain(formatAmount(v));
      }
      const s = simulation!.strategies[id];
      for (const v of [s?.p10, s?.p50, s?.p90])
        if (typeof v === 'number') expect(mdText).toContain(formatAmount(v));
      expect(text).toContain(`${((simulation!.cheapestProbability[id] ?? 0) * 100).toFixed(1)}%`);
    }
    expect(text).toMatch(/is the cheapest in \d+\.\d% of the cases/);
    expect(text).toContain('1,000 samples (seed 1)');
  });

  it('states the best mix: its sentence, its total, its saving and where each service runs and why', () => {
    const m = analyses.mix!.result!;
    for (const t of [text, mdText]) {
      expect(t).toMatch(/^|\s Run .* a month, /);
      expect(t).toContain(`${formatAmount(m.monthlyCost)} USD a month`);
      if (m.savingsVsCheapestPure! > 0) expect(t).toContain(formatAmount(m.savingsVsCheapestPure!));
      for (const r of m.reasons) expect(t).toContain(md(r.text));
    }
  });

  it('draws each analysis as inline SVG beside a table of its figures, and stays one inert file', () => {
    expect(activeParts(html)).toEqual([]);
    // Summary and forecast, then break-even, tornado, bands and the mix.
    const svgs = elements(html).filter((e) => e.tagName === 'svg');
    expect(svgs).toHaveLength(6);
    for (const fig of elements(html).filter((e) =>
      e.attrs.some((a) => a.name === 'class' && a.value === 'figure'),
    ))
      expect(fig.childNodes.map((c) => c.nodeName)).toEqual(['svg', 'table']);
    expect(html).not.toMatch(/NaN|Infinity/);
    expect(mdText).not.toMatch(/NaN|Infinity/);
  });

  it('says when the two never swap places within the range searched (food delivery)', () => {
    const t = visibleText(
      meetingToHtml(buildMeetingDocument({ report: evaluate(food), analyses: analysesOf(food) })),
    );
    expect(t).toContain(
      'Serverless containers (Fargate) stays cheaper than Service instance per container for all traffic from ×0.01 ' +
        'to ×100: no break-even in the range searched.',
    );
  });

  it('keeps hostile service names inert in the analyses’ sections (tornado rows, the mix’s reasons)', () => {
    const names = ['"><script>alert(1)</script>', 'a | b', '[x](javascript:alert(1))', 'evil\u202Egpj'];
    const plan: Plan = {
      ...testPlan(
        awsUsEast1,
        names.map((name, i) => testService({ name, trafficRps: flat(20 + i * 15) })),
      ),
      name: '<img src=x onerror=alert(1)>',
    };
    const d = buildMeetingDocument({ report: evaluate(plan), analyses: analysesOf(plan) });
    const h = meetingToHtml(d);
    expect(activeParts(h)).toEqual([]);
    // The mix's reason for the service names it as text ("… on Containers: …").
    expect(visibleText(h)).toContain('"><script>alert(1)</script> on ');
    const m = meetingToMarkdown(d);
    expect(m).not.toMatch(/<script|<img|(?<!\\)\]\(javascript/i);
    // Every row of every table has its header's number of cells (a "|" in a name adds none).
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    let header = 0;
    for (const line of m.split('\n')) {
      if (!line.startsWith('|')) header = 0;
      else if (header === 0) header = cells(line);
      else expect(cells(line), line).toBe(header);
    }
  });

  it('says so when the plan gives no ranges, or has no pair to compare, or no mix', () => {
    const d = buildMeetingDocument({
      report: evaluate(food),
      analyses: {
        breakEven: { reason: 'only one strategy runs every service' },
        uncertainty: { bands: null, simulation: null },
        mix: { result: null, reason: 'no strategy can run db' },
      },
    });
    const t = visibleText(meetingToHtml(d));
    expect(t).toContain('No break-even to show: only one strategy runs every service.');
    expect(t).toContain('The plan gives no "uncertainty" ranges');
    expect(t).toContain('No mix: no strategy can run db.');
    expect(d.sections.map((s) => s.id)).not.toContain('tornado');
  });
});
