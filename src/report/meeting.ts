// The report for the meeting (issue 11 §5) as one document model: sections of plain blocks (paragraphs, lists,
// tables, charts with their numbers) built from the engine's Report, its Forecast and, when given, a comparison of
// plans or scenarios. The Markdown and HTML renderers (meeting-markdown.ts, meeting-html.ts) only lay these blocks out, so both
// formats always say the same thing. Every text here is plain and unescaped: escaping is the renderer's job, for its
// own format. Every figure is read from the report (src/model/summary.ts for the cheapest and its margin); nothing
// is recomputed.
import {
  STRATEGY_IDS,
  STRATEGY_NAMES,
  STRATEGY_SHORT_NAMES,
  standings,
  type Standing,
  type Forecast,
  type Report,
  type StrategyId,
  type StrategyReport,
} from '../model/index.ts';
import { figureText, headlineFigures } from './figures.ts';
import { exportStyle, formatAmount, formatNumber } from './table.ts';
import {
  bestCommitmentText,
  COMMITMENT_ALIGN,
  COMMITMENT_HEADER,
  commitmentRows,
  withCommitment,
} from './commitment.ts';
import { leavesOut, leftOut, scalingText, viaFallback } from './terms.ts';
import { analysisSections, type MeetingAnalyses } from './meeting-analysis.ts';

export type Align = 'left' | 'right';

export interface TableBlock {
  kind: 'table';
  /** What the table shows, said before it (also the HTML caption). */
  caption: string;
  header: string[];
  rows: string[][];
  /** One per column; missing columns are left-aligned. */
  align: Align[];
}

/** A horizontal bar chart: one bar per label; `null` draws no bar and shows `note` instead (e.g. cannot be costed). */
export interface BarChart {
  kind: 'bars';
  title: string;
  unit: string;
  bars: {
    /** The strategy the bar stands for, coloured as it is everywhere; none (the best mix): a neutral colour. */
    key?: StrategyId;
    label: string;
    value: number | null;
    note: string;
    highlight: boolean;
    /** Drawn faint: a total that is not comparable (incomplete). */
    muted: boolean;
  }[];
}

/** Lines over a shared x axis (months, or a knob's values): one series per strategy, coloured as that strategy. */
export interface LineChart {
  kind: 'lines';
  title: string;
  unit: string;
  x: string[];
  /** `null`: no cost there (cannot be costed); the line breaks. */
  series: { key: StrategyId; label: string; values: (number | null)[] }[];
  /** Vertical lines at a (fractional) index of `x`, labelled: the plan's own value, a break-even. */
  markers?: { at: number; label: string }[];
}

/**
 * One horizontal bar per row from `low` to `high` on a shared value axis, with an optional mark inside it (the
 * typical value) and a vertical reference line (the plan as it is): the tornado and the uncertainty bands.
 */
export interface RangeChart {
  kind: 'ranges';
  title: string;
  unit: string;
  reference: { value: number; label: string } | null;
  /**
   * `low`/`high` null: no bar (cannot be costed at that end). `key`: a strategy's row, in its colour; otherwise
   * neutral, and red when `highlight` (a tornado row at whose end the cheapest strategy changes).
   */
  rows: {
    key?: StrategyId;
    label: string;
    low: number | null;
    high: number | null;
    mark: number | null;
    highlight: boolean;
  }[];
}

/** A chart always travels with the table of its figures (WCAG: a chart is never the only carrier of a number). */
export interface ChartBlock {
  kind: 'chart';
  chart: BarChart | LineChart | RangeChart;
  data: TableBlock;
}

export type Block =
  | { kind: 'paragraph'; text: string; emphasis?: 'strong' | 'note' }
  | { kind: 'list'; items: string[] }
  | TableBlock
  | ChartBlock;

/**
 * The sections of the report, in order. The four analyses of issue 11 (break-even, tornado, bands, best mix) are
 * EXTENSION POINTS: their section appears when `MeetingInput.analyses` carries the analysis' result (laid out by
 * meeting-analysis.ts) or `MeetingInput.extensions` carries the section itself.
 */
export const SECTION_ORDER = [
  'summary',
  'strategies',
  'services',
  'not-included',
  'warnings',
  // Savings-plan commitments (issue 13 §5), when a strategy has one.
  'commitments',
  'forecast',
  'comparison',
  // Extension points (issue 11 §1–§4), filled from MeetingInput.extensions:
  'break-even',
  'tornado',
  'bands',
  'best-mix',
  // Last: every capacity figure and the line items of every strategy, for whoever checks a total.
  'line-items',
] as const;
export type SectionId = (typeof SECTION_ORDER)[number];
export type ExtensionId = Extract<SectionId, 'break-even' | 'tornado' | 'bands' | 'best-mix'>;
export const EXTENSION_IDS: readonly ExtensionId[] = ['break-even', 'tornado', 'bands', 'best-mix'];

export interface Section {
  id: SectionId;
  title: string;
  blocks: Block[];
  /** Start this section on a new printed page (the appendix). */
  pageBreakBefore?: boolean;
}

/**
 * What an analysis hands the report: its own title and blocks (tables, charts with their data tables, sentences),
 * built from its result by the analysis' own code. The report only places it.
 */
export interface ExtensionSection {
  title: string;
  blocks: Block[];
}

/** One plan or scenario of a comparison (the app's compare view: `CompareEntry`). */
export interface ComparedEntry {
  name: string;
  report: Report;
  isBase?: boolean;
  /** A scenario's changes to its base, in words. */
  changes?: string[];
}

export interface MeetingInput {
  report: Report;
  forecast?: Forecast | undefined;
  comparison?: readonly ComparedEntry[] | undefined;
  extensions?: Partial<Record<ExtensionId, ExtensionSection>> | undefined;
  /** The analyses' results, run by the caller (CLI or worker); each becomes its extension section. */
  analyses?: MeetingAnalyses | undefined;
  /** When the report was made (ISO text); the engine reads no clock, the caller gives it. */
  generatedAt?: string | undefined;
  /** The tool's version, said in the footer. */
  version?: string | undefined;
}

export interface MeetingDocument {
  title: string;
  /** One line under the title: catalog, prices date, currency, hours a month, when made. */
  subtitle: string;
  sections: Section[];
  footer: string;
}

const percent = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)}%`;

function costText(s: StrategyReport, currency: string): string {
  if (s.cannotCost) return 'cannot be costed';
  const amount = `${formatAmount(s.monthlyCost)} ${currency}`;
  return leftOut(s).length > 0 ? `${amount} (incomplete)` : amount;
}

/** Two headline capacity figures of a strategy; the capacity table has them all. */
function capacityText(s: StrategyReport, currency: string): string {
  const chosen = headlineFigures(s);
  const style = exportStyle(currency);
  return chosen.length === 0 ? '–' : chosen.map((f) => `${f.label} ${figureText(f, style)}`).join(', ');
}

/** Every capacity figure of every strategy: one row per figure, one column per strategy. */
function capacityTable(report: Report): TableBlock {
  const rows = new Map<string, string>();
  for (const s of report.strategies)
    for (const f of s.figures) if (!rows.has(f.key)) rows.set(f.key, f.label);
  const style = exportStyle(report.currency);
  return {
    kind: 'table',
    caption: 'Capacity: every figure the engine reports for each strategy',
    header: ['Figure', ...report.strategies.map((s) => STRATEGY_SHORT_NAMES[s.id])],
    align: ['left', ...report.strategies.map((): Align => 'right')],
    rows: [...rows].map(([key, label]) => [
      label,
      ...report.strategies.map((s) => {
        const f = s.figures.find((x) => x.key === key);
        return f === undefined || !Number.isFinite(f.value) ? '–' : figureText(f, style);
      }),
    ]),
  };
}

function summarySection(report: Report): Section {
  const st = standings(report);
  const cur = report.currency;
  const blocks: Block[] = [];
  const cheapest = st.strategies.find((s) => s.standing === 'cheapest');
  if (cheapest && cheapest.cost !== null) {
    const runner = st.strategies.find((s) => s.id === st.runnerUp);
    const margin =
      runner && runner.margin !== null && runner.difference !== null
        ? ` It is ${percent(runner.margin)} below the next complete strategy, ${runner.name} ` +
          `(${formatAmount(runner.difference)} ${cur} a month less).`
        : ' No other strategy runs every service, so there is nothing to compare it with.';
    blocks.push({
      kind: 'paragraph',
      emphasis: 'strong',
      text: `Cheapest strategy that runs every service: ${cheapest.name}, ${formatAmount(cheapest.cost)} ${cur} a month.${margin}`,
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      emphasis: 'strong',
      text: 'No strategy runs every service of this plan, so none is named cheapest.',
    });
  }
  const n = report.strategies[0]?.services.length ?? 0;
  const warnings = report.strategies.reduce((a, s) => a + s.warnings.length, 0);
  blocks.push({
    kind: 'list',
    items: [
      `Plan: ${report.plan}, ${n} service${n === 1 ? '' : 's'}.`,
      `Prices: catalog ${report.catalog.id}, as of ${report.catalog.asOf}, in ${cur}; ${formatNumber(report.hoursPerMonth)} hours a month.`,
      `Warnings: ${warnings === 0 ? 'none' : String(warnings)}.`,
    ],
  });
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'bars',
      title: `Monthly cost by strategy (${cur})`,
      unit: cur,
      bars: st.strategies.map((s) => ({
        key: s.id,
        label: STRATEGY_SHORT_NAMES[s.id],
        value: s.cost,
        note: standingNote(s.standing),
        highlight: s.standing === 'cheapest',
        muted: s.standing === 'incomplete',
      })),
    },
    data: {
      kind: 'table',
      caption: `The cheapest and each strategy's margin (${cur} a month)`,
      header: ['Strategy', 'Monthly cost', 'Standing', 'More than the cheapest', 'Cheapest is below it by'],
      align: ['left', 'right', 'left', 'right', 'right'],
      rows: st.strategies.map((s) => [
        s.name,
        s.cost === null ? 'cannot be costed' : formatAmount(s.cost),
        s.standing === 'cheapest'
          ? 'cheapest'
          : s.standing === 'complete'
            ? 'runs every service'
            : s.standing === 'incomplete'
              ? `incomplete: ${leavesOut(s.excluded)}`
              : 'cannot be costed',
        s.difference === null ? '–' : formatAmount(s.difference),
        percent(s.margin),
      ]),
    },
  });
  return { id: 'summary', title: 'Summary', blocks };
}

function strategiesSection(report: Report): Section {
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: 'Cost, scaling, utilization and capacity of each strategy',
      header: ['Strategy', 'Monthly cost', 'Scaling', 'CPU average', 'CPU peak', 'Capacity', 'Warnings'],
      align: ['left', 'right', 'left', 'right', 'right', 'left', 'right'],
      rows: report.strategies.map((s) => [
        s.name,
        costText(s, report.currency),
        scalingText(s.scaling),
        percent(s.utilization.cpuAverage),
        percent(s.utilization.cpuPeak),
        capacityText(s, report.currency),
        String(s.warnings.length),
      ]),
    },
  ];
  const notes: string[] = [];
  for (const s of report.strategies) {
    const missing = leftOut(s);
    if (!s.cannotCost && missing.length > 0) {
      notes.push(
        `${s.name} ${leavesOut(missing)}: its total is incomplete, not comparable, and never counts as cheapest.`,
      );
    }
    const via = viaFallback(s);
    const by = s.services.find((x) => x.via !== undefined)?.via;
    if (via.length > 0 && by !== undefined) {
      notes.push(
        `${s.name} includes ${via.join(', ')}, priced as ${STRATEGY_NAMES[by]} would price ${via.length === 1 ? 'it' : 'them'} alone.`,
      );
    }
    for (const p of s.cannotCost ?? []) notes.push(`${s.name} cannot be costed: ${p.message}; ${p.fix}.`);
  }
  if (notes.length > 0) blocks.push({ kind: 'list', items: notes });
  blocks.push({
    kind: 'paragraph',
    emphasis: 'note',
    text:
      'Scaling: "Static" sizes capacity for the peak and pays it all month; "Hourly" follows demand hour by hour ' +
      '(sized ahead by the hours shown); "Per request" pays each request (Lambda). CPU utilization is demand over ' +
      'paid vCPU, averaged over the week and at the busiest hour (none for serverless).',
  });
  return { id: 'strategies', title: 'Strategies', blocks };
}

function servicesSection(report: Report): Section | null {
  const names: string[] = [];
  for (const s of report.strategies)
    for (const c of s.services) if (!names.includes(c.service)) names.push(c.service);
  if (names.length === 0) return null;
  const rows = names.map((n) => [
    n,
    ...report.strategies.map((s) => {
      const c = s.services.find((x) => x.service === n);
      if (c === undefined || s.cannotCost) return '–';
      if (!c.included) return 'not included';
      return `${formatAmount(c.cost)}${c.via === undefined ? '' : ' (fallback)'}`;
    }),
  ]);
  rows.push([
    'Total',
    ...report.strategies.map((s) => (s.cannotCost ? 'cannot be costed' : formatAmount(s.monthlyCost))),
  ]);
  return {
    id: 'services',
    title: 'Cost per service',
    blocks: [
      {
        kind: 'table',
        caption:
          `${report.currency} a month; shared costs allocated: shared hosts by CPU use, containers by pod CPU ` +
          'requests, serverless by requests and GB-seconds; a VM is its service’s own',
        header: ['Service', ...report.strategies.map((s) => STRATEGY_SHORT_NAMES[s.id])],
        align: ['left', ...report.strategies.map((): Align => 'right')],
        rows,
      },
    ],
  };
}

function notIncludedSection(report: Report): Section {
  return {
    id: 'not-included',
    title: 'Not included in the totals',
    blocks: [
      {
        kind: 'list',
        items: report.strategies.map((s) => `${s.name}: ${s.notIncluded.join('; ') || 'nothing listed'}.`),
      },
    ],
  };
}

function warningsSection(report: Report): Section {
  const rows = report.strategies.flatMap((s) =>
    s.warnings.map((w) => [STRATEGY_SHORT_NAMES[s.id], w.service ?? '(all)', w.message, w.code]),
  );
  return {
    id: 'warnings',
    title: `Warnings (${rows.length})`,
    blocks:
      rows.length === 0
        ? [{ kind: 'paragraph', text: 'No warnings.' }]
        : [
            {
              kind: 'table',
              caption: 'What the engine flagged, strategy by strategy',
              header: ['Strategy', 'Service', 'Warning', 'Code'],
              align: ['left', 'left', 'left', 'left'],
              rows,
            },
          ],
  };
}

function forecastSection(f: Forecast, currency: string): Section | null {
  const first = f.months[0];
  const last = f.months.at(-1);
  if (!first || !last) return null;
  const n = f.months.length;
  const partial = STRATEGY_IDS.filter((id) => !f.complete.includes(id));
  const head = (id: StrategyId) => `${STRATEGY_SHORT_NAMES[id]}${partial.includes(id) ? ' *' : ''}`;
  const rows = f.months.map((m) => [
    m.calendarMonth,
    ...STRATEGY_IDS.map((id) => formatAmount(m.costs[id])),
    m.leader === null ? '–' : STRATEGY_SHORT_NAMES[m.leader],
  ]);
  for (const y of f.years) {
    rows.push([
      `Year ${y.year}${y.months < 12 ? ` (${y.months} mo)` : ''}`,
      ...STRATEGY_IDS.map((id) => formatAmount(y.costs[id])),
      '',
    ]);
  }
  if (f.years.length > 1)
    rows.push([`All ${n} months`, ...STRATEGY_IDS.map((id) => formatAmount(f.total[id])), '']);
  const changes = [
    `From ${first.calendarMonth}: ${first.leader === null ? 'no strategy runs every service' : STRATEGY_NAMES[first.leader]}.`,
    ...f.leadChanges.map((c) => {
      const by =
        c.margin !== null && c.previous !== null
          ? ` (${percent(c.margin)} below ${STRATEGY_NAMES[c.previous]})`
          : '';
      return `From ${c.calendarMonth}: ${c.leader === null ? 'no strategy runs every service' : STRATEGY_NAMES[c.leader]}${by}.`;
    }),
  ];
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `${n} month${n === 1 ? '' : 's'} from ${first.calendarMonth} to ${last.calendarMonth}, traffic grown by each ` +
        `service's growthPerMonth. The cheapest that runs every service (a lead of ${percent(f.tolerance)} or less ` +
        'is not counted as a change):',
    },
    { kind: 'list', items: changes },
  ];
  if (partial.length > 0) {
    blocks.push({
      kind: 'paragraph',
      emphasis: 'note',
      text: '* incomplete: leaves out services (or cannot be costed), so its totals are not comparable and never lead.',
    });
  }
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'lines',
      title: `Monthly cost by strategy (${currency})`,
      unit: `${currency} a month`,
      x: f.months.map((m) => m.calendarMonth),
      series: STRATEGY_IDS.map((id) => ({
        key: id,
        label: head(id),
        values: f.months.map((m) => m.costs[id]),
      })),
    },
    data: {
      kind: 'table',
      caption: `Forecast: ${currency} a month, then per year and in all`,
      header: ['Month', ...STRATEGY_IDS.map(head), 'Cheapest'],
      align: ['left', ...STRATEGY_IDS.map((): Align => 'right'), 'left'],
      rows,
    },
  });
  return { id: 'forecast', title: 'Forecast', blocks };
}

function comparisonSection(entries: readonly ComparedEntry[]): Section | null {
  if (entries.length === 0) return null;
  const baseAt = Math.max(
    0,
    entries.findIndex((e) => e.isBase),
  );
  const base = entries[baseAt]!;
  const cents = (x: number) => Math.round(x * 100);
  const cost = (r: Report, id: StrategyId): number | null => {
    const s = r.strategies.find((x) => x.id === id);
    return s && !s.cannotCost ? s.monthlyCost : null;
  };
  const rows = STRATEGY_IDS.map((id) => [
    STRATEGY_NAMES[id],
    ...entries.map((e, i) => {
      const c = cost(e.report, id);
      if (c === null) return 'cannot be costed';
      const b = cost(base.report, id);
      if (i === baseAt || b === null) return formatAmount(c);
      const delta = (cents(c) - cents(b)) / 100;
      const sign = delta > 0 ? '+' : '';
      return `${formatAmount(c)} (${sign}${formatAmount(delta)}${b === 0 ? '' : `, ${sign}${((delta / b) * 100).toFixed(1)}%`})`;
    }),
  ]);
  rows.push([
    'Cheapest',
    ...entries.map((e) =>
      e.report.cheapest === null ? 'none runs every service' : STRATEGY_SHORT_NAMES[e.report.cheapest],
    ),
  ]);
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: `Monthly cost of each plan or scenario (${base.report.currency}; differences against ${base.name})`,
      header: ['Strategy', ...entries.map((e, i) => (i === baseAt ? `${e.name} (base)` : e.name))],
      align: ['left', ...entries.map((): Align => 'right')],
      rows,
    },
  ];
  const changed = entries.filter((e) => e.changes && e.changes.length > 0);
  if (changed.length > 0) {
    blocks.push({
      kind: 'list',
      items: changed.map((e) => `${e.name}: ${(e.changes ?? []).join('; ')}.`),
    });
  }
  return { id: 'comparison', title: 'Scenarios compared', blocks };
}

/** The settings each strategy was priced with (`strategies.<key>` of the plan, defaults applied), as plan fields. */
function settingsTable(report: Report): TableBlock {
  return {
    kind: 'table',
    caption: "Settings: what each strategy was priced with (the plan's strategy settings, defaults applied)",
    header: ['Strategy', 'Settings'],
    align: ['left', 'left'],
    rows: report.strategies.map((s) => [
      STRATEGY_SHORT_NAMES[s.id],
      Object.entries(s.settings)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? formatNumber(v) : String(v)}`)
        .join(', '),
    ]),
  };
}

function appendixSection(report: Report): Section {
  const items: Block[] = report.strategies.map((s) => ({
    kind: 'table',
    caption: s.cannotCost
      ? `${s.name}: cannot be costed, no line items`
      : `${s.name}: ${costText(s, report.currency)}`,
    header: ['Component', 'Service', 'Quantity', 'Unit', 'Unit price', 'Cost'],
    align: ['left', 'left', 'right', 'left', 'right', 'right'],
    rows: s.lineItems.map((l) => [
      l.component,
      l.service ?? '(shared)',
      formatNumber(l.quantity),
      l.unit,
      String(l.unitPrice),
      formatAmount(l.cost),
    ]),
  }));
  // Every capacity figure first (the Strategies table shows two headline figures each), the settings, then the
  // line items.
  const blocks: Block[] = report.strategies.some((s) => Object.keys(s.capacity).length > 0)
    ? [capacityTable(report), settingsTable(report), ...items]
    : [settingsTable(report), ...items];
  return { id: 'line-items', title: 'Appendix: capacity and line items', blocks, pageBreakBefore: true };
}

/** Savings-plan commitments (issue 13 §5): the terminal table's rows, what each covers, and the best level. */
function commitmentsSection(report: Report): Section | null {
  const rows = commitmentRows(report);
  if (rows.length === 0) return null;
  const cur = report.currency;
  return {
    id: 'commitments',
    title: 'Savings plan commitments',
    blocks: [
      {
        kind: 'table',
        caption: `Committed, used and wasted a month (${cur}), and the level that costs least for the plan's curve`,
        header: [...COMMITMENT_HEADER],
        align: [...COMMITMENT_ALIGN],
        rows,
      },
      {
        kind: 'list',
        items: withCommitment(report).map(
          ({ s, c }) =>
            `${s.name}: ${bestCommitmentText(c, cur)}. It covers ${c.covers}${c.eligible ? '' : ' (none here: Spot capacity)'}; not ${c.notCovered}.`,
        ),
      },
    ],
  };
}

/** A bar's note on a strategy's standing ("cheapest" only where the chart marks the cheapest among strategies). */
export function standingNote(standing: Standing, markCheapest = true): string {
  if (standing === 'cannot-cost') return 'cannot be costed';
  if (standing === 'incomplete') return 'incomplete';
  return standing === 'cheapest' && markCheapest ? 'cheapest' : '';
}

/** The report for the meeting, as sections in SECTION_ORDER; a section without content is left out. */
export function buildMeetingDocument(input: MeetingInput): MeetingDocument {
  const { report } = input;
  const built: Partial<Record<SectionId, Section | null>> = {
    summary: summarySection(report),
    strategies: strategiesSection(report),
    services: servicesSection(report),
    'not-included': notIncludedSection(report),
    warnings: warningsSection(report),
    commitments: commitmentsSection(report),
    forecast: input.forecast ? forecastSection(input.forecast, report.currency) : null,
    comparison: input.comparison ? comparisonSection(input.comparison) : null,
    'line-items': appendixSection(report),
  };
  const fromAnalyses = input.analyses ? analysisSections(input.analyses, report) : {};
  for (const id of EXTENSION_IDS) {
    const ext = input.extensions?.[id] ?? fromAnalyses[id];
    if (ext) built[id] = { id, title: ext.title, blocks: ext.blocks };
  }
  const sections = SECTION_ORDER.flatMap((id) => {
    const s = built[id];
    return s ? [s] : [];
  });
  const made = input.generatedAt ? `; made ${input.generatedAt}` : '';
  return {
    title: `${report.plan}: cost and capacity`,
    subtitle:
      `Monthly cost in ${report.currency}, ${formatNumber(report.hoursPerMonth)} hours a month; catalog ` +
      `${report.catalog.id} (prices as of ${report.catalog.asOf})${made}`,
    sections,
    footer:
      `Made by Headroom${input.version ? ` ${input.version}` : ''} from the plan "${report.plan}". Figures are ` +
      'estimates from list prices; see "Not included in the totals".',
  };
}
