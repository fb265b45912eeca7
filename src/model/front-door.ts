// Front doors priced the way AWS bills them (issue 10 §2): an Application or Network Load Balancer pays an hourly
// fee plus capacity units, where each hour's billed units are the LARGEST of the dimensions below. Formulas and the
// published example: ../shared/reference/pricing-2.md §1 (AWS ELB pricing page); docs/cost-model.md "Front doors".
import { HOURS_PER_WEEK, SECONDS_PER_HOUR } from './time.ts';
import type { LoadBalancerPrices } from './types.ts';

export type { LoadBalancerPrices };

/** How traffic arrives at a load balancer; the plan's `frontDoor` fields, with their defaults in the plan layer. */
export interface TrafficShape {
  /** Request plus response bytes of one request. */
  bytesPerRequest: number;
  /** Requests carried by one connection (keep-alive); new connections/s = rps ÷ this. */
  requestsPerConnection: number;
  /** How long a connection stays open; active connections = new connections/s × this. */
  connectionSeconds: number;
  /** Listener rules evaluated per request (ALB only; the first 10 are free). */
  rules: number;
}

/**
 * The longest an API Gateway integration may run before the client gets a timeout (pricing-2.md §3, AWS docs):
 * HTTP API at most 30 s (cannot be raised); REST API 29 s by default (raisable for Regional and private APIs).
 */
export const API_GATEWAY_TIMEOUT_MS = { http: 30_000, rest: 29_000 } as const;

/**
 * An ALB's idle timeout by default (AWS ELB docs; configurable from 1 to 4,000 s): a target that sends nothing back
 * for this long gets the client a 504. Not a hard limit like API Gateway's, so a request longer than it is a warning
 * to raise the setting, not a service that cannot run.
 */
export const ALB_DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** The ALB's LCU dimensions: one LCU is each of these per second / minute / hour (pricing-2.md §1). */
export const ALB_LCU = {
  newConnectionsPerSecond: 25,
  activeConnectionsPerMinute: 3000,
  processedGBPerHour: 1,
  processedGBPerHourLambda: 0.4,
  ruleEvaluationsPerSecond: 1000,
  freeRules: 10,
} as const;

/** The NLB's NLCU dimensions for TCP traffic (pricing-2.md §1). */
export const NLB_NLCU = {
  newConnectionsPerSecond: 800,
  activeConnections: 100_000,
  processedGBPerHour: 1,
} as const;

/** Decimal gigabytes, as AWS bills processed bytes (300 KB/s for an hour is 1.08 GB). */
const BYTES_PER_GB = 1e9;

/** The four ALB dimensions of one hour at `rps`, in LCUs, and the billed figure (their largest). */
export function albLcus(
  rps: number,
  shape: TrafficShape,
  lambdaTargets = false,
): {
  newConnections: number;
  activeConnections: number;
  processedBytes: number;
  ruleEvaluations: number;
  billed: number;
} {
  const newPerSecond = rps / shape.requestsPerConnection;
  const active = newPerSecond * shape.connectionSeconds;
  const gbPerHour = (rps * shape.bytesPerRequest * SECONDS_PER_HOUR) / BYTES_PER_GB;
  const rulesPerSecond = rps * Math.max(0, shape.rules - ALB_LCU.freeRules);
  const dims = {
    newConnections: newPerSecond / ALB_LCU.newConnectionsPerSecond,
    activeConnections: active / ALB_LCU.activeConnectionsPerMinute,
    processedBytes:
      gbPerHour / (lambdaTargets ? ALB_LCU.processedGBPerHourLambda : ALB_LCU.processedGBPerHour),
    ruleEvaluations: rulesPerSecond / ALB_LCU.ruleEvaluationsPerSecond,
  };
  return {
    ...dims,
    billed: Math.max(dims.newConnections, dims.activeConnections, dims.processedBytes, dims.ruleEvaluations),
  };
}

/** NLCUs billed in one hour at `rps` (the largest of the three TCP dimensions). */
export function nlbNlcus(rps: number, shape: TrafficShape): number {
  const newPerSecond = rps / shape.requestsPerConnection;
  const active = newPerSecond * shape.connectionSeconds;
  const gbPerHour = (rps * shape.bytesPerRequest * SECONDS_PER_HOUR) / BYTES_PER_GB;
  return Math.max(
    newPerSecond / NLB_NLCU.newConnectionsPerSecond,
    active / NLB_NLCU.activeConnections,
    gbPerHour / NLB_NLCU.processedGBPerHour,
  );
}

export type LoadBalancerKind = 'alb' | 'nlb';

/**
 * Capacity units that one request per second uses for an hour. Every dimension is proportional to the request rate
 * (no dimension has a fixed part), so the largest dimension is the same one in every hour and an hour at `rps` bills
 * rps × this: the hot path multiplies instead of evaluating four dimensions per service-hour.
 */
export function unitsPerRps(kind: LoadBalancerKind, shape: TrafficShape, lambdaTargets = false): number {
  return kind === 'alb' ? albLcus(1, shape, lambdaTargets).billed : nlbNlcus(1, shape);
}

/**
 * Capacity units of one load balancer summed over a week of hourly request rates. Each dimension is linear in the
 * request rate, so a shared load balancer is priced on the summed traffic (the largest dimension of the sum), not on
 * the sum of each service's largest — and since no dimension has a fixed part, the two are equal: sharing saves the
 * hourly fees, not units.
 */
export function weekUnits(
  kind: LoadBalancerKind,
  weekRps: readonly number[],
  shape: TrafficShape,
  lambdaTargets = false,
): number {
  if (weekRps.length !== HOURS_PER_WEEK)
    throw new Error(`a week has ${HOURS_PER_WEEK} hours, not ${weekRps.length}`);
  let rps = 0;
  for (const r of weekRps) rps += r;
  return rps * unitsPerRps(kind, shape, lambdaTargets);
}
