// The analyses' sections of the report for the meeting (issue 11 §5): break-even, tornado, bands and simulation,
// best mix. The caller (the CLI, or the app's worker) runs src/analysis and passes the results in; this file only
// lays their figures out as blocks (sentences, tables, charts with their tables). It never re-costs anything.
//
// src/report may import only itself and src/model (eslint.config.js), so the results are described here by the
// fields the report reads (`…Figures`), structurally: src/analysis's own results (BreakEven, Sensitivity, Bands,
// Simulation, MixResult) are assignable to them as they are, and a field renamed there fails the type check of the
// callers that pass them.
import {
  STRATEGY_IDS,
  STRATEGY_NAMES,
  STRATEGY_PHRASES,
  STRATEGY_SHORT_NAMES,
  standings,
  type Report,
  type StrategyId,
} from '../model/index.ts';
import { formatAmount } from './table.ts';
import { standingNote, type Align, type Block, type ExtensionId, type ExtensionSection } from './meeting.ts';

type Costs = Readonly<Partial<Record<StrategyId, number | null>>>;

/** A break-even (src/analysis/breakeven.ts `BreakEven`), as the report reads it. */
export interface BreakEvenFigures {
  knob: string;
  a: StrategyId;
  b: StrategyId;
  /** The range searched, in the knob's unit. */
  range: { from: number; to: number };
  base: { value: number; costs: Readonly<Record<string, number | null>>; cheaper: StrategyId | null };
  value: number | null;
  costs: Readonly<Record<string, number>> | null;
  cheaperAfter: StrategyId | null;
  reason: string | null;
}

/** Its curve (`BreakEvenCurve`): both costs across the knob's values, for the chart. */
export interface BreakEvenCurveFigures {
  points: readonly { value: number; costs: Readonly<Record<string, number | null>> }[];
}

/** The tornado (src/analysis/sensitivity.ts `Sensitivity`). */
export interface SensitivityFigures {
  delta: number;
  base: Costs;
  cheapest: StrategyId | null;
  swingOf: StrategyId | null;
  rows: readonly {
    input: string;
    lowValue: number;
    highValue: number;
    low: Costs;
    high: Costs;
    swing: number;
    cheapestLow: StrategyId | null;
    cheapestHigh: StrategyId | null;
  }[];
  cheapestChanges: readonly string[];
}

/** Low / typical / high (src/analysis/uncertainty.ts `Bands`). */
export interface BandsFigures {
  low: Costs;
  typical: Costs;
  high: Costs;
  cheapest: { low: StrategyId | null; typical: StrategyId | null; high: StrategyId | null };
}

/** The simulation (`Simulation`). */
export interface SimulationFigures {
  samples: number;
  seed: number;
  distribution: string;
  strategies: Readonly<
    Partial<Record<StrategyId, { p10: number | null; p50: number | null; p90: number | null }>>
  >;
  cheapestProbability: Readonly<Partial<Record<StrategyId | 'none', number>>>;
}

/** The best mix (src/analysis/mix.ts `MixResult`). */
export interface MixFigures {
  monthlyCost: number;
  parts: readonly { strategy: StrategyId; services: readonly string[]; monthlyCost: number }[];
  cheapestPure: { strategy: StrategyId; monthlyCost: number } | null;
  savingsVsCheapestPure: number | null;
  reasons: readonly { service: string; strategy: StrategyId; text: string }[];
  search: { method: string };
}

/** What the caller ran for the report; an analysis left out (skipped, e.g. `--no-analysis`) has no section. */
export interface MeetingAnalyses {
  /** The cheapest against the runner-up as all traffic turns (see breakEvenPair); `reason` when there is no pair. */
  breakEven?: { result: BreakEvenFigures; curve: BreakEvenCurveFigures | null } | { reason: string };
  sensitivity?: SensitivityFigures;
  /** `bands` null: the plan gives no uncertainty ranges. `simulation` null: not run. */
  uncertainty?: { bands: BandsFigures | null; simulation: SimulationFigures | null };
  /** `result` null with the analysis' reason when the plan has no mix. */
  mix?: { result: MixFigures | null; reason: string | null };
}

/** The rows of the tornado the report shows (the rest move the cost less; the table says how many). */
export const TORNADO_ROWS = 10;

/** The samples the report's simulation draws (the CLI's `simulate` default) and its seed. */
export const REPORT_SAMPLES = 1000;
export const REPORT_SEED = 1;

/**
 * The break-even the report shows: the cheapest strategy that runs every service against the runner-up, as all
 * traffic turns. `null` when fewer than two strategies run every service (nothing to compare).
 */
export function breakEvenPair(report: Report): { a: StrategyId; b: StrategyId } | null {
  const st = standings(report);
  return st.cheapest !== null && st.runnerUp !== null ? { a: st.cheapest, b: st.runnerUp } : null;
}

/**
 * The stretch of traffic the break-even chart draws: the plan's own (×1) and the break-even with room either side,
 * ×0.25 … ×4 at least, within the analysis' own range (×0.01 … ×100). 13 log-spaced points (a steady ratio of
 * about 1.26 over ×0.25 … ×4): enough for the shape, short enough for a table on one page.
 */
export function breakEvenCurveSpan(value: number | null): { from: number; to: number; points: number } {
  const v = value ?? 1;
  return {
    from: Math.max(0.01, Math.min(0.25, v / 2)),
    to: Math.min(100, Math.max(4, v * 2)),
    points: 13,
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const money = (x: number | null | undefined, currency: string) =>
  x === null || x === undefined || !Number.isFinite(x)
    ? 'cannot be costed'
    : `${formatAmount(x)} ${currency}`;
const amount = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : formatAmount(x);
const short = (id: StrategyId | null) => (id === null ? 'none' : STRATEGY_SHORT_NAMES[id]);
const times = (v: number) => `×${Number(v.toPrecision(3))}`;

/** A knob's value in its own unit: ×1.25 for a multiplier, 23.5% for a discount, month 7. */
function knobValue(knob: string, v: number): string {
  if (knob === 'month') return `month ${v}`;
  if (knob.startsWith('discount:')) return percent(v);
  return times(v);
}

/** A tornado input in words: "Traffic, all services", "Traffic of checkout", "Discount, Containers". */
export function inputWords(input: string): string {
  const colon = input.indexOf(':');
  if (colon !== -1) {
    const what = input.slice(0, colon);
    const of = input.slice(colon + 1);
    if (what === 'traffic') return `Traffic of ${of}`;
    const id = STRATEGY_IDS.find((s) => s === of);
    if (what === 'discount' && id !== undefined) return `Discount, ${STRATEGY_SHORT_NAMES[id]}`;
    return input;
  }
  const words: Record<string, string> = {
    traffic: 'Traffic, all services',
    cpuMsPerRequest: 'CPU per request',
    durationMs: 'Request duration',
    memoryMiB: 'Memory per service',
    growth: 'Growth per month',
    month: 'Month',
  };
  return words[input] ?? input;
}

function breakEvenSection(a: NonNullable<MeetingAnalyses['breakEven']>, currency: string): ExtensionSection {
  const title = 'Break-even';
  if (!('result' in a)) {
    return { title, blocks: [{ kind: 'paragraph', text: `No break-even to show: ${a.reason}.` }] };
  }
  const { result: r, curve } = a;
  const what = r.knob === 'traffic' ? 'all traffic' : inputWords(r.knob).toLowerCase();
  const at = (costs: Readonly<Record<string, number | null>>, cheaper: StrategyId | null) =>
    `${STRATEGY_SHORT_NAMES[r.a]} ${money(costs[r.a], currency)}, ${STRATEGY_SHORT_NAMES[r.b]} ` +
    `${money(costs[r.b], currency)} (${cheaper === null ? 'equal' : `${STRATEGY_SHORT_NAMES[cheaper]} cheaper`})`;
  const searched = `${knobValue(r.knob, r.range.from)} to ${knobValue(r.knob, r.range.to)}`;
  // Never crossing, in names (the analysis' own reason names strategy ids); its reason when not comparable.
  const stays =
    r.base.cheaper === null
      ? `${STRATEGY_NAMES[r.a]} and ${STRATEGY_NAMES[r.b]} cannot be compared as ${what} turns: ${r.reason ?? 'no order to flip'}.`
      : `${STRATEGY_NAMES[r.base.cheaper]} stays cheaper than ${STRATEGY_NAMES[r.base.cheaper === r.a ? r.b : r.a]} ` +
        `for ${what} from ${searched}: no break-even in the range searched.`;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      emphasis: 'strong',
      text:
        r.value === null || r.costs === null
          ? stays
          : `${STRATEGY_NAMES[r.b]} becomes ${r.cheaperAfter === r.b ? 'cheaper than' : r.cheaperAfter === null ? 'as cheap as' : 'dearer than'} ` +
            `${STRATEGY_NAMES[r.a]} at ${what} ${knobValue(r.knob, r.value)}.`,
    },
    {
      kind: 'list',
      items: [
        `As planned (${knobValue(r.knob, r.base.value)}): ${at(r.base.costs, r.base.cheaper)}.`,
        r.value === null || r.costs === null
          ? `Searched from ${searched}; the chart shows ${knobValue(r.knob, curve?.points[0]?.value ?? r.range.from)} to ${knobValue(r.knob, curve?.points.at(-1)?.value ?? r.range.to)}.`
          : `At ${knobValue(r.knob, r.value)}: ${at(r.costs, r.cheaperAfter)}.`,
      ],
    },
  ];
  if (curve && curve.points.length > 1) {
    const values = curve.points.map((p) => p.value);
    const markers = [
      { at: positionOf(values, r.base.value), label: `plan ${knobValue(r.knob, r.base.value)}` },
    ];
    if (r.value !== null)
      markers.push({ at: positionOf(values, r.value), label: knobValue(r.knob, r.value) });
    const cheaper = (c: Readonly<Record<string, number | null>>) => {
      const x = c[r.a];
      const y = c[r.b];
      if (x === null || x === undefined || y === null || y === undefined) return '–';
      const d = Math.round(x * 100) - Math.round(y * 100);
      return d === 0 ? 'equal' : STRATEGY_SHORT_NAMES[d < 0 ? r.a : r.b];
    };
    blocks.push({
      kind: 'chart',
      chart: {
        kind: 'lines',
        title: `Monthly cost of ${STRATEGY_SHORT_NAMES[r.a]} and ${STRATEGY_SHORT_NAMES[r.b]} as ${what} turns (${currency})`,
        unit: `${currency} a month`,
        x: values.map((v) => knobValue(r.knob, v)),
        series: [r.a, r.b].map((id) => ({
          key: id,
          label: STRATEGY_SHORT_NAMES[id],
          values: curve.points.map((p) => p.costs[id] ?? null),
        })),
        markers,
      },
      data: {
        kind: 'table',
        caption: `The chart's figures: ${currency} a month at each value of ${what}`,
        header: [
          r.knob === 'traffic' ? 'Traffic' : inputWords(r.knob),
          STRATEGY_SHORT_NAMES[r.a],
          STRATEGY_SHORT_NAMES[r.b],
          'Cheaper',
        ],
        align: ['left', 'right', 'right', 'left'],
        rows: curve.points.map((p) => [
          knobValue(r.knob, p.value),
          amount(p.costs[r.a]),
          amount(p.costs[r.b]),
          cheaper(p.costs),
        ]),
      },
    });
  }
  return { title, blocks };
}

/** Where `v` falls among log-spaced (or even) `values`, as a fractional index (for a marker on the x axis). */
function positionOf(values: readonly number[], v: number): number {
  const log = values.every((x) => x > 0) && v > 0;
  const t = (x: number) => (log ? Math.log(x) : x);
  for (let i = 0; i + 1 < values.length; i += 1) {
    const lo = values[i]!;
    const hi = values[i + 1]!;
    if (v >= lo && v <= hi) return hi === lo ? i : i + (t(v) - t(lo)) / (t(hi) - t(lo));
  }
  return v < values[0]! ? 0 : values.length - 1;
}

function tornadoSection(s: SensitivityFigures, currency: string): ExtensionSection {
  const title = 'Tornado: what moves the cost most';
  const id = s.swingOf;
  if (id === null) {
    return { title, blocks: [{ kind: 'paragraph', text: 'No strategy can be costed, so nothing moves.' }] };
  }
  const pct = `${Number((s.delta * 100).toFixed(2))}%`;
  const shown = s.rows.slice(0, TORNADO_ROWS);
  const rest = s.rows.length - shown.length;
  const base = s.base[id] ?? null;
  const whose =
    s.cheapest === id ? 'the cheapest' : 'no strategy runs every service; the one that moves most';
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `Each input moved down and up by ${pct} on its own, every strategy re-costed. Rows by how far they move ` +
        `${STRATEGY_NAMES[id]} (${whose}; as planned ${money(base, currency)}), largest first.`,
    },
    {
      kind: 'paragraph',
      emphasis: 'strong',
      text:
        s.cheapestChanges.length === 0
          ? `${s.cheapest === null ? 'No strategy' : STRATEGY_NAMES[s.cheapest]} stays the cheapest across every row.`
          : `The cheapest strategy changes within ±${pct} of: ${s.cheapestChanges.map(inputWords).join(', ')} ` +
            '(red in the chart).',
    },
    {
      kind: 'chart',
      chart: {
        kind: 'ranges',
        title: `The tornado of ${STRATEGY_SHORT_NAMES[id]}'s monthly cost, each input −${pct} and +${pct} (${currency})`,
        unit: `${currency} a month`,
        reference: base === null ? null : { value: base, label: `as planned ${formatAmount(base)}` },
        rows: shown.map((r) => ({
          label: inputWords(r.input),
          low: r.low[id] ?? null,
          high: r.high[id] ?? null,
          mark: null,
          highlight: r.cheapestLow !== s.cheapest || r.cheapestHigh !== s.cheapest,
        })),
      },
      data: {
        kind: 'table',
        caption:
          `${STRATEGY_SHORT_NAMES[id]}'s monthly cost (${currency}) at each input's low and high value` +
          (rest > 0 ? `; ${rest} more input${rest === 1 ? '' : 's'} move it less` : ''),
        header: ['Input', 'Low', 'High', 'Cost at low', 'Cost at high', 'Swing', 'Cheapest (low / high)'],
        align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
        rows: shown.map((r) => [
          inputWords(r.input),
          knobValue(r.input, r.lowValue),
          knobValue(r.input, r.highValue),
          amount(r.low[id]),
          amount(r.high[id]),
          formatAmount(r.swing),
          r.cheapestLow === r.cheapestHigh
            ? short(r.cheapestLow)
            : `${short(r.cheapestLow)} / ${short(r.cheapestHigh)}`,
        ]),
      },
    },
  ];
  return { title, blocks };
}

function bandsSection(u: NonNullable<MeetingAnalyses['uncertainty']>, currency: string): ExtensionSection {
  const title = 'Uncertainty: low, typical and high';
  const { bands, simulation: sim } = u;
  if (bands === null) {
    return {
      title,
      blocks: [
        {
          kind: 'paragraph',
          text:
            'The plan gives no "uncertainty" ranges, so every figure is the typical one. Add ranges (low and high ' +
            'multipliers of traffic, CPU per request and duration) to see how far the costs could go.',
        },
      ],
    };
  }
  const blocks: Block[] = [];
  if (sim) {
    let best: StrategyId | 'none' | null = null;
    let share = 0;
    for (const id of [...STRATEGY_IDS, 'none'] as const) {
      const p = sim.cheapestProbability[id] ?? 0;
      if (p > share) [best, share] = [id, p];
    }
    blocks.push({
      kind: 'paragraph',
      emphasis: 'strong',
      text:
        best === null
          ? 'No strategy was the cheapest in any sample.'
          : best === 'none'
            ? `No strategy runs every service in ${percent(share)} of the cases.`
            : `${STRATEGY_NAMES[best]} is the cheapest in ${percent(share)} of the cases.`,
    });
  }
  const c = bands.cheapest;
  blocks.push({
    kind: 'list',
    items: [
      `Every input at its low end: ${c.low === null ? 'no strategy runs every service' : `${STRATEGY_NAMES[c.low]} is the cheapest`}.`,
      `Typical (the plan as it is): ${c.typical === null ? 'no strategy runs every service' : `${STRATEGY_NAMES[c.typical]} is the cheapest`}.`,
      `Every input at its high end: ${c.high === null ? 'no strategy runs every service' : `${STRATEGY_NAMES[c.high]} is the cheapest`}.`,
    ],
  });
  const header = ['Strategy', 'Low', 'Typical', 'High'];
  if (sim) header.push('P10', 'P50', 'P90', 'Cheapest in');
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'ranges',
      title: `Monthly cost of each strategy, every input low to high; the mark is typical (${currency})`,
      unit: `${currency} a month`,
      reference: null,
      rows: STRATEGY_IDS.map((id) => ({
        key: id,
        label: STRATEGY_SHORT_NAMES[id],
        low: bands.low[id] ?? null,
        high: bands.high[id] ?? null,
        mark: bands.typical[id] ?? null,
        highlight: id === c.typical,
      })),
    },
    data: {
      kind: 'table',
      caption: sim
        ? `${currency} a month; P10/P50/P90 and the share of cases each strategy is the cheapest from ${sim.samples.toLocaleString('en-US')} samples (seed ${sim.seed})`
        : `${currency} a month with every input at its low, typical and high value`,
      header,
      align: ['left', ...header.slice(1).map((): Align => 'right')],
      rows: [
        ...STRATEGY_IDS.map((id) => {
          const row = [
            STRATEGY_NAMES[id],
            amount(bands.low[id]),
            amount(bands.typical[id]),
            amount(bands.high[id]),
          ];
          if (sim) {
            const s = sim.strategies[id];
            row.push(
              amount(s?.p10),
              amount(s?.p50),
              amount(s?.p90),
              percent(sim.cheapestProbability[id] ?? 0),
            );
          }
          return row;
        }),
        ...(sim && sim.cheapestProbability.none !== undefined
          ? [
              [
                'No strategy runs every service',
                '',
                '',
                '',
                '',
                '',
                '',
                percent(sim.cheapestProbability.none),
              ],
            ]
          : []),
      ],
    },
  });
  if (sim) {
    blocks.push({
      kind: 'paragraph',
      emphasis: 'note',
      text: `How the samples are drawn: ${sim.distribution}.`,
    });
  }
  return { title, blocks };
}

/** How a sentence writes money and shares: the report's "80.87 USD" and "12.0%", the app's "$80.87" and "12%". */
export interface SentenceStyle {
  money: (amount: number) => string;
  percent: (fraction: number) => string;
}

/**
 * The best mix in one sentence, for the report and the app alike (each in its own money style): "Run 5 services on
 * containers and 2 on Lambda: 80.87 USD a month, 12.0% (11.03 USD) below containers alone." Every figure is the
 * mix result's own; strategies in the registry's words for a sentence.
 */
export function mixSentence(m: MixFigures, style: SentenceStyle): string {
  const parts = m.parts.filter((p) => p.services.length > 0);
  const count = (n: number) => `${n} service${n === 1 ? '' : 's'}`;
  const word = (id: StrategyId) => STRATEGY_PHRASES[id];
  const where =
    parts.length === 1
      ? `all ${count(parts[0]!.services.length)} on ${word(parts[0]!.strategy)}`
      : parts
          .map((p, i) => `${i === 0 ? count(p.services.length) : p.services.length} on ${word(p.strategy)}`)
          .map((t, i, all) => (i === 0 ? t : `${i === all.length - 1 ? ' and ' : ', '}${t}`))
          .join('');
  const pure = m.cheapestPure;
  const saving = m.savingsVsCheapestPure;
  const against =
    pure === null || saving === null
      ? 'no single strategy runs every service'
      : saving > 0 && pure.monthlyCost > 0
        ? `${style.percent(saving / pure.monthlyCost)} (${style.money(saving)}) below ${word(pure.strategy)} alone`
        : `the same as ${word(pure.strategy)} alone (no mix is cheaper)`;
  return `Run ${where}: ${style.money(m.monthlyCost)} a month, ${against}.`;
}

function mixSection(x: NonNullable<MeetingAnalyses['mix']>, report: Report): ExtensionSection {
  const title = 'The best mix';
  const m = x.result;
  const cur = report.currency;
  if (m === null) {
    return { title, blocks: [{ kind: 'paragraph', text: `No mix: ${x.reason ?? 'none found'}.` }] };
  }
  const st = standings(report);
  const how =
    m.search.method === 'exact'
      ? 'every assignment was tried'
      : m.search.method === 'heuristic'
        ? 'found by a heuristic (greedy moves from the cheapest pure strategy; docs/analysis.md)'
        : 'a given assignment';
  const strategyOf = new Map<string, StrategyId>();
  for (const p of m.parts) for (const s of p.services) strategyOf.set(s, p.strategy);
  const services = [...strategyOf.keys()];
  const reasonOf = new Map(m.reasons.map((r) => [r.service, r.text]));
  return {
    title,
    blocks: [
      {
        kind: 'paragraph',
        emphasis: 'strong',
        text: mixSentence(m, { money: (a) => `${formatAmount(a)} ${cur}`, percent }),
      },
      {
        kind: 'paragraph',
        emphasis: 'note',
        text:
          `Each service on the strategy that suits it, shared costs (a cluster's control plane, a shared pool's ` +
          `minimum hosts, Lambda's free tier) counted once per strategy used; ${how}.`,
      },
      {
        kind: 'chart',
        chart: {
          kind: 'bars',
          title: `The mix against each strategy alone (${cur} a month)`,
          unit: cur,
          bars: [
            { label: 'Best mix', value: m.monthlyCost, note: 'mix', highlight: true, muted: false },
            ...st.strategies.map((s) => ({
              key: s.id,
              label: STRATEGY_SHORT_NAMES[s.id],
              value: s.cost,
              // The mix is the highlighted bar here: no strategy is marked the cheapest.
              note: standingNote(s.standing, false),
              highlight: false,
              muted: s.standing === 'incomplete',
            })),
          ],
        },
        data: {
          kind: 'table',
          caption: `The chart's figures: the mix and each strategy alone (${cur} a month)`,
          header: ['Option', 'Monthly cost', 'Standing'],
          align: ['left', 'right', 'left'],
          rows: [
            ['Best mix', formatAmount(m.monthlyCost), 'mix'],
            ...st.strategies.map((s) => [
              `${STRATEGY_NAMES[s.id]} alone`,
              s.cost === null ? 'cannot be costed' : formatAmount(s.cost),
              s.standing === 'cheapest'
                ? 'cheapest alone'
                : s.standing === 'complete'
                  ? 'runs every service'
                  : s.standing === 'incomplete'
                    ? 'incomplete'
                    : 'cannot be costed',
            ]),
          ],
        },
      },
      {
        kind: 'table',
        caption: `What each strategy of the mix runs, and its cost (${cur} a month)`,
        header: ['Strategy', 'Services', 'Monthly cost'],
        align: ['left', 'right', 'right'],
        rows: [
          ...m.parts
            .filter((p) => p.services.length > 0)
            .map((p) => [STRATEGY_NAMES[p.strategy], String(p.services.length), formatAmount(p.monthlyCost)]),
          ['Best mix', String(services.length), formatAmount(m.monthlyCost)],
        ],
      },
      {
        kind: 'table',
        caption: 'Where each service runs in the mix, and why',
        header: ['Service', 'Strategy', 'Why'],
        align: ['left', 'left', 'left'],
        rows: services.map((s) => [s, STRATEGY_SHORT_NAMES[strategyOf.get(s)!], reasonOf.get(s) ?? '']),
      },
    ],
  };
}

/** The analyses' sections, by extension point; only those the caller ran. */
export function analysisSections(
  a: MeetingAnalyses,
  report: Report,
): Partial<Record<ExtensionId, ExtensionSection>> {
  const out: Partial<Record<ExtensionId, ExtensionSection>> = {};
  if (a.breakEven) out['break-even'] = breakEvenSection(a.breakEven, report.currency);
  if (a.sensitivity) out.tornado = tornadoSection(a.sensitivity, report.currency);
  if (a.uncertainty) out.bands = bandsSection(a.uncertainty, report.currency);
  if (a.mix) out['best-mix'] = mixSection(a.mix, report);
  return out;
}
