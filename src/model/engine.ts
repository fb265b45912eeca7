// The cost engine: a resolved plan in, a report out. Pure and deterministic.
import { containerCluster } from './container-cluster.ts';
import type { Prepared } from './prepare.ts';
import { prepare } from './prepare.ts';
import { serverless } from './serverless.ts';
import { sharedHost } from './shared-host.ts';
import type { ForecastMonth, Plan, Report, Service, StrategyId, StrategyReport } from './types.ts';
import { vmPerService } from './vm-per-service.ts';

function strategies(p: Prepared): StrategyReport[] {
  return [sharedHost(p), vmPerService(p), containerCluster(p), serverless(p)];
}

function cheapestOf(reports: readonly StrategyReport[]): StrategyId | null {
  let best: StrategyReport | null = null;
  for (const r of reports) {
    if (!r.services.every((s) => s.included)) continue;
    if (best === null || r.monthlyCost < best.monthlyCost) best = r;
  }
  return best?.id ?? null;
}

/** Costs, utilization, capacity and warnings of the plan under all four strategies. */
export function evaluate(plan: Plan): Report {
  const reports = strategies(prepare(plan));
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
  for (let m = 1; m <= months; m++) {
    const reports = strategies(prepare(plan, (s) => growthFactor(s, m)));
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
