// The terms a strategy's figures are priced on, stated with its report (issue 10 §5–§6): its scaling mode, and what
// its total does not include. Read by the cards, the CSV, the CLI table and the report; never recomputed there.
import type { Plan, ScalingMode, StrategyId } from './types.ts';

/** The scaling mode a strategy's figures assume, and the hours ahead hourly capacity is sized for. */
export function scalingOf(plan: Plan, id: StrategyId): { mode: ScalingMode; aheadHours: number } {
  const st = plan.strategies;
  switch (id) {
    case 'shared-host':
      // The pool is sized for the peak hour and runs all period (docs/cost-model.md "Shared hosts").
      return { mode: 'static', aheadHours: 0 };
    case 'vm-per-service':
      return st.vmPerService.scaling === 'hourly'
        ? { mode: 'hourly', aheadHours: st.vmPerService.scaleAheadHours }
        : { mode: 'static', aheadHours: 0 };
    case 'container-cluster':
      return st.containerCluster.scaling === 'hourly'
        ? { mode: 'hourly', aheadHours: st.containerCluster.scaleAheadHours }
        : { mode: 'static', aheadHours: 0 };
    case 'serverless':
      return { mode: 'per-request', aheadHours: 0 };
  }
}

/**
 * What a strategy's total leaves out, in a planner's words: components the plan has not configured, and costs no
 * strategy models. Shown on each card and in every export, so a total is never read as more complete than it is.
 */
export function notIncluded(plan: Plan, id: StrategyId): string[] {
  const out: string[] = [];
  const lambda = id === 'serverless';
  if (lambda) {
    if (plan.strategies.serverless.apiGateway === 'none')
      out.push('a front door (API Gateway or a load balancer): none configured');
  } else if (plan.frontDoor.kind === 'none') {
    out.push('a load balancer in front: none configured');
  }
  if (!lambda && plan.storage.rootVolumeGiB === 0) out.push('root volumes: none configured');
  if (plan.network.natGateways === 0 && (!lambda || plan.strategies.serverless.inVpc))
    out.push('NAT gateways: none configured');
  if (plan.logs.bytesPerRequest === 0) out.push('log ingestion: no log volume given');
  if (plan.operations.hoursPerMonth[strategyKeyOf(id)] === 0 || plan.operations.hourlyRate === 0)
    out.push('people to run it: no operations estimate');
  out.push('data transfer between zones and to the internet');
  return out;
}

/** The settings key of a strategy (`strategies.<key>` in a plan). */
export function strategyKeyOf(
  id: StrategyId,
): 'sharedHost' | 'vmPerService' | 'containerCluster' | 'serverless' {
  switch (id) {
    case 'shared-host':
      return 'sharedHost';
    case 'vm-per-service':
      return 'vmPerService';
    case 'container-cluster':
      return 'containerCluster';
    case 'serverless':
      return 'serverless';
  }
}
