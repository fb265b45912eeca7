// Pure helpers of the comparison view: totals per strategy for 2–4 plans or scenarios, deltas against the base in
// money and percent, and the rows of the comparison CSV. Totals come from each report; only deltas are new here.
import type { Report, StrategyId } from '../../model/types.ts';
import { STRATEGY_IDS, STRATEGY_NAMES } from '../../model/index.ts';
import type { CsvCell } from '../../report/index.ts';
import { totalStatus } from '../../report/index.ts';
import type { CompareSeries } from '../charts/configs.ts';

export interface CompareEntry {
  id: string;
  name: string;
  isBase: boolean;
  report: Report;
  /** A scenario's changes to its base, in words (`undefined` for a plan). */
  changes?: string[];
  /** True when the plan as typed has problems: the report is of its last valid version. */
  draft?: boolean;
}

/** What the comparison says of an entry whose report is not of the plan as typed. */
export const DRAFT_NOTE = 'has problems: figures are from its last valid version';

export interface CompareCell {
  /**
   * The strategy's monthly cost in this entry's report (`null` when the report lacks the strategy or it cannot be
   * costed: a 0 there is no cost, and must never read as one).
   */
  cost: number | null;
  /** cost − base cost, to the cent (`null` when either is missing; 0 for the base itself). */
  delta: number | null;
  /** delta ÷ base cost (`null` when the base cost is 0 or missing). */
  deltaFraction: number | null;
  /** Why the strategy cannot be costed for this entry ("db: pod too big"), or absent when it was costed. */
  cannotCost?: string;
  /** The services its total leaves out (nothing priced them): the cost is incomplete. Absent when complete. */
  leavesOut?: string[];
}

export interface CompareRow {
  id: StrategyId;
  name: string;
  /** One cell per entry, in entry order. */
  cells: CompareCell[];
}

export interface Comparison {
  /** Index of the base entry: the one marked `isBase`, else the first. */
  base: number;
  rows: CompareRow[];
  /** Each entry's cheapest strategy, from its report. */
  cheapest: (StrategyId | null)[];
}

/** The base entry's index: the first marked `isBase`, or 0. */
export function baseIndex(entries: readonly CompareEntry[]): number {
  const i = entries.findIndex((e) => e.isBase);
  return i < 0 ? 0 : i;
}

/** a − b to the cent, without float drift (`0.3 − 0.1` is `0.2`, not `0.19999999999999998`). */
export function centsDelta(a: number, b: number): number {
  return (Math.round(a * 100) - Math.round(b * 100)) / 100;
}

function costOf(report: Report, id: StrategyId): number | null {
  const s = report.strategies.find((x) => x.id === id);
  return s && !s.cannotCost && Number.isFinite(s.monthlyCost) ? s.monthlyCost : null;
}

/** The services a costed strategy's total leaves out, or `undefined` when it runs them all (or was not costed). */
function leavesOutOf(report: Report, id: StrategyId): string[] | undefined {
  const s = report.strategies.find((x) => x.id === id);
  if (!s || s.cannotCost) return undefined;
  const out = s.services.filter((x) => !x.included).map((x) => x.service);
  return out.length ? out : undefined;
}

/** Why a strategy cannot be costed, in a few words (the first problem, and how many more). */
function cannotCostOf(report: Report, id: StrategyId): string | undefined {
  const problems = report.strategies.find((x) => x.id === id)?.cannotCost;
  const first = problems?.[0];
  if (!first) return undefined;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${first.service ? `${first.service}: ` : ''}${first.message}${more}`;
}

export function compare(entries: readonly CompareEntry[]): Comparison {
  const base = baseIndex(entries);
  const baseReport = entries[base]?.report;
  const rows = STRATEGY_IDS.map((id) => {
    const baseCost = baseReport ? costOf(baseReport, id) : null;
    return {
      id,
      name: STRATEGY_NAMES[id],
      cells: entries.map((e) => {
        const cost = costOf(e.report, id);
        const delta = cost === null || baseCost === null ? null : centsDelta(cost, baseCost);
        const deltaFraction = delta === null || baseCost === null || baseCost === 0 ? null : delta / baseCost;
        const cannotCost = cannotCostOf(e.report, id);
        const leavesOut = leavesOutOf(e.report, id);
        return {
          cost,
          delta,
          deltaFraction,
          ...(cannotCost === undefined ? {} : { cannotCost }),
          ...(leavesOut === undefined ? {} : { leavesOut }),
        };
      }),
    };
  });
  return { base, rows, cheapest: entries.map((e) => e.report.cheapest) };
}

/** One chart series per entry, for `compareBarConfig`. */
export function compareSeries(entries: readonly CompareEntry[]): CompareSeries[] {
  const base = baseIndex(entries);
  return entries.map((e, i) => ({
    name: e.name,
    isBase: i === base,
    costs: Object.fromEntries(STRATEGY_IDS.map((id) => [id, costOf(e.report, id)])) as Record<
      StrategyId,
      number | null
    >,
  }));
}

/** "incomplete: leaves out 1 service (db)" for a total that leaves services out (issue 10 §6), else `null`. */
function incompleteOf(report: Report, id: StrategyId): string | null {
  const s = report.strategies.find((x) => x.id === id);
  return s && !s.cannotCost ? totalStatus(s) : null;
}

/** Columns of the comparison CSV, in the style of the line-item CSV (snake_case, strategy ids). */
export const COMPARE_CSV_HEADER = [
  'plan',
  'role',
  'strategy',
  'monthly_cost',
  'delta',
  'delta_percent',
  'currency',
  'changes',
  'note',
] as const;

/**
 * The comparison CSV's rows (header first) for `toCsv`: one row per entry and strategy (by id, as in the line-item
 * CSV), costs and the delta against the base as plain numbers, the percent delta rounded to two decimals, and empty
 * cells where a figure does not exist. `changes` states a scenario's changes to its base in words (`; ` between);
 * `note` says why a cost is missing (cannot be costed) or that an entry's figures are its last valid version.
 */
export function compareCsvRows(entries: readonly CompareEntry[], currency: string): CsvCell[][] {
  const { base, rows } = compare(entries);
  const out: CsvCell[][] = [[...COMPARE_CSV_HEADER]];
  entries.forEach((e, i) => {
    for (const row of rows) {
      const cell = row.cells[i] as CompareCell;
      out.push([
        e.name,
        i === base ? 'base' : 'scenario',
        row.id,
        cell.cost,
        cell.delta,
        cell.deltaFraction === null ? null : Math.round(cell.deltaFraction * 10_000) / 100,
        currency,
        e.changes?.join('; ') ?? null,
        [
          cell.cannotCost ? `cannot be costed: ${cell.cannotCost}` : incompleteOf(e.report, row.id),
          e.draft ? DRAFT_NOTE : null,
        ]
          .filter((x) => x !== null)
          .join('; ') || null,
      ]);
    }
  });
  return out;
}
