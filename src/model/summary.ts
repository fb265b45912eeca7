// The answer of a report in a few figures, for a summary that stays in view while a plan is edited: where each
// strategy stands against the cheapest complete one (its margin), and what changed between two reports (the effect
// of the last edit). Read from reports only: no cost is recomputed here, only differences of the report's figures,
// taken in whole cents so they never show float drift.
import { toCents } from './money.ts';
import type { Report, StrategyId, StrategyReport } from './types.ts';

/** Names short enough for a strip of four totals, a table column or a sentence ("12% below VM per service"). */
export const STRATEGY_SHORT_NAMES: Record<StrategyId, string> = {
  'shared-host': 'Shared hosts',
  'vm-per-service': 'VM per service',
  'container-cluster': 'Containers',
  serverless: 'Serverless',
  'serverless-containers': 'Fargate',
};

/**
 * Where a strategy stands in a report:
 * - `cheapest`: the report's cheapest strategy (it runs every service and costs least);
 * - `complete`: costed and runs every service, but costs more than the cheapest;
 * - `incomplete`: costed, but leaves some services out (serverless: stateful or too long), so its total is not
 *   comparable and it never counts as cheapest;
 * - `cannot-cost`: the plan's sizes rule it out (its `cannotCost` reasons say why); it has no total at all.
 */
export type Standing = 'cheapest' | 'complete' | 'incomplete' | 'cannot-cost';

export interface StrategyStanding {
  id: StrategyId;
  name: string;
  standing: Standing;
  /** The monthly cost from the report; `null` when the strategy cannot be costed (never a cost of 0). */
  cost: number | null;
  /** Services the strategy does not run (only for `incomplete`), in report order. */
  excluded: string[];
  /**
   * This strategy's cost minus the cheapest's, to the cent: what choosing it would add. `null` unless the
   * strategy is `complete` (a strategy that leaves services out or has no total is not compared); 0 for the
   * cheapest itself.
   */
  difference: number | null;
  /**
   * How far below this strategy the cheapest is, as a fraction of this strategy's cost ("12% below VM per
   * service" is 0.12): (cost − cheapest) ÷ cost, the same measure as a forecast's `LeadChange.margin`. `null`
   * whenever `difference` is; 0 for the cheapest and for a tie.
   */
  margin: number | null;
}

export interface ReportStandings {
  currency: string;
  /** The report's cheapest complete strategy (`Report.cheapest`), `null` when no strategy runs every service. */
  cheapest: StrategyId | null;
  /** One entry per strategy, in report order. */
  strategies: StrategyStanding[];
  /** The complete strategy closest to the cheapest (smallest margin; the earlier one on a tie), if any. */
  runnerUp: StrategyId | null;
}

function standingOf(s: StrategyReport, cheapest: StrategyId | null): Standing {
  if (s.cannotCost) return 'cannot-cost';
  if (s.services.some((x) => !x.included)) return 'incomplete';
  return s.id === cheapest ? 'cheapest' : 'complete';
}

/** a − b, both amounts in money, to the cent. */
function centsDifference(a: number, b: number): number {
  return (toCents(a) - toCents(b)) / 100;
}

/** Each strategy's standing in `report` and its margin against the cheapest complete strategy. */
export function standings(report: Report): ReportStandings {
  const cheapestReport = report.strategies.find((s) => s.id === report.cheapest && !s.cannotCost);
  const cheapest = cheapestReport ? cheapestReport.id : null;
  const base = cheapestReport?.monthlyCost ?? null;
  const strategies = report.strategies.map((s): StrategyStanding => {
    const standing = standingOf(s, cheapest);
    const cost = standing === 'cannot-cost' ? null : s.monthlyCost;
    const compared = standing === 'cheapest' || standing === 'complete';
    const difference = compared && base !== null && cost !== null ? centsDifference(cost, base) : null;
    const margin =
      difference === null || cost === null ? null : difference === 0 || cost === 0 ? 0 : difference / cost;
    return {
      id: s.id,
      name: s.name,
      standing,
      cost,
      excluded: standing === 'incomplete' ? s.services.filter((x) => !x.included).map((x) => x.service) : [],
      difference,
      margin,
    };
  });
  let runnerUp: { id: StrategyId; margin: number } | null = null;
  for (const s of strategies) {
    if (s.standing !== 'complete' || s.margin === null) continue;
    if (runnerUp === null || s.margin < runnerUp.margin) runnerUp = { id: s.id, margin: s.margin };
  }
  return { currency: report.currency, cheapest, strategies, runnerUp: runnerUp?.id ?? null };
}

export interface StrategyChange {
  id: StrategyId;
  name: string;
  before: Standing | null;
  after: Standing | null;
  /** Monthly cost before and after; `null` where the strategy cannot be costed (or is missing from a report). */
  costBefore: number | null;
  costAfter: number | null;
  /** costAfter − costBefore to the cent; `null` unless both are costs. */
  delta: number | null;
  /** delta ÷ costBefore; `null` when delta is, or the cost before was 0. */
  fraction: number | null;
}

export interface ReportChange {
  /** One entry per strategy of the later report, in its order (matched to the earlier report by id). */
  strategies: StrategyChange[];
  cheapestBefore: StrategyId | null;
  cheapestAfter: StrategyId | null;
  /** The strategy whose cost moved most (by amount; the earlier one on a tie); `null` when no cost moved. */
  largest: StrategyId | null;
  /**
   * True when something a person would see differs: a cost, a standing (cheapest, incomplete, cannot be costed)
   * or which strategy is cheapest.
   */
  changed: boolean;
}

/** What differs between two reports of a plan (`before` → `after`): each strategy's cost and standing. */
export function reportChange(before: Report, after: Report): ReportChange {
  const was = standings(before);
  const now = standings(after);
  const strategies = now.strategies.map((a): StrategyChange => {
    const b = was.strategies.find((x) => x.id === a.id);
    const costBefore = b?.cost ?? null;
    const delta = costBefore !== null && a.cost !== null ? centsDifference(a.cost, costBefore) : null;
    return {
      id: a.id,
      name: a.name,
      before: b?.standing ?? null,
      after: a.standing,
      costBefore,
      costAfter: a.cost,
      delta,
      fraction: delta === null || !costBefore ? null : delta / costBefore,
    };
  });
  let largest: { id: StrategyId; amount: number } | null = null;
  for (const s of strategies) {
    if (s.delta === null || s.delta === 0) continue;
    const amount = Math.abs(s.delta);
    if (largest === null || amount > largest.amount) largest = { id: s.id, amount };
  }
  const moved = (s: StrategyChange) =>
    s.delta === null ? (s.costBefore === null) !== (s.costAfter === null) : s.delta !== 0;
  const changed = was.cheapest !== now.cheapest || strategies.some((s) => s.before !== s.after || moved(s));
  return {
    strategies,
    cheapestBefore: was.cheapest,
    cheapestAfter: now.cheapest,
    largest: largest?.id ?? null,
    changed,
  };
}
