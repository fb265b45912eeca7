// Pure chart configuration builders: report data in, Chart.js configuration out. No DOM, no Chart.js runtime.
// Colours are theme tokens (`themeColor`) that Chart.svelte resolves against CSS custom properties, and value
// formatting is a plain descriptor (`headroomFormat`) that Chart.svelte turns into callbacks; so every config is
// plain data that can be snapshotted, compared in tests and re-themed when the OS switches to dark mode.
import type { ChartConfiguration, ChartType } from 'chart.js';
import type { Bands } from '../../analysis/uncertainty.ts';
import type { MonthBand } from '../../analysis/range-bands.ts';
import type { Forecast, Report, StrategyId, StrategyReport } from '../../model/types.ts';
import { STRATEGY_IDS, STRATEGY_NAMES } from '../../model/index.ts';
import { money, moneyWhole, num } from '../format.ts';
import { breakdownRows, monthLabel } from '../results/results.ts';

/** How a chart shows values on an axis and in its tooltip. */
export type ValueFormat =
  { kind: 'money'; currency: string } | { kind: 'number'; digits?: number } | { kind: 'weekHour' };

export interface HeadroomFormat {
  /** Ticks of the category axis (x, or y for horizontal bars). */
  category?: ValueFormat;
  /** Ticks of the value axis and tooltip values. */
  value?: ValueFormat;
  /** Tooltip values only, when they need more precision than the ticks. */
  tooltip?: ValueFormat;
  /** Labels of datasets the legend leaves out (a band's edges: the chart's notes say what the shading is). */
  legendOmits?: string[];
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    /** Read by Chart.svelte; not a registered Chart.js plugin. */
    headroomFormat?: HeadroomFormat & { _type?: TType };
  }
}

const TOKEN = 'theme:';

/** A colour taken from a CSS custom property, optionally with an alpha (0–1). */
export function themeColor(name: `--${string}`, alpha?: number): string {
  return alpha === undefined ? `${TOKEN}${name}` : `${TOKEN}${name}@${alpha}`;
}

/** The CSS colour of a strategy, in registry order (`--strategy-1` … `--strategy-6` in theme.css). */
export function strategyColor(id: StrategyId, alpha?: number): string {
  const index = STRATEGY_IDS.indexOf(id);
  return themeColor(`--strategy-${index + 1}`, alpha);
}

/** Number of distinct colours for services in stacked charts (`--series-1` … `--series-N`). */
export const SERIES_COLOURS = 10;

/** `#rgb`/`#rrggbb` (or `rgb(…)`) with an alpha as `rgba(…)`; other colours are returned unchanged. */
export function withAlpha(colour: string, alpha: number): string {
  const c = colour.trim();
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c)?.[1];
  if (hex) {
    if (hex.length === 3) hex = [...hex].map((d) => d + d).join('');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt((hex as string).slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  if (rgb) return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})`;
  return c;
}

/**
 * Replace every theme token in a configuration (deeply, in plain objects and arrays) by the colour `lookup`
 * returns for its custom property. Unknown properties fall back to `fallback`. Returns a new structure.
 */
export function resolveThemeColors<T>(value: T, lookup: (name: string) => string, fallback = '#808080'): T {
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!v.startsWith(TOKEN)) return v;
      const [name, alpha] = v.slice(TOKEN.length).split('@') as [string, string | undefined];
      const colour = lookup(name).trim() || fallback;
      return alpha === undefined ? colour : withAlpha(colour, Number(alpha));
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = visit(x);
      return out;
    }
    return v;
  };
  return visit(value) as T;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** `Mon 00:00` … `Sun 23:00` for hour 0 … 167 of the week. */
export function weekHourLabel(hour: number): string {
  const h = ((Math.trunc(hour) % 168) + 168) % 168;
  return `${DAYS[Math.floor(h / 24)]} ${String(h % 24).padStart(2, '0')}:00`;
}

/**
 * Text for a value under a format. For `weekHour` ticks only day starts are labelled (`null` hides a tick).
 * `precise` asks for full precision (tooltips) instead of compact axis text.
 */
export function formatValue(format: ValueFormat | undefined, value: number, precise = false): string | null {
  if (!format) return num(value);
  switch (format.kind) {
    case 'money':
      return precise ? money(value, format.currency) : moneyWhole(value, format.currency);
    case 'number':
      return num(value, format.digits ?? 2);
    case 'weekHour':
      if (precise) return weekHourLabel(value);
      return value % 24 === 0 ? (DAYS[Math.floor((value % 168) / 24)] ?? null) : null;
  }
}

/** Shared axis styling (colours from the theme). */
function axis(extra: Record<string, unknown> = {}) {
  return {
    ticks: { color: themeColor('--muted') },
    grid: { color: themeColor('--border') },
    border: { color: themeColor('--border') },
    ...extra,
  };
}

function legend(display = true) {
  return { display, position: 'bottom' as const, labels: { color: themeColor('--text'), boxWidth: 14 } };
}

/** Break a long label into lines of at most `width` characters (Chart.js draws arrays as multi-line labels). */
export function wrapLabel(text: string, width = 18): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

// ---------------------------------------------------------------------------------------------------------------
// (1) Monthly cost by strategy, stacked by service

export interface CostStack {
  /** A service name, or `Other services (n)` for the grouped rest. */
  name: string;
  /** One cost per strategy, in the report's strategy order; `null` where the strategy does not run it. */
  values: (number | null)[];
  /** Services folded into this stack (one for a plain service). */
  services: string[];
}

/**
 * The stacks of the cost chart: one per service, in the report's service order, except that beyond `maxStacks`
 * the services with the smallest largest-cost are folded into one "Other services" stack (its values are the sum
 * of those services' report costs, so each bar still totals the strategy's monthly cost).
 */
export function costStacks(report: Report, maxStacks = SERIES_COLOURS): CostStack[] {
  const stacks: CostStack[] = breakdownRows(report).map((row) => ({
    name: row.service,
    values: row.costs,
    services: [row.service],
  }));
  if (stacks.length <= maxStacks) return stacks;
  const weight = (st: CostStack) => Math.max(0, ...st.values.map((v) => v ?? 0));
  const keep = new Set(
    [...stacks]
      .sort((a, b) => weight(b) - weight(a))
      .slice(0, Math.max(1, maxStacks - 1))
      .map((st) => st.name),
  );
  const kept = stacks.filter((st) => keep.has(st.name));
  const rest = stacks.filter((st) => !keep.has(st.name));
  const cents = (v: number) => Math.round(v * 100);
  kept.push({
    name: `Other services (${rest.length})`,
    values: report.strategies.map((_, i) => {
      const parts = rest.map((st) => st.values[i]).filter((v): v is number => v !== null);
      return parts.length ? parts.reduce((sum, v) => sum + cents(v), 0) / 100 : null;
    }),
    services: rest.map((st) => st.name),
  });
  return kept;
}

export function costByStrategyConfig(report: Report, stacks = costStacks(report)): ChartConfiguration {
  return widen<'bar'>({
    type: 'bar',
    data: {
      labels: report.strategies.map((s) => wrapLabel(s.name)),
      datasets: stacks.map((st, i) => ({
        label: st.name,
        data: st.values.map((v) => v ?? 0),
        backgroundColor: st.services.length > 1 ? themeColor('--muted', 0.6) : seriesColor(i),
        borderColor: themeColor('--surface'),
        borderWidth: 1,
        stack: 'cost',
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: axis({ stacked: true, beginAtZero: true, grace: '5%' }),
        y: axis({ stacked: true, ticks: { color: themeColor('--text'), autoSkip: false } }),
      },
      plugins: {
        legend: legend(stacks.length > 1),
        headroomFormat: { value: { kind: 'money', currency: report.currency } },
      },
    },
  });
}

/** Checked against the chart type's own options, then handed to Chart.svelte's `ChartConfiguration` prop. */
function widen<T extends ChartType>(config: ChartConfiguration<T>): ChartConfiguration {
  return config as unknown as ChartConfiguration;
}

function seriesColor(i: number, alpha?: number): string {
  return themeColor(`--series-${(i % SERIES_COLOURS) + 1}`, alpha);
}

// ---------------------------------------------------------------------------------------------------------------
// (2) Paid capacity against demand over the week

export function capacityWeekConfig(strategy: StrategyReport): ChartConfiguration {
  const { demand, capacity, unit } = strategy.week;
  const hours = Math.max(demand.length, capacity.length);
  const labels = Array.from({ length: hours }, (_, h) => weekHourLabel(h));
  const colour = strategyColor(strategy.id);
  const digits = unit === 'vCPU' ? 2 : 1;
  const serverless = strategy.id === 'serverless';
  return widen<'line'>({
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: `Demand (${unit})`,
          data: demand,
          borderColor: colour,
          backgroundColor: strategyColor(strategy.id, 0.35),
          borderWidth: 2,
          pointRadius: 0,
          fill: 'origin',
        },
        {
          label: serverless ? 'Provisioned concurrency' : `Paid capacity (${unit}); shaded gap: idle`,
          data: capacity,
          borderColor: themeColor('--text'),
          backgroundColor: themeColor('--muted', 0.15),
          borderWidth: 2,
          borderDash: [6, 3],
          pointRadius: 0,
          stepped: 'middle',
          // Above demand is paid but idle; below it (serverless beyond provisioned concurrency) runs on demand.
          fill: { target: 0, above: themeColor('--muted', 0.15), below: 'rgba(0, 0, 0, 0)' },
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: axis({ ticks: { color: themeColor('--muted'), autoSkip: false, maxRotation: 0 } }),
        y: axis({
          beginAtZero: true,
          grace: '5%',
          title: { display: true, text: unit, color: themeColor('--muted') },
        }),
      },
      plugins: {
        legend: legend(),
        headroomFormat: {
          category: { kind: 'weekHour' },
          value: { kind: 'number', digits },
          tooltip: { kind: 'number', digits: 3 },
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// (3) Forecast over 12, 24 or 36 calendar months

/** The names of a strategy's band edges in a chart (its tooltip shows them; the legend leaves them out). */
export const bandEdgeLabel = (id: StrategyId, side: 'low' | 'high') => `${STRATEGY_NAMES[id]} (${side})`;

/**
 * The forecast's lines; with `bands` (the plan has uncertainty ranges), each strategy's low–high band of the same
 * months shaded in its colour behind its line: two edge datasets, the high one filled down to the low one.
 */
export function forecastConfig(
  forecast: Forecast,
  currency: string,
  shown: readonly StrategyId[] = STRATEGY_IDS,
  bands: readonly MonthBand[] | null = null,
): ChartConfiguration {
  // Large points where the engine says the cheapest complete strategy changes, on the new leader's line.
  const marked = (id: StrategyId, month: number) =>
    forecast.leadChanges.some((c) => c.month === month && c.leader === id);
  const months = forecast.months;
  const strategies = STRATEGY_IDS.filter((id) => shown.includes(id));
  // Only bands of the same months as the lines (the bands follow the forecast: for a moment they may be the last).
  const shaded =
    bands !== null &&
    bands.length === months.length &&
    bands.every((b, i) => b.calendarMonth === months[i]!.calendarMonth)
      ? bands
      : null;
  const edge = (id: StrategyId, side: 'low' | 'high') => ({
    label: bandEdgeLabel(id, side),
    data: shaded!.map((b) => b[side][id]),
    borderColor: strategyColor(id, 0.35),
    backgroundColor: strategyColor(id, 0.14),
    borderWidth: 1,
    pointRadius: 0,
    pointHoverRadius: 0,
    fill: side === 'high' ? ('-1' as const) : false,
  });
  const bandSets = shaded === null ? [] : strategies.flatMap((id) => [edge(id, 'low'), edge(id, 'high')]);
  return widen<'line'>({
    type: 'line',
    data: {
      labels: months.map((f) => monthLabel(f.calendarMonth)),
      // A strategy that cannot be costed has no line (a line at 0 would read as free); each keeps its own style.
      datasets: [
        ...STRATEGY_IDS.flatMap((id, i) => (shown.includes(id) ? [{ id, i }] : [])).map(({ id, i }) => ({
          label: STRATEGY_NAMES[id],
          data: months.map((f) => f.costs[id]),
          borderColor: strategyColor(id),
          backgroundColor: strategyColor(id),
          borderWidth: 2,
          // Each strategy gets its own point shape, and lead changes get large points, so neither needs colour.
          pointStyle: (['circle', 'rect', 'triangle', 'rectRot'] as const)[i],
          pointRadius: months.map((f) => (marked(id, f.month) ? 8 : months.length > 24 ? 2 : 3)),
          pointHoverRadius: 8,
          borderDash: i % 2 === 1 ? [8, 3] : [],
          fill: false,
        })),
        // After the lines, so the lines keep their indexes; each high edge fills to its low edge just before it.
        ...bandSets,
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: axis({ ticks: { color: themeColor('--muted'), autoSkip: true, maxRotation: 0 } }),
        // From 0, so a 3% gap between two lines looks like 3%, not like a chasm.
        y: axis({ beginAtZero: true, grace: '5%' }),
      },
      plugins: {
        legend: legend(),
        headroomFormat: {
          value: { kind: 'money', currency },
          tooltip: { kind: 'money', currency },
          ...(bandSets.length > 0 ? { legendOmits: bandSets.map((d) => d.label) } : {}),
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The uncertainty bands of the results (issue 11 §3): each strategy's cost from all inputs low to all inputs high

/**
 * Horizontal floating bars, one per strategy that can be costed at all three: from the low cost to the typical one
 * (pale) and from the typical to the high one (full), so the typical cost is where the shade changes.
 */
export function costRangeConfig(
  bands: Bands,
  currency: string,
  shown: readonly StrategyId[],
): ChartConfiguration {
  const ids = shown.filter(
    (id) => bands.low[id] !== null && bands.typical[id] !== null && bands.high[id] !== null,
  );
  const part = (from: 'low' | 'typical', to: 'typical' | 'high') =>
    ids.map((id) => [bands[from][id]!, bands[to][id]!] as [number, number]);
  return widen<'bar'>({
    type: 'bar',
    data: {
      labels: ids.map((id) => wrapLabel(STRATEGY_NAMES[id])),
      datasets: [
        {
          label: 'Low to typical',
          data: part('low', 'typical'),
          backgroundColor: ids.map((id) => strategyColor(id, 0.35)),
          borderColor: ids.map((id) => strategyColor(id)),
          borderWidth: 1,
          grouped: false,
        },
        {
          label: 'Typical to high',
          data: part('typical', 'high'),
          backgroundColor: ids.map((id) => strategyColor(id, 0.7)),
          borderColor: ids.map((id) => strategyColor(id)),
          borderWidth: 1,
          grouped: false,
          // A cost the ranges do not move (capacity paid for the peak either way) still shows, as a tick.
          minBarLength: 3,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: axis({ beginAtZero: true, grace: '5%' }),
        y: axis({ ticks: { color: themeColor('--text'), autoSkip: false } }),
      },
      plugins: {
        legend: legend(),
        headroomFormat: { value: { kind: 'money', currency }, tooltip: { kind: 'money', currency } },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison of plans and scenarios: grouped bars, strategies on the axis, one bar per plan.

export interface CompareSeries {
  name: string;
  isBase: boolean;
  /** Monthly cost per strategy id (`null` when the plan's report has no such strategy). */
  costs: Record<StrategyId, number | null>;
}

export function compareBarConfig(series: CompareSeries[], currency: string): ChartConfiguration {
  return widen<'bar'>({
    type: 'bar',
    data: {
      labels: STRATEGY_IDS.map((id) => wrapLabel(STRATEGY_NAMES[id])),
      datasets: series.map((s, i) => ({
        label: s.isBase ? `${s.name} (base)` : s.name,
        data: STRATEGY_IDS.map((id) => s.costs[id] ?? 0),
        backgroundColor: themeColor(`--compare-${(i % 4) + 1}`),
        borderColor: themeColor('--text'),
        borderWidth: s.isBase ? 2 : 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: axis({ ticks: { color: themeColor('--text') } }),
        y: axis({ beginAtZero: true, grace: '5%' }),
      },
      plugins: {
        legend: legend(),
        headroomFormat: { value: { kind: 'money', currency }, tooltip: { kind: 'money', currency } },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Decision analysis (issue 11 §1, §2): the tornado of one strategy and the break-even of two.

/** What the tornado chart reads of a sensitivity run (src/analysis/sensitivity.ts `Sensitivity`). */
export interface TornadoData {
  delta: number;
  base: Record<StrategyId, number | null>;
  rows: {
    input: string;
    low: Record<StrategyId, number | null>;
    high: Record<StrategyId, number | null>;
  }[];
}

/**
 * Horizontal floating bars from the plan's cost to the cost with each input down (one colour) and up (another), one
 * bar pair per input in the rows' order (largest swing first): the tornado of strategy `id`. An input whose end
 * cannot be costed has no bar there (never a bar to 0).
 */
export function tornadoConfig(data: TornadoData, id: StrategyId, currency: string): ChartConfiguration {
  const base = data.base[id];
  const pct = `${Number((data.delta * 100).toFixed(2))}%`;
  const bar = (end: number | null): [number, number] | null =>
    base === null || end === null ? null : [base, end];
  return widen<'bar'>({
    type: 'bar',
    data: {
      labels: data.rows.map((r) => r.input),
      datasets: [
        {
          label: `Input −${pct}`,
          data: data.rows.map((r) => bar(r.low[id])),
          // The strategy's own colour: pale for the input down, full for the input up (told apart without colour
          // by the legend's order and the data table).
          backgroundColor: strategyColor(id, 0.45),
          grouped: false,
        },
        {
          label: `Input +${pct}`,
          data: data.rows.map((r) => bar(r.high[id])),
          backgroundColor: strategyColor(id),
          grouped: false,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: axis(),
        y: axis({ ticks: { color: themeColor('--text'), autoSkip: false } }),
      },
      plugins: {
        legend: legend(),
        headroomFormat: { value: { kind: 'money', currency }, tooltip: { kind: 'money', currency } },
      },
    },
  });
}

/** What the break-even chart reads: the curve of both costs and the crossing (src/analysis/breakeven.ts). */
export interface BreakEvenChartData {
  a: StrategyId;
  b: StrategyId;
  points: { value: number; costs: Record<string, number | null> }[];
  /** The crossing (`null`: none in the range); its costs are drawn as a large point on both lines. */
  crossing: { value: number; costs: Record<string, number> } | null;
}

/**
 * Both strategies' monthly costs across the knob's values (labels as `label(value)`, e.g. "×1.5"), with the
 * crossing inserted in order and marked by large points.
 */
export function breakEvenConfig(
  data: BreakEvenChartData,
  currency: string,
  label: (value: number) => string,
): ChartConfiguration {
  const points = data.points.map((p) => ({ ...p, crossing: false }));
  if (data.crossing) {
    const at = points.findIndex((p) => p.value > data.crossing!.value);
    const mark = { value: data.crossing.value, costs: data.crossing.costs, crossing: true };
    if (at === -1) points.push(mark);
    else points.splice(at, 0, mark);
  }
  return widen<'line'>({
    type: 'line',
    data: {
      labels: points.map((p) => label(p.value)),
      datasets: [data.a, data.b].map((id, i) => ({
        label: STRATEGY_NAMES[id],
        data: points.map((p) => p.costs[id] ?? null),
        borderColor: strategyColor(id),
        backgroundColor: strategyColor(id),
        borderWidth: 2,
        borderDash: i === 1 ? [8, 3] : [],
        pointStyle: i === 0 ? ('circle' as const) : ('rect' as const),
        pointRadius: points.map((p) => (p.crossing ? 8 : 2)),
        pointHoverRadius: 8,
        fill: false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: axis({ ticks: { color: themeColor('--muted'), autoSkip: true, maxRotation: 0 } }),
        y: axis({ beginAtZero: true, grace: '5%' }),
      },
      plugins: {
        legend: legend(),
        headroomFormat: { value: { kind: 'money', currency }, tooltip: { kind: 'money', currency } },
      },
    },
  });
}

// ---- Savings-plan commitment (issue 13 §5): the month's cost across commitment levels. ----

/**
 * One strategy's monthly cost of its committed spend across commitment levels (the engine's `commitment.curve`), the
 * best level drawn as a large point. Labels are the levels per hour in the currency.
 */
export function commitmentCurveConfig(strategy: StrategyReport, currency: string): ChartConfiguration {
  const c = strategy.commitment;
  const curve = c?.curve ?? [];
  const best = c?.best.hourlyCommitment;
  return widen<'line'>({
    type: 'line',
    data: {
      labels: curve.map((p) => `${p.hourlyCommitment.toFixed(p.hourlyCommitment < 1 ? 3 : 2)}/h`),
      datasets: [
        {
          label: `${strategy.name}: monthly cost at each commitment level`,
          data: curve.map((p) => p.monthlyCost),
          borderColor: strategyColor(strategy.id),
          backgroundColor: strategyColor(strategy.id),
          borderWidth: 2,
          pointRadius: curve.map((p) => (p.hourlyCommitment === best ? 7 : 1.5)),
          pointHoverRadius: 7,
          fill: false,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: axis({
          title: {
            display: true,
            text: `Commitment (on-demand ${currency} per hour)`,
            color: themeColor('--muted'),
          },
          ticks: { color: themeColor('--muted'), autoSkip: true, maxRotation: 0 },
        }),
        y: axis({ beginAtZero: true, grace: '5%' }),
      },
      plugins: {
        legend: legend(false),
        headroomFormat: { value: { kind: 'money', currency }, tooltip: { kind: 'money', currency } },
      },
    },
  });
}
