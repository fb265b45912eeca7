// The cost engine: a resolved plan in, a report out. Pure and deterministic.
import { containerCluster } from './container-cluster.ts';
import type { Prepared } from './prepare.ts';
import { prepare, strategyReport } from './prepare.ts';
import { costingProblems } from './problems.ts';
import { serverless } from './serverless.ts';
import { sharedHost } from './shared-host.ts';
import { HOURS_PER_WEEK } from './time.ts';
import type {
  CostingProblem,
  ForecastMonth,
  Plan,
  Report,
  Service,
  StrategyId,
  StrategyReport,
} from './types.ts';
import { vmPerService } from './vm-per-service.ts';

const RUNNERS: readonly [StrategyId, (p: Prepared) => StrategyReport][] = [
  ['shared-host', sharedHost],
  ['vm-per-service', vmPerService],
  ['container-cluster', containerCluster],
  ['serverless', serverless],
];

/** The report of a strategy that cannot be costed: no cost, no lines, no service run, and the reasons. */
function notCosted(p: Prepared, id: StrategyId, problems: CostingProblem[]): StrategyReport {
  const zeros = new Array<number>(HOURS_PER_WEEK).fill(0);
  return {
    ...strategyReport(id, {
      lineItems: [],
      services: p.services.map((s) => ({ service: s.service.name, cost: 0, included: false })),
      warnings: [],
      utilization: { cpuAverage: null, cpuPeak: null },
      capacity: {},
      week: {
        demand: zeros,
        capacity: zeros,
        units: zeros,
        unit: id === 'serverless' ? 'concurrent executions' : 'vCPU',
      },
    }),
    cannotCost: problems,
  };
}

/** Every strategy, in order; one with costing problems is reported as such instead of being sized. */
function strategies(p: Prepared, blocked: Map<StrategyId, CostingProblem[]>): StrategyReport[] {
  return RUNNERS.map(([id, run]) => {
    const problems = blocked.get(id);
    return problems ? notCosted(p, id, problems) : run(p);
  });
}

function cheapestOf(reports: readonly StrategyReport[]): StrategyId | null {
  let best: StrategyReport | null = null;
  for (const r of reports) {
    if (r.cannotCost || !r.services.every((s) => s.included)) continue;
    if (best === null || r.monthlyCost < best.monthlyCost) best = r;
  }
  return best?.id ?? null;
}

/** Costs, utilization, capacity and warnings of the plan under all four strategies. */
export function evaluate(plan: Plan): Report {
  const reports = strategies(prepare(plan), costingProblems(plan));
  return {
    plan: plan.name,
    currency: plan.catalog.currency,
    hoursPerMonth: plan.hoursPerMonth,
    catalog: { id: plan.catalog.id, asOf: plan.catalog.asOf },
    strategies: reports,
    cheapest: cheapestOf(reports),
  };
}

/** Month m multiplies each service's traffic by (1 + growthPerMonth)^(m − 1) and re-sizes every strategy. */
export function growthFactor(service: Service, month: number): number {
  return Math.pow(1 + service.growthPerMonth, month - 1);
}

/** Months 1…`months`: every strategy re-run on grown traffic (capacity too, so step changes show). */
export function forecast(plan: Plan, months: number): ForecastMonth[] {
  const out: ForecastMonth[] = [];
  const blocked = costingProblems(plan);
  for (let m = 1; m <= months; m++) {
    const reports = strategies(
      prepare(plan, (s) => growthFactor(s, m)),
      blocked,
    );
    const costs = {} as Record<StrategyId, number>;
    const capacity = {} as Record<StrategyId, Record<string, number>>;
    for (const r of reports) {
      costs[r.id] = r.monthlyCost;
      capacity[r.id] = r.capacity;
    }
    out.push({ month: m, costs, cheapest: cheapestOf(reports), capacity });
  }
  return out;
}
