// The terms a strategy's figures are priced on, stated with its report (issue 10 §5–§6): its scaling mode, and what
// its total does not include. Read by the cards, the CSV, the CLI table and the report; never recomputed there.
import { strategyEntry } from './registry.ts';
import type { Plan, ScalingMode, StrategyId, StrategyKey } from './types.ts';

/** The scaling mode a strategy's figures assume, and the hours ahead hourly capacity is sized for (registry.ts). */
export function scalingOf(plan: Plan, id: StrategyId): { mode: ScalingMode; aheadHours: number } {
  return strategyEntry(id).scaling(plan);
}

/** The load balancer in front of a strategy's services, or `null` when it has none (Lambda's API Gateway is not one). */
export function loadBalancerOf(
  plan: Plan,
  id: StrategyId,
): { kind: 'alb' | 'nlb'; lambdaTargets: boolean } | null {
  if (id === 'serverless')
    return plan.strategies.serverless.apiGateway === 'alb' ? { kind: 'alb', lambdaTargets: true } : null;
  return plan.frontDoor.kind === 'none' ? null : { kind: plan.frontDoor.kind, lambdaTargets: false };
}

/**
 * The priced components (issue 10 §2, §4) a plan configures for a strategy: each is configured when its field is not
 * off, and applies to the strategy (root volumes: not Lambda, not Fargate, which runs no instance of the plan's;
 * NAT: Lambda only in a VPC). Operations need no catalog price (the rate is the user's).
 */
export function configuredComponents(
  plan: Plan,
  id: StrategyId,
): {
  loadBalancer: { kind: 'alb' | 'nlb'; lambdaTargets: boolean } | null;
  rootVolumes: boolean;
  nat: boolean;
  logs: boolean;
  operations: boolean;
} {
  const lambda = id === 'serverless';
  return {
    loadBalancer: loadBalancerOf(plan, id),
    rootVolumes: hasRootVolumes(id) && plan.storage.rootVolumeGiB > 0,
    nat:
      (!lambda || plan.strategies.serverless.inVpc) &&
      (plan.network.natGateways > 0 || plan.network.natGBPerMonth > 0),
    logs: plan.logs.bytesPerRequest > 0,
    operations: plan.operations.hourlyRate > 0 && plan.operations.hoursPerMonth[strategyKeyOf(id)] > 0,
  };
}

/** Whether a strategy runs instances of its own that carry the plan's root volumes (Lambda and Fargate do not). */
function hasRootVolumes(id: StrategyId): boolean {
  return id !== 'serverless' && id !== 'serverless-containers';
}

/**
 * The components a plan configures for a strategy that its catalog has no price for, in a planner's words: they
 * are left out of the total, listed as not included, and warned about (components.ts).
 */
export function unpricedComponents(plan: Plan, id: StrategyId): string[] {
  const c = configuredComponents(plan, id);
  const cat = plan.catalog;
  const out: string[] = [];
  if (c.loadBalancer && !cat.loadBalancers)
    out.push(`the load balancer in front (${c.loadBalancer.kind.toUpperCase()})`);
  if (c.rootVolumes && cat.blockStorage?.[plan.storage.type] === undefined)
    out.push(`root volumes (${plan.storage.type})`);
  if (c.nat && !cat.nat) out.push('NAT gateways');
  if (c.logs && !cat.logs) out.push('log ingestion');
  // Functions behind API Gateway on a catalog without its prices (another cloud, issue 13 §1).
  const gateway = plan.strategies.serverless.apiGateway;
  if (id === 'serverless' && (gateway === 'http' || gateway === 'rest') && !cat.apiGateway)
    out.push(`API Gateway (${gateway === 'http' ? 'HTTP API' : 'REST API'})`);
  return out;
}

/**
 * What a strategy's total leaves out, in a planner's words: components the plan has not configured, components it
 * configured that the catalog cannot price, and costs no strategy models. Shown on each card and in every export,
 * so a total is never read as more complete than it is. A component configured and priced is not listed.
 */
export function notIncluded(plan: Plan, id: StrategyId): string[] {
  const out: string[] = [];
  const lambda = id === 'serverless';
  const c = configuredComponents(plan, id);
  if (lambda) {
    if (plan.strategies.serverless.apiGateway === 'none')
      out.push('a front door (API Gateway or a load balancer): none configured');
  } else if (plan.frontDoor.kind === 'none') {
    out.push('a load balancer in front: none configured');
  }
  if (hasRootVolumes(id) && !c.rootVolumes) out.push('root volumes: none configured');
  if (!c.nat && (!lambda || plan.strategies.serverless.inVpc)) out.push('NAT gateways: none configured');
  if (!c.logs) out.push('log ingestion: no log volume given');
  if (!c.operations) out.push('people to run it: no operations estimate');
  for (const what of unpricedComponents(plan, id))
    out.push(`${what}: configured, but catalog "${plan.catalog.id}" has no price for it`);
  // Priced parts of a component that leave something out, said where they apply.
  if (c.logs && plan.catalog.logs) out.push('log storage after ingestion (retention)');
  out.push('data transfer between zones and to the internet');
  return out;
}

/** The settings key of a strategy (`strategies.<key>` in a plan). */
export function strategyKeyOf(id: StrategyId): StrategyKey {
  return strategyEntry(id).settingsKey;
}
