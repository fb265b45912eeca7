// Sizing for a latency target (issue 12 §3): each hour, arrivals λ = rps, service time S = durationMs, offered load
// A = λ·S; the smallest number of servers c with P(wait > t) ≤ 1 − percentile (Erlang C, erlang.ts); instances =
// ⌈c ÷ concurrencyPerInstance⌉. A strategy that counts instances (VMs, pods, tasks, instances on a shared pool)
// counts max(its CPU-sized instances, these). docs/cost-model.md "Latency targets (Erlang C)".
import { serversFor, waitAtPercentile } from './erlang.ts';
import { clean } from './money.ts';
import { HOURS_PER_WEEK } from './time.ts';
import type { PreparedService } from './prepare.ts';
import type { LatencySizing, LatencyTarget, Service, ServiceCost } from './types.ts';

/** What a `latency` object leaves out (docs/plan-format.md): p95 within 50 ms, one request per instance at a time. */
export const DEFAULT_LATENCY: LatencyTarget = {
  targetWaitMs: 50,
  percentile: 0.95,
  concurrencyPerInstance: 1,
};

/** Requests that must be served at once in an hour of `rps` for the target: Erlang C's c (0 with no traffic). */
export function latencyServers(rps: number, target: LatencyTarget, durationMs: number): number {
  const s = durationMs / 1000;
  return serversFor(rps * s, target.targetWaitMs / 1000, s, target.percentile);
}

/**
 * Instances an hour of `rps` needs for the service's latency target, ⌈c ÷ concurrencyPerInstance⌉; 0 when the
 * service has none. Any strategy that counts instances takes the larger of this and its CPU-sized count.
 */
export function latencyInstances(service: Service, rps: number): number {
  const l = service.latency;
  if (!l) return 0;
  return Math.ceil(latencyServers(rps, l, service.durationMs) / l.concurrencyPerInstance);
}

/** `latencyInstances` for each hour of a week of rps (hours of the same traffic computed once); null without a target. */
export function latencyWeek(service: Service, rps: readonly number[]): number[] | null {
  if (!service.latency) return null;
  const seen = new Map<number, number>();
  return rps.map((r) => {
    let n = seen.get(r);
    if (n === undefined) {
      n = latencyInstances(service, r);
      seen.set(r, n);
    }
    return n;
  });
}

/**
 * `latencyWeek` of a prepared service's week (its traffic as the forecast month has it), computed once for the
 * strategies that all need them (VMs, pods, the shared pool) and kept on the prepared week (PreparedService
 * `latencyWeek`; never changed once made, so the result is the same whoever asks first).
 */
export function preparedLatency(s: PreparedService): number[] | null {
  if (!s.service.latency) return null;
  if (s.latencyWeek === undefined) s.latencyWeek = latencyWeek(s.service, s.rps);
  return s.latencyWeek;
}

/**
 * How the latency target sized a service: `counts` are the instances counted each hour, `cpuCounts` those CPU alone
 * gives (floor and zones included), both 168 hours (a static fleet repeats its one count). The wait reported is the
 * worst hour's: the wait the target's percentile of requests stays within with that hour's instances.
 */
export function latencySizing(
  service: Service,
  rps: readonly number[],
  counts: readonly number[],
  cpuCounts: readonly number[],
): LatencySizing | null {
  const l = service.latency;
  if (!l) return null;
  const s = service.durationMs / 1000;
  let busiest = 0;
  let latencyHours = 0;
  let wait = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    if (counts[h]! > counts[busiest]!) busiest = h;
    if (counts[h]! > cpuCounts[h]!) latencyHours++;
    const servers = counts[h]! * l.concurrencyPerInstance;
    wait = Math.max(wait, waitAtPercentile(servers, rps[h]! * s, s, l.percentile));
  }
  return {
    sizedBy: counts[busiest]! > cpuCounts[busiest]! ? 'latency' : 'cpu',
    cpuInstances: cpuCounts[busiest]!,
    instances: counts[busiest]!,
    latencyHours,
    waitMs: clean(wait * 1000),
    percentile: l.percentile,
    targetWaitMs: l.targetWaitMs,
  };
}

/** Per-service costs with each service's latency sizing (index by index); the same array when no service has one. */
export function withLatency(costs: ServiceCost[], sizing: readonly (LatencySizing | null)[]): ServiceCost[] {
  if (sizing.every((x) => x === null)) return costs;
  return costs.map((c, i) => {
    const l = sizing[i];
    return l ? { ...c, latency: l } : c;
  });
}
