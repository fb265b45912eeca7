// Lambda's complete total (issue 10 §6): the services Lambda cannot run (stateful, too long, too much memory) are
// priced, when the plan names a fallback strategy, as that strategy would price them alone — on a sub-plan of just
// those services, so their own VMs, or a cluster or pool of their own with its fixed costs (control plane, minimum
// hosts) — and added to Lambda's total, each line labelled. The strategies themselves are run unchanged; this file
// only composes their reports. docs/cost-model.md "Complete totals".
import { sumCents } from './money.ts';
import type { Prepared } from './prepare.ts';
import { narrowed, strategyNameIn } from './prepare.ts';
import { productNames } from './provider.ts';
import { serverlessIneligibility } from './serverless.ts';
import { figuresOf, strategyEntry, strategyOfKey, STRATEGY_SHORT_NAMES } from './registry.ts';
import { configuredComponents, notIncluded } from './terms.ts';
import { logGigabytes, weekRequestsOf } from './components.ts';
import type {
  CostingProblem,
  Plan,
  ServerlessFallback,
  ServiceCost,
  StrategyId,
  StrategyReport,
  Warning,
} from './types.ts';

/** The strategy a fallback setting names (`null` for `"none"`). */
export function fallbackStrategy(fallback: ServerlessFallback): FallbackId | null {
  if (fallback === 'none') return null;
  const id = strategyOfKey(fallback);
  return id === 'serverless' || id === 'serverless-containers' ? null : id;
}

/** A strategy that can price the services Lambda cannot run. */
export type FallbackId = Exclude<StrategyId, 'serverless' | 'serverless-containers'>;

const plural = (n: number): string => `${n} service${n === 1 ? '' : 's'}`;

/** What the fallback adds, in the strategy's name: "VMs for 1 service", "a cluster for 2 services". */
function fallbackPhrase(id: StrategyId, n: number): string {
  switch (id) {
    case 'vm-per-service':
      return `VMs for ${plural(n)}`;
    case 'container-cluster':
      return `a cluster for ${plural(n)}`;
    default:
      return `shared hosts for ${plural(n)}`;
  }
}

/** Where one fallback service runs, for its warning: "on VMs of its own". */
function whereItRuns(id: StrategyId): string {
  switch (id) {
    case 'vm-per-service':
      return 'on VMs of its own';
    case 'container-cluster':
      return 'on a Kubernetes cluster of its own';
    default:
      return 'on shared hosts of its own';
  }
}

/** "Serverless (Lambda) + VMs for 1 service". */
export function fallbackName(id: StrategyId, services: number, plan?: Plan): string {
  const serverless = plan ? strategyNameIn(plan, 'serverless') : strategyEntry('serverless').name;
  return `${serverless} + ${fallbackPhrase(id, services)}`;
}

/** The names of the services Lambda cannot run, in plan order. */
export function lambdaIneligible(plan: Plan): string[] {
  return plan.services.filter((s) => serverlessIneligibility(s, plan.catalog) !== null).map((s) => s.name);
}

/**
 * Why Lambda with its fallback cannot be costed: the fallback strategy's costing problems that concern the services
 * it would run (or the strategy as a whole), each saying it is the fallback's. `null` when there is nothing to
 * fall back on or the fallback can be costed. Costing problems are per service or per strategy setting
 * (problems.ts), so those of the whole plan, filtered, are exactly those of the sub-plan.
 */
export function fallbackProblems(
  plan: Plan,
  blocked: ReadonlyMap<StrategyId, CostingProblem[]>,
): CostingProblem[] | null {
  const id = fallbackStrategy(plan.strategies.serverless.fallback);
  if (id === null) return null;
  const names = new Set(lambdaIneligible(plan));
  if (names.size === 0) return null;
  const problems = (blocked.get(id) ?? []).filter((p) => p.service === null || names.has(p.service));
  if (problems.length === 0) return null;
  const who = STRATEGY_SHORT_NAMES[id];
  return problems.map((p) => ({
    ...p,
    message: `the fallback (${who}) for the services Lambda cannot run cannot be costed: ${p.message}`,
  }));
}

/**
 * The plan the fallback strategy prices: only the services Lambda cannot run; without the operations estimate (the
 * planner's person-hours for the serverless strategy cover it as a whole); when the functions are in the VPC,
 * without the NAT gateways (Lambda's total already pays for the VPC's); and with only the free log GB Lambda's
 * services left (the free GB are the account's, counted once).
 */
function subPlan(plan: Plan, names: ReadonlySet<string>, freeLogGB: number): Plan {
  const out: Plan = {
    ...plan,
    services: plan.services.filter((s) => names.has(s.name)),
    operations: {
      hourlyRate: 0,
      hoursPerMonth: {
        sharedHost: 0,
        vmPerService: 0,
        containerCluster: 0,
        serverless: 0,
        serverlessContainers: 0,
      },
    },
  };
  if (plan.strategies.serverless.inVpc) out.network = { natGateways: 0, natGBPerMonth: 0 };
  const logs = plan.catalog.logs;
  if (logs && logs.freeGBPerMonth !== freeLogGB)
    out.catalog = { ...plan.catalog, logs: { ...logs, freeGBPerMonth: freeLogGB } };
  return out;
}

/** The groundwork of the sub-plan from the whole plan's (the same service weeks, already grown in a forecast). */
function subPrepared(p: Prepared, plan: Plan): Prepared {
  const services = plan.services.map((s) => p.services[p.byName.get(s.name)!]!);
  // Kept sums under their own slot names, so the whole plan's kept trees are not rebuilt for the sub-plan.
  return narrowed(p, plan, services, (slot, rows) => p.sums(`fallback ${slot}`, rows));
}

/** The free log GB a month Lambda's own services leave for its fallback (components.ts prices Lambda's first). */
function freeLogGBLeft(p: Prepared, lambda: StrategyReport): number {
  const free = p.plan.catalog.logs?.freeGBPerMonth ?? 0;
  if (!configuredComponents(p.plan, 'serverless').logs || free === 0) return free;
  const runs = new Set(lambda.services.filter((s) => s.included).map((s) => s.service));
  const used = logGigabytes(
    p,
    'serverless',
    weekRequestsOf(
      p,
      p.services.map((s) => runs.has(s.service.name)),
    ),
  );
  return Math.max(0, free - used.reduce((a, b) => a + b, 0));
}

/**
 * Lambda's report with the services it cannot run priced by the plan's fallback strategy and included in its
 * total; `lambda` as is when the fallback is `"none"` or Lambda runs every service. Call `fallbackProblems` first:
 * this runs the fallback strategy, which must be costable for those services.
 */
export function withFallback(p: Prepared, lambda: StrategyReport): StrategyReport {
  const plan = p.plan;
  const id = fallbackStrategy(plan.strategies.serverless.fallback);
  if (id === null) return lambda;
  const names = new Set(lambda.services.filter((s) => !s.included).map((s) => s.service));
  if (names.size === 0) return lambda;
  const sub = strategyEntry(id).evaluate(subPrepared(p, subPlan(plan, names, freeLogGBLeft(p, lambda))));
  const label = `Fallback (${STRATEGY_SHORT_NAMES[id]})`;

  const lineItems = [
    ...lambda.lineItems,
    ...sub.lineItems.map((l) => ({ ...l, component: `${label}: ${l.component}` })),
  ];
  const subCost = new Map(sub.services.map((s) => [s.service, s.cost]));
  const services: ServiceCost[] = lambda.services.map((s) =>
    s.included ? s : { service: s.service, cost: subCost.get(s.service) ?? 0, included: true, via: id },
  );
  const byName = new Map(plan.services.map((s) => [s.name, s]));
  const product = productNames(plan.catalog).functions;
  const warnings: Warning[] = [
    ...lambda.warnings.map((w) => {
      const s = w.code === 'not-eligible' && w.service !== null ? byName.get(w.service) : undefined;
      const why = s ? serverlessIneligibility(s, plan.catalog) : null;
      if (!s || why === null) return w;
      return {
        ...w,
        message: `${s.name} cannot run on ${product}: ${why}. It is priced ${whereItRuns(id)} in this total (fallback: ${STRATEGY_SHORT_NAMES[id]}).`,
      };
    }),
    ...sub.warnings.map((w) => ({ ...w, message: `${label}: ${w.message}` })),
  ];
  // What the fallback's total leaves out that Lambda's does not, said to be the fallback's (its operations are
  // covered by the serverless estimate, so the fallback's list is taken as if it had one).
  const own = new Set(lambda.notIncluded);
  const estimated: Plan = {
    ...plan,
    operations: {
      hourlyRate: 1,
      hoursPerMonth: {
        sharedHost: 1,
        vmPerService: 1,
        containerCluster: 1,
        serverless: 1,
        serverlessContainers: 1,
      },
    },
  };
  const extra = notIncluded(estimated, id)
    .filter((x) => !own.has(x))
    .map((x) => `${x} (for the fallback, ${STRATEGY_SHORT_NAMES[id]})`);

  const capacity = { ...lambda.capacity, servicesExcluded: 0, servicesOnFallback: names.size };
  return {
    ...lambda,
    name: fallbackName(id, names.size, plan),
    notIncluded: [...lambda.notIncluded, ...extra],
    monthlyCost: sumCents(lineItems.map((l) => l.cost)),
    lineItems,
    services,
    warnings,
    capacity,
    figures: figuresOf(lambda.id, capacity),
  };
}
