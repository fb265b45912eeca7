import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, forecast, type Report } from '../model/index.ts';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { exportStyle, formatAmount, formatNumber, printable } from './table.ts';
import { figureText } from './figures.ts';
import { buildMeetingDocument, SECTION_ORDER, type MeetingInput } from './meeting.ts';
import { meetingToHtml } from './meeting-html.ts';
import { meetingToMarkdown } from './meeting-markdown.ts';
import { activeParts, elements, planOf, visibleText } from '../test-support/meeting-html.ts';

const HOSTILE = [
  '"><script>alert(1)</script>',
  "<img src=x onerror=alert('x')>",
  '[click](javascript:alert(1)) | **bold** `code`',
  'evil\u202Egpj.exe',
  '</style><style>body{background:url(https://evil.example/x)}</style>',
  '# heading\n- item',
  '1. not a list & <b>',
];

function hostilePlan() {
  return {
    ...testPlan(
      awsUsEast1,
      HOSTILE.map((name, i) => testService({ name, trafficRps: flat(20 + i * 5), stateful: i === 1 })),
    ),
    name: '<script>document.location="https://evil.example"</script> plan',
  };
}

/** Every figure of a report as the meeting report writes it. */
function figuresOf(report: Report): string[] {
  const out: string[] = [];
  for (const s of report.strategies) {
    if (!s.cannotCost) out.push(formatAmount(s.monthlyCost));
    for (const v of [s.utilization.cpuAverage, s.utilization.cpuPeak])
      if (v !== null) out.push(`${(v * 100).toFixed(1)}%`);
    for (const f of s.figures) out.push(figureText(f, exportStyle(report.currency)));
    for (const c of s.services) if (c.included && !s.cannotCost) out.push(formatAmount(c.cost));
    for (const l of s.lineItems)
      out.push(formatAmount(l.cost), formatNumber(l.quantity), String(l.unitPrice));
    for (const w of s.warnings) out.push(w.message);
    out.push(...s.notIncluded);
  }
  return out;
}

describe('the report for the meeting', () => {
  const food = planOf('examples/food-delivery.json');
  const input: MeetingInput = {
    report: evaluate(food),
    forecast: forecast(food, { months: 24, start: '2027-01' }),
    generatedAt: '2026-11-30 10:00 UTC',
    version: '9.9.9',
  };
  const doc = buildMeetingDocument(input);
  const html = meetingToHtml(doc);
  const md = meetingToMarkdown(doc);

  it('is one HTML file with no script, no external URL and nothing that fetches (parsed as a browser would)', () => {
    expect(activeParts(html)).toEqual([]);
    const metas = elements(html).filter((e) => e.tagName === 'meta');
    const csp = metas.find((m) => m.attrs.some((a) => a.value === 'Content-Security-Policy'));
    expect(csp?.attrs.find((a) => a.name === 'content')?.value).toMatch(/default-src 'none'/);
    // The control: the check does find a script, a fetching image and a stylesheet URL.
    expect(
      activeParts('<p onclick="x()">a</p><script></script><svg><image href="https://e/x"/></svg>'),
    ).toEqual(['p[onclick]', '<script>', '<image>', 'image[href=https://e/x]', 'image[href=https://e/x]']);
    expect(activeParts('<style>a{background:url(x)}</style>')).toEqual(['style with url()/@import']);
  });

  it('states every figure of the Report: each cost, utilization, capacity, line item, warning, not-included item', () => {
    const text = visibleText(html);
    for (const f of figuresOf(input.report)) {
      expect(text, f).toContain(f);
      expect(md.replace(/\\/g, ''), f).toContain(f.replace(/\\/g, ''));
    }
    // The cheapest and its margin (standings): Fargate, 35.0% below containers.
    expect(text).toContain(
      'Cheapest strategy that runs every service: Serverless containers (Fargate), 322.82 USD',
    );
    expect(text).toContain('35.0% below the next complete strategy, Service instance per container');
    for (const m of input.forecast!.months) expect(text).toContain(m.calendarMonth);
    for (const y of input.forecast!.years) expect(text).toContain(formatAmount(y.costs['shared-host']));
    expect(text).toContain('Static (peak all month)');
    expect(text).toContain('Per request');
  });

  it('draws each chart as inline SVG beside a table of the same figures', () => {
    const svgs = elements(html).filter((e) => e.tagName === 'svg');
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg.attrs.find((a) => a.name === 'role')?.value).toBe('img');
    for (const fig of elements(html).filter((e) =>
      e.attrs.some((a) => a.name === 'class' && a.value === 'figure'),
    )) {
      const tags = fig.childNodes.map((c) => c.nodeName);
      expect(tags).toEqual(['svg', 'table']);
    }
  });

  it('escapes hostile service and plan names in HTML and Markdown: they show as text, never as markup', () => {
    const plan = hostilePlan();
    const d = buildMeetingDocument({
      report: evaluate(plan),
      forecast: forecast(plan, { months: 3, start: '2027-01' }),
    });
    const h = meetingToHtml(d);
    expect(activeParts(h)).toEqual([]);
    const text = visibleText(h);
    for (const name of HOSTILE) expect(text).toContain(printable(name.replace(/\n/g, '\n')).split('\n')[0]);
    expect(text).toContain('evil\\u202Egpj.exe');
    expect(h).not.toMatch(/<script|<img|<\/style><style>/i);

    const m = meetingToMarkdown(d);
    expect(m).not.toMatch(/<script|<img|<b>|(?<!\\)\]\(javascript/i);
    // A name with a pipe does not add a column: every row of the per-service table has the header's cell count.
    const lines = m.split('\n');
    const at = lines.findIndex((l) => l.startsWith('| Service |'));
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (let i = at; lines[i]?.startsWith('|'); i += 1)
      expect(cells(lines[i]!), lines[i]).toBe(cells(lines[at]!));
    // A name starting with "#" or "1." does not become a heading or a list.
    expect(
      lines.filter((l) => l.startsWith('#')).every((l) => /^#{1,2} /.test(l) && !l.includes('# heading')),
    ).toBe(true);
  });

  it('keeps any name inert (property): no active part, and the name readable, for arbitrary service names', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        (name, planName) => {
          const plan = {
            ...testPlan(awsUsEast1, [testService({ name, trafficRps: flat(10) })]),
            name: planName,
          };
          const h = meetingToHtml(buildMeetingDocument({ report: evaluate(plan) }));
          expect(activeParts(h)).toEqual([]);
          const shown = printable(name.replace(/[\r\n\u2028\u2029]+/g, ' '));
          // HTML parsing normalizes CR/LF and NUL; compare what survives it.
          if (!/[\r\0]/.test(name)) expect(visibleText(h)).toContain(shown.trim() === '' ? '' : shown);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('places the sections in order, with extension points for the analyses and the comparison when given', () => {
    const other = evaluate({ ...food, name: 'Twice the traffic' });
    const d = buildMeetingDocument({
      ...input,
      comparison: [
        { name: 'Today', report: input.report, isBase: true },
        { name: 'Black Friday', report: other, changes: ['traffic × 2'] },
      ],
      extensions: {
        tornado: { title: 'Tornado', blocks: [{ kind: 'paragraph', text: 'What moves the total most' }] },
        'break-even': { title: 'Break-even', blocks: [{ kind: 'list', items: ['at 2.5× traffic'] }] },
      },
    });
    const ids = d.sections.map((s) => s.id);
    expect(ids).toEqual([...ids].sort((a, b) => SECTION_ORDER.indexOf(a) - SECTION_ORDER.indexOf(b)));
    expect(ids).toContain('comparison');
    expect(ids.indexOf('break-even')).toBeLessThan(ids.indexOf('tornado'));
    expect(ids).not.toContain('bands');
    const t = visibleText(meetingToHtml(d));
    expect(t).toContain('Today (base)');
    expect(t).toContain('Black Friday: traffic × 2.');
    expect(t).toContain('at 2.5× traffic');
  });

  it('never writes NaN or Infinity, even for a plan with no services priced by a strategy', () => {
    const plan = testPlan(awsUsEast1, [testService({ name: 'db', stateful: true, trafficRps: flat(0) })]);
    const d = buildMeetingDocument({
      report: evaluate(plan),
      forecast: forecast(plan, { months: 1, start: '2027-01' }),
    });
    expect(meetingToHtml(d)).not.toMatch(/NaN|Infinity/);
    expect(meetingToMarkdown(d)).not.toMatch(/NaN|Infinity/);
  });
});

describe('savings plan commitments in the report for the meeting', () => {
  const svc = testService({ name: 'api', trafficRps: flat(300), cpuMsPerRequest: 20 });
  const withCommit = testPlan(awsUsEast1, [svc], {
    containerCluster: { commitment: { hourlyCommitment: 0.2, discount: 0.28 } },
  });

  it('has a section with committed, used, wasted and the best level when a strategy has a commitment', () => {
    const report = evaluate(withCommit);
    const c = report.strategies.find((s) => s.id === 'container-cluster')!.commitment!;
    const doc = buildMeetingDocument({ report });
    const section = doc.sections.find((s) => s.id === 'commitments')!;
    expect(section.title).toBe('Savings plan commitments');
    const html = meetingToHtml(doc);
    const md = meetingToMarkdown(doc);
    for (const text of [html, md]) {
      expect(text).toContain('Savings plan commitments');
      expect(text).toContain(formatAmount(c.committed));
      expect(text).toContain(formatAmount(c.best.saves));
    }
  });

  it('has none when no strategy has one', () => {
    const doc = buildMeetingDocument({ report: evaluate(testPlan(awsUsEast1, [svc])) });
    expect(doc.sections.some((s) => s.id === 'commitments')).toBe(false);
  });
});
